exports.alpha = 'a';
module.exports.beta = 'b';
Object.defineProperty(exports, 'gamma', { enumerable: true, value: 'g' });
const late = 'delta';
exports[late] = 'd'; // found only at run time: not a named export for import

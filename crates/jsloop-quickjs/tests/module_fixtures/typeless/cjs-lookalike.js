// CommonJS that only looks like an ES module to a line scan: it parses as
// CommonJS, so it is CommonJS.
const text = `
import x from 'y';
export const z = await x;
`;
module.exports = { lines: text.trim().split('\n').length };

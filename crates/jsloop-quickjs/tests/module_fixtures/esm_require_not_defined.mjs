// `require` in an ES module: Node's ReferenceError names the ES module scope.
process.on('exit', (c) => console.log('exit', c));
console.log('before');
require('./lib/helper.js');

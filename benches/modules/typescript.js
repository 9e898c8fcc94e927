// Loads typescript (one ~9 MB CommonJS file) for run.sh. process.browser
// keeps typescript from building its Node `sys` at load time (it needs fs,
// path, os and crypto, which jsloop does not provide yet); node does the
// same work.
process.browser = true;
const ts = require('typescript');
console.log(ts.version, typeof ts.createSourceFile);

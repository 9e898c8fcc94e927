// A CommonJS module that re-exports another whole (`module.exports =
// require(...)`): its names are detected through the re-export, as Node does.
import reexported, { one } from './lib/reexport.cjs';
console.log(one(), reexported.two, reexported.three);

// node_modules: main, scoped packages, exports with conditions (require),
// subpath exports, imports (#), and require.resolve.
const rel = (p) => p.replace(__dirname, '.');
console.log(require('cjs-only').hello('you'), require('cjs-only').version);
console.log(require('@scope/util').scoped);
console.log(require('dual').which, rel(require.resolve('dual')));
console.log(require('dual/feature'));
console.log(require('dual/package.json').version);
console.log(require('#helper').add(1, 1));
console.log(rel(require.resolve('./lib/helper')));
console.log(require.resolve('node:module'), require.resolve('module'));

// require of relative files (extension probing), JSON, require.main, the
// cache (one instance), and module.exports replacement.
const helper = require('./lib/helper');
console.log(helper.add(2, 3), require('./lib/helper.js') === helper);
const data = require('./lib/data.json');
console.log(data.name, data.list.length, require('./lib/data') === data);
console.log(require.main === module, module.id, typeof module.exports, __filename.endsWith('cjs_local_files.js'));
const literal = require('./lib/literal.cjs');
console.log(literal.one(), literal.two, literal.three);
console.log(Object.keys(require.cache).some((k) => k.endsWith('lib/helper.js')));

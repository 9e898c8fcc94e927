// Node's errors for require: MODULE_NOT_FOUND with the require stack,
// ERR_PACKAGE_PATH_NOT_EXPORTED, ERR_UNKNOWN_BUILTIN_MODULE, bad ids.
const rel = (s) => s.split(__dirname).join('.');
function show(f) {
  try { f(); } catch (e) { console.log(e.code, '|', rel(e.message)); if (e.requireStack) console.log(e.requireStack.map(rel)); }
}
show(() => require('./lib/missing'));
show(() => require('no-such-package'));
show(() => require('dual/internal'));
show(() => require('node:no-such-builtin'));
show(() => require(''));
show(() => require(42));

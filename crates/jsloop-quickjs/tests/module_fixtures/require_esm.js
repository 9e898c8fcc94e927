// require() of ES modules, as node 20.20 does it.
const show = (e) => console.log(e.code, '|', e.message.split(__dirname).join('.'));
const a = require('./lib/esm/with-default.mjs');
console.log(a, a.__esModule, Object.keys(a), a.default);
console.log(require('./lib/esm/with-default.mjs') === a);
console.log(require.cache[require.resolve('./lib/esm/with-default.mjs')].exports === a);
const n = require('./lib/esm/named-only.mjs');
console.log(n, n.__esModule);
console.log(require('./lib/esm/module-exports.mjs')());
console.log(require('./lib/esm/has-esmodule.mjs'));
try { require('./lib/esm/tla.mjs'); } catch (e) { show(e); }
try { require('./lib/esm/tla-dep.mjs'); } catch (e) { show(e); }
try { require('./lib/esm/throws.mjs'); } catch (e) { console.log(e.name, e.message); }
try { require('./lib/esm/throws.mjs'); } catch (e) { console.log('again:', e.name, e.message); }
console.log(require('./lib/esm/cycle-a.mjs'));
console.log(require('./typeless/esm-syntax.js'));
console.log(require('./typeless/cjs-lookalike.js'));
import('./lib/esm/with-default.mjs').then((m) => console.log('import() after require():', m.default, m.x));
import('./lib/esm/tla.mjs').then((m) => console.log('import() of the awaiting module:', m.q));

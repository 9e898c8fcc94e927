const NodeCache = require('node-cache');
const cache = new NodeCache({ stdTTL: 0, checkperiod: 0, useClones: true });
const log = [];
cache.on('set', (k, v) => log.push(['set', k, v]));
cache.on('del', (k, v) => log.push(['del', k, v]));
cache.on('expired', (k, v) => log.push(['expired', k, v]));
cache.on('flush', () => log.push(['flush']));
const obj = { a: [1, 2] };
console.log(cache.set('k1', obj), cache.set('k2', 'v2', 0.1), cache.mset([{ key: 'k3', val: 3 }]));
obj.a.push(3);
console.log(cache.get('k1'), cache.get('missing'), cache.has('k2'), cache.keys(), cache.take('k3'));
console.log(cache.getStats().keys, cache.listenerCount('set'), cache.eventNames());
setTimeout(() => {
  console.log(cache.get('k2'), cache.del('k1'));
  cache.flushAll();
  console.log(log);
  try { cache.set({}, 1); } catch (e) { console.log(e.name, e.errorcode, e.message); }
  cache.close();
}, 300);

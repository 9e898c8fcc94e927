// The promise ordering trace that tests/promise_order.rs rebuilds with the
// Rust API. Its output (trace.out) comes from node: run ./regen.sh.
const log = (s) => console.log(s);

const a = Promise.resolve(1);
a.then((v) => { log('a1 ' + v); return v + 1; })
  .then((v) => { log('a2 ' + v); throw new Error('boom'); })
  .catch((e) => { log('a3 catch ' + e.message); return 'recovered'; })
  .finally(() => log('a4 finally'))
  .then((v) => log('a5 ' + v));

const b = Promise.reject(new Error('b'));
b.catch((e) => log('b1 ' + e.message));
b.finally(() => log('b2 finally')).catch((e) => log('b3 ' + e.message));

Promise.all([Promise.resolve('x'), new Promise((r) => r('y'))])
  .then((v) => log('all ' + v.join(',')));
Promise.race([Promise.reject(new Error('r')), Promise.resolve('late')])
  .then((v) => log('race ok ' + v), (e) => log('race err ' + e.message));
Promise.any([Promise.reject(new Error('n1')), Promise.resolve('any ok')])
  .then((v) => log('any ' + v));
Promise.any([Promise.reject(new Error('e1')), Promise.reject(new Error('e2'))])
  .catch((e) => log('any agg ' + e.errors.map((x) => x.message).join(',')));
Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('s'))])
  .then((r) => log('settled ' + r.map((x) => x.status).join(',')));

const c = Promise.resolve('c');
c.then((v) => { log('c1'); return Promise.resolve(v + '!'); })
  .then((v) => log('c2 ' + v));
c.then(() => log('c3'));

Promise.all([]).then((v) => log('all empty ' + v.length));
Promise.any([]).catch((e) => log('any empty ' + e.errors.length));

const d = Promise.resolve('d');
d.finally(() => { throw new Error('fin'); }).catch((e) => log('d1 ' + e.message));
d.then((v) => log('d2 ' + v));

log('sync end');

// Drives debug, which loads node:tty, node:util and supports-color: enabling
// namespaces, formatters (%o %O %j %d), colours off on a pipe, and a
// custom log function (output to stdout so the order is deterministic).
process.env.DEBUG_HIDE_DATE = '1';
const createDebug = require('debug');
createDebug.log = (...args) => console.log(...args);
createDebug.enable('app:*,-app:secret');
const log = createDebug('app:main');
const secret = createDebug('app:secret');
const other = createDebug('other');
console.log(log.enabled, secret.enabled, other.enabled, createDebug.enabled('app:x'));
log('hello %s, number %d, json %j', 'world', 42, { a: [1, 2] });
log('object %o', { nested: { deep: { deeper: 1 } }, list: [1, 2, 3] });
log('multi %O', { x: 1, y: 'two' });
secret('never printed');
const sub = log.extend('sub');
sub('from %s', sub.namespace);
createDebug.formatters.h = (v) => Buffer.from(v).toString('hex');
log('custom %h', 'hi');
console.log(createDebug.disable());
console.log(log.enabled, typeof createDebug.inspectOpts, createDebug.useColors());

// ES-module-only packages loaded with require() from CommonJS, as node 20.20
// allows: the namespace, with __esModule beside a default export.
const camelcase = require('camelcase');
console.log(Object.keys(camelcase), camelcase.__esModule);
console.log(camelcase.default('foo-bar baz'), camelcase.default('Foo_Bar', { pascalCase: true }));
const Queue = require('yocto-queue').default;
const q = new Queue();
q.enqueue(1);
q.enqueue(2);
console.log(q.size, q.dequeue(), [...q]);
const pLimit = require('p-limit').default;
const limit = pLimit(1);
Promise.all([limit(async () => 'a'), limit(async () => 'b')]).then((r) => console.log(r, limit.activeCount));

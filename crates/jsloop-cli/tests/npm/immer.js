// immer (dual: `require` condition, CommonJS dist): immutable updates with drafts.
const { produce, freeze, isDraft, enablePatches, produceWithPatches, applyPatches, enableMapSet, current } = require('immer');

const base = { todos: [{ id: 1, done: false, text: 'a' }, { id: 2, done: true, text: 'b' }], meta: { n: 2 } };
const next = produce(base, (draft) => {
  draft.todos[0].done = true;
  draft.todos.push({ id: 3, done: false, text: 'c' });
  draft.meta.n = 3;
  console.log(isDraft(draft), current(draft).todos.length);
});
console.log(base.todos.length, next.todos.length, next.todos[1] === base.todos[1], Object.isFrozen(next));
console.log(JSON.stringify(next));
console.log(produce(base, () => {}) === base);
enablePatches();
const [s, patches, inverse] = produceWithPatches({ a: 1, list: [1, 2] }, (d) => {
  d.a = 2;
  d.list.pop();
});
console.log(s, patches, inverse);
console.log(applyPatches(s, inverse));
enableMapSet();
const m = produce(new Map([['k', { v: 1 }]]), (d) => {
  d.get('k').v = 2;
  d.set('z', { v: 9 });
});
console.log(m);
const frozen = freeze({ x: { y: 1 } }, true);
try {
  'use strict';
  (() => {
    'use strict';
    frozen.x.y = 2;
  })();
} catch (e) {
  console.log(e.constructor.name);
}

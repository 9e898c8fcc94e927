// lodash-es (ESM only, `type: module` with `main`, no `exports`): named and per-file imports.
import { debounce, sortBy, partition, mapValues, flow, pick, cloneDeep } from 'lodash-es';
import chunk from 'lodash-es/chunk.js';
import * as all from 'lodash-es';

console.log(chunk(['a', 'b', 'c', 'd'], 3));
console.log(sortBy([{ u: 'fred', a: 48 }, { u: 'barney', a: 36 }], ['a']).map((o) => o.u));
console.log(partition([1, 2, 3, 4, 5], (n) => n % 2));
console.log(mapValues({ a: 1, b: 2 }, (v) => v * 3));
console.log(flow([(a, b) => a + b, (n) => n * n])(2, 3));
console.log(pick({ a: 1, b: '2', c: 3 }, ['a', 'c']));
const src = { nested: { list: [1, [2]] } };
const copy = cloneDeep(src);
console.log(copy.nested.list[1] !== src.nested.list[1], copy);
console.log(typeof debounce, typeof all.default, all.default.VERSION === all.VERSION, Object.keys(all).length > 300);
console.log(all.default.chain([1, 2, 3]).map((x) => x + 1).reverse().value());

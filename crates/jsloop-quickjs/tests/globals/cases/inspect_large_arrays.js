// Node's first 100 items, then '... N more items'; holes as '<N empty
// items>'. The memory bound is checked by tests/inspect_bounds.rs; sizes here
// stay small because listing a dense array's other keys visits its elements.
const huge = [];
huge.length = 2 ** 32 - 1;
console.log(huge);
huge.x = 1;
console.log(huge);
const far = [];
far[1e9] = 1;
console.log(far);
console.log(new Uint8Array(5000));
console.log(new Array(2000).fill(0));
const tail = [1, , 3]; // eslint-disable-line no-sparse-arrays
tail.length = 1e6;
console.log(tail);
const spread = [];
spread[5] = 1;
spread[1e6] = 2;
spread[2e6] = 3;
console.log(spread);
const even = [];
for (let i = 0; i < 200; i += 2) even[i] = i;
even.length = 1e9;
console.log(even);
console.log(Object.assign(new Array(200).fill(1), { x: 1 }));
console.log(Object.assign(new Uint8Array(200), { x: 1 }));
console.log(Object.assign([1, 2, 3], { '01': 1, 1e2: 2, 4294967295: 3 }));
console.log(new Set(Array.from({ length: 103 }, (_, i) => i)));
console.log(new Map(Array.from({ length: 101 }, (_, i) => [i, -i])));
console.log(['x'.repeat(10001)]);

// Also run by tests/inspect_bounds.rs under a heap limit smaller than one
// string per element: printing follows node's 100-item cut, not the length.
const huge = [];
huge.length = 2 ** 32 - 1;
console.log(huge);
const far = [];
far[1e9] = 1;
console.log(far);
console.log(new Uint8Array(2e5));
console.log(new Array(1e5).fill(0));

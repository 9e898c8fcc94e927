console.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]);
console.table([1, 'two', { x: true }]);
console.table({ row1: { c: 3 }, row2: { d: [1, 2] } });
console.table([{ a: 1, b: 2 }, { a: 3, c: 4 }], ['a']);
console.table(new Map([['k', 1], [{ o: 1 }, 'v']]));
console.table(new Set(['s', 2]));
console.table('not tabular');
console.table([{ nested: { deep: { deeper: 1 } }, many: { a: 1, b: 2, c: 3 } }]);
console.table([]);

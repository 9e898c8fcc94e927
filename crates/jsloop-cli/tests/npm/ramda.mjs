// ramda (dual: `import` condition, `es/*` subpath patterns): curried functional helpers.
import * as R from 'ramda';
import pipe from 'ramda/es/pipe';

const people = [{ name: 'Ann', age: 30 }, { name: 'Bob', age: 25 }, { name: 'Cid', age: 35 }];
console.log(R.map(R.prop('name'), R.sortBy(R.prop('age'), people)));
console.log(R.groupBy((p) => (p.age >= 30 ? 'old' : 'young'), people));
const inc = R.add(1);
console.log(pipe(R.map(inc), R.filter((n) => n % 2 === 0), R.sum)([1, 2, 3, 4, 5]));
console.log(R.compose(R.toUpper, R.join('-'), R.reverse)(['a', 'b', 'c']));
console.log(R.assocPath(['a', 'b', 'c'], 42, { a: { x: 1 } }));
console.log(R.evolve({ count: R.inc, name: R.trim }, { count: 1, name: '  x  ' }));
console.log(R.view(R.lensIndex(1), [10, 20, 30]), R.over(R.lensProp('n'), R.negate, { n: 5 }));
console.log(R.range(0, 5), R.zipObj(['a', 'b'], [1, 2]), R.uniq([1, 1, '1', [1], [1]]));
console.log(R.cond([[R.equals(0), R.always('zero')], [R.T, R.identity]])(0), R.equals({ a: [1] }, { a: [1] }));
console.log(R.__ !== undefined, R.subtract(R.__, 3)(10));

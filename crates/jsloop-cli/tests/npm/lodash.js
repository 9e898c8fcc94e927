// lodash (CommonJS only): collections, objects, strings, function helpers.
const _ = require('lodash');

console.log(_.VERSION.split('.')[0]);
console.log(_.chunk([1, 2, 3, 4, 5], 2));
console.log(_.groupBy(['one', 'two', 'three', 'four'], 'length'));
console.log(_.sortBy([{ n: 'b', a: 2 }, { n: 'a', a: 2 }, { n: 'c', a: 1 }], ['a', 'n']).map((o) => o.n).join(','));
console.log(_.merge({ a: { b: 1 } }, { a: { c: 2 } }, { d: [3] }));
console.log(_.get({ a: [{ b: { c: 42 } }] }, 'a[0].b.c'), _.get({}, 'x.y', 'dflt'));
console.log(_.camelCase('Foo Bar-baz'), _.kebabCase('fooBarBaz'), _.snakeCase('Foo Bar'), _.startCase('hello-world'));
console.log(_.uniqBy([2.1, 1.2, 2.3], Math.floor), _.difference([3, 2, 1], [4, 2]));
console.log(_.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), _.isEqual(new Map([[1, 2]]), new Map([[1, 3]])));
const memo = _.memoize((n) => n * 2);
console.log(memo(21), memo.cache.has(21));
console.log(_.template('hello <%= user %>!')({ user: 'jsloop' }));
console.log(_.cloneDeep({ d: new Date(0), r: /x/g, s: new Set([1]) }));
console.log(_.range(0, 20, 5), _.zip(['a', 'b'], [1, 2]));
console.log(_.chain([3, 1, 2]).sortBy().map((x) => x * 10).value());
console.log(_.debounce !== undefined, typeof _.throttle);

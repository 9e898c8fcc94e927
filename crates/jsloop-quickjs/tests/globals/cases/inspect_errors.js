// Stacks differ between engines: every error here has a stack set by hand.
function withStack(err, frames = '    at f (file.js:1:1)\n    at g (file.js:2:2)') {
  err.stack = `${err.name}: ${err.message}\n${frames}`;
  return err;
}
console.log(withStack(new Error('plain')));
console.log(withStack(new TypeError('type')));
const coded = withStack(new Error('with code'));
coded.code = 'E_X';
coded.errno = 3;
console.log(coded);
console.log({ a: 1, e: withStack(new RangeError('r')) });
console.log([withStack(new Error('in array'))]);
class Foo extends Error {}
console.log(withStack(new Foo('foo')));
const noStack = new Error('gone');
Object.defineProperty(noStack, 'stack', { value: undefined });
console.log(noStack);
const empty = new Error('');
empty.stack = '';
console.log(empty);
const p = Promise.reject(withStack(new Error('no')));
p.catch(() => {});
console.log(p);
console.log('%s', withStack(new Error('as string')));
console.log(withStack(new Error('with cause', { cause: withStack(new Error('the cause')) })));
console.log(withStack(new Error('cause value', { cause: 'str' })));
console.log(withStack(new AggregateError([withStack(new Error('a1'))], 'agg')));
console.log(withStack(new Error('multi\nline message')));

console.log(new Date(0), new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), new Date(NaN));
console.log(/re/g, /a\/b/imsu, Object.assign(/x/, { extra: 1 }));
console.log(Promise.resolve(1), Promise.resolve({ a: [1, 2] }), new Promise(() => {}));
const rejected = Promise.reject(42);
rejected.catch(() => {});
console.log(rejected);
console.log({ p: Promise.resolve('x') });
const custom = { [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } };
console.log(custom, [custom]);

const N = 1000000;
const f = () => {};
const start = performance.now();
for (let i = 0; i < N; i++) clearTimeout(setTimeout(f, 60000));
console.log('clear_timeout', Math.round(N / ((performance.now() - start) / 1000)));

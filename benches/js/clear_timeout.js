const N = 1000000;
const f = () => {};
const start = performance.now();
for (let i = 0; i < N; i++) clearTimeout(setTimeout(f, 60000));
const elapsed = performance.now() - start;
console.log('clear_timeout', Math.round(N / (elapsed / 1000)));

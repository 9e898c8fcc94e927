// 100,000 timers set at once with the same 1 ms delay, all fired: timers per second.
const N = 100000;
let fired = 0;
const start = performance.now();
const f = () => {
  if (++fired === N) {
    const elapsed = performance.now() - start;
    console.log('timers_fanout', Math.round(N / (elapsed / 1000)));
  }
};
for (let i = 0; i < N; i++) setTimeout(f, 1);

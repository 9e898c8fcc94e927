// 100,000 timers set at once over 51 distinct delays (0–50 ms), all fired:
// timers per second. Each delay's timers interleave with every other delay's.
const N = 100000;
const DELAYS = 51;
let fired = 0;
const start = performance.now();
const f = () => {
  if (++fired === N) {
    const elapsed = performance.now() - start;
    console.log('timers_distinct_fanout', Math.round(N / (elapsed / 1000)));
  }
};
for (let i = 0; i < N; i++) setTimeout(f, i % DELAYS);

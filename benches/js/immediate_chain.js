const N = 500000;
let n = 0;
const start = performance.now();
function step() {
  if (++n < N) setImmediate(step);
  else console.log('immediate_chain', Math.round(N / ((performance.now() - start) / 1000)));
}
setImmediate(step);

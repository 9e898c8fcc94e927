const N = 500000;
let n = 0;
const start = performance.now();
function step() {
  if (++n < N) setImmediate(step);
  else {
    const elapsed = performance.now() - start;
    console.log('immediate_chain', Math.round(N / (elapsed / 1000)));
  }
}
setImmediate(step);

const N = 300;
let n = 0;
const start = performance.now();
function step() {
  if (++n < N) setTimeout(step, 0);
  else {
    const elapsed = performance.now() - start;
    console.log('timeout0_chain', Math.round(N / (elapsed / 1000)));
  }
}
setTimeout(step, 0);

const N = 300;
let n = 0;
const start = performance.now();
function step() {
  if (++n < N) setTimeout(step, 0);
  else console.log('timeout0_chain', Math.round(N / ((performance.now() - start) / 1000)));
}
setTimeout(step, 0);

const N = 1000000;
let n = 0;
const start = performance.now();
function step() {
  if (++n < N) process.nextTick(step);
  else console.log('nexttick_chain', Math.round(N / ((performance.now() - start) / 1000)));
}
process.nextTick(step);

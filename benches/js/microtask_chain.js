const N = 1000000;
let n = 0;
const start = performance.now();
function step() {
  if (++n < N) queueMicrotask(step);
  else {
    const elapsed = performance.now() - start;
    console.log('microtask_chain', Math.round(N / (elapsed / 1000)));
  }
}
queueMicrotask(step);

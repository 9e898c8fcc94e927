// A 1 ms interval for 500 ticks. Lateness of a tick = time since the
// previous tick minus the 1 ms period; prints the mean in milliseconds
// (the first tick is measured from the setInterval call).
const TICKS = 500;
let prev = performance.now();
let total = 0;
let n = 0;
const iv = setInterval(() => {
  const now = performance.now();
  total += now - prev - 1;
  prev = now;
  if (++n === TICKS) {
    clearInterval(iv);
    console.log('interval_lateness', (total / TICKS).toFixed(3));
  }
}, 1);

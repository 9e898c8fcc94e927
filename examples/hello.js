// A tour of the event loop: run it with `jsloop run examples/hello.js`
// and with `node examples/hello.js`; the output is the same.
console.log('1. main script runs first');

setTimeout(() => {
  console.log('5. timer fired');
  setImmediate(() => console.log('7. immediate queued by the timer runs before the next timer'));
  setTimeout(() => console.log('8. timer queued by the timer'), 0);
  process.nextTick(() => console.log('6. nextTick runs right after its callback'));
}, 10);

process.nextTick(() => console.log('2. nextTick runs before promise jobs'));
Promise.resolve('3. promise jobs run after nextTicks').then(console.log);
queueMicrotask(() => console.log('4. queueMicrotask shares the promise FIFO'));

async function main() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log('9. async/await resumed after 20 ms');
  const results = await Promise.allSettled([Promise.resolve('ok'), Promise.reject(new Error('nope'))]);
  console.log('10.', results.map((r) => r.status).join(' and '));
  const interval = setInterval(() => {
    console.log('11. interval tick, cleared by itself');
    clearInterval(interval);
  }, 1);
}
main();
process.on('exit', (code) => console.log(`12. exit event with code ${code}`));

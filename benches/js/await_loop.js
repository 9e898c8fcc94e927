const N = 1000000;
(async () => {
  const start = performance.now();
  for (let i = 0; i < N; i++) await null;
  const elapsed = performance.now() - start;
  console.log('await_loop', Math.round(N / (elapsed / 1000)));
})();

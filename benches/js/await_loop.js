const N = 1000000;
(async () => {
  const start = performance.now();
  for (let i = 0; i < N; i++) await null;
  console.log('await_loop', Math.round(N / ((performance.now() - start) / 1000)));
})();

const N = 1000000;
const start = performance.now();
let p = Promise.resolve(0);
for (let i = 0; i < N; i++) p = p.then((v) => v + 1);
p.then(() => {
  const elapsed = performance.now() - start;
  console.log('then_chain', Math.round(N / (elapsed / 1000)));
});

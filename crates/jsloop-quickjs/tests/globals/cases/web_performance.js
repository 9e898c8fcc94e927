const t0 = performance.now();
let x = 0;
for (let i = 0; i < 100000; i++) x += i;
const t1 = performance.now();
console.log(typeof t0, t0 >= 0, t1 >= t0, x);
console.log(typeof performance.timeOrigin, performance.timeOrigin <= Date.now());
console.log(Object.keys(performance.toJSON()).includes('timeOrigin'));

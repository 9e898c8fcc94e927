// new URL() over 100,000 distinct URLs (issue 10: at least 0.5x node).
const N = 100000;
const inputs = [];
for (let i = 0; i < N; i++) {
  inputs.push(`https://user${i % 7}@host${i % 100}.example.com:${8000 + (i % 50)}/path/${i}/seg?q=${i}&x=y#frag${i % 3}`);
}
let len = 0;
const start = performance.now();
for (let i = 0; i < N; i++) len += new URL(inputs[i]).href.length;
const secs = (performance.now() - start) / 1000;
if (len === 0) throw new Error('unreachable');
console.log('url_parse', Math.round(N / secs));

// p-limit (ESM only, depends on yocto-queue): a promise concurrency limiter.
import pLimit, { limitFunction } from 'p-limit';

const log = [];
const limit = pLimit(2);
const task = (name, ms) => limit(() => new Promise((resolve) => {
  log.push(`start ${name} (active ${limit.activeCount})`);
  setTimeout(() => {
    log.push(`end ${name}`);
    resolve(name.toUpperCase());
  }, ms);
}));
const results = await Promise.all([task('a', 300), task('b', 10), task('c', 5), task('d', 1)]);
console.log(log.join('\n'));
console.log(results, limit.activeCount, limit.pendingCount, limit.concurrency);
const double = limitFunction(async (n) => n * 2, { concurrency: 1 });
console.log(await Promise.all([1, 2, 3].map(double)));
try {
  pLimit(0);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
const failing = pLimit(1);
const r = await Promise.allSettled([failing(() => Promise.reject(new Error('nope'))), failing(() => 'after')]);
console.log(r.map((x) => x.status + ' ' + (x.value ?? x.reason.message)));

// EventEmitter.emit with 3 listeners, 10^6 times: emits per second. On bare
// QuickJS (no require) a minimal emitter in plain JavaScript stands in, the
// baseline node:events must stay within 20% of.
const N = 1000000;
class Minimal {
  constructor() { this.listeners = Object.create(null); }
  on(name, fn) { (this.listeners[name] ??= []).push(fn); return this; }
  emit(name, ...args) {
    const list = this.listeners[name];
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) list[i].apply(this, args);
    return true;
  }
}
const Emitter = typeof require === 'function' ? require('events') : Minimal;
const e = new Emitter();
let sum = 0;
e.on('data', (v) => { sum += v; });
e.on('data', (v) => { sum -= v; });
e.on('data', (v) => { sum += 1; });
const start = performance.now();
for (let i = 0; i < N; i++) e.emit('data', i);
if (sum !== N) throw new Error('wrong sum');
const elapsed = performance.now() - start;
console.log('events_emit', Math.round(N / (elapsed / 1000)));

const t = new EventTarget();
const log = [];
function a(ev) { log.push(`a:${ev.type}:${this === t}:${ev.target === t}`); }
const obj = { handleEvent(ev) { log.push(`obj:${ev.type}:${this === obj}`); } };
t.addEventListener('x', a);
t.addEventListener('x', a);
t.addEventListener('x', obj);
t.addEventListener('x', () => log.push('once'), { once: true });
t.addEventListener('x', (ev) => {
  log.push('adds');
  t.addEventListener('x', () => log.push('added during dispatch'));
}, { once: true });
console.log(t.dispatchEvent(new Event('x')), log.splice(0));
console.log(t.dispatchEvent(new Event('x')), log.splice(0));
t.removeEventListener('x', a);
t.removeEventListener('x', obj);
t.dispatchEvent(new Event('x'));
console.log(log.splice(0));

const c = new EventTarget();
c.addEventListener('y', (ev) => { ev.preventDefault(); log.push(`prevented ${ev.defaultPrevented}`); });
console.log(c.dispatchEvent(new Event('y')), c.dispatchEvent(new Event('y', { cancelable: true })), log.splice(0));

const s = new EventTarget();
s.addEventListener('z', (ev) => { log.push('first'); ev.stopImmediatePropagation(); });
s.addEventListener('z', () => log.push('never'));
s.dispatchEvent(new Event('z'));
console.log(log.splice(0));

const r = new EventTarget();
const second = () => log.push('second');
r.addEventListener('w', () => { log.push('first'); r.removeEventListener('w', second); });
r.addEventListener('w', second);
r.dispatchEvent(new Event('w'));
console.log(log.splice(0));

const ev = new Event('q', { cancelable: true, bubbles: true });
console.log(ev.type, ev.cancelable, ev.bubbles, ev.composed, ev.defaultPrevented, ev.isTrusted, ev.target, ev.eventPhase);
console.log(typeof ev.timeStamp, Event.AT_TARGET);
for (const bad of [() => new Event(), () => t.dispatchEvent({ type: 'x' }), () => t.addEventListener('x', 5)]) {
  try { bad(); } catch (e) { console.log(e.name, e.code, e.message); }
}
const ac = new AbortController();
const withSignal = new EventTarget();
withSignal.addEventListener('v', () => log.push('until aborted'), { signal: ac.signal });
withSignal.dispatchEvent(new Event('v'));
ac.abort();
withSignal.dispatchEvent(new Event('v'));
console.log(log.splice(0));
console.log(new EventTarget());

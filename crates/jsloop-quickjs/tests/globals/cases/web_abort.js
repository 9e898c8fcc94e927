const ac = new AbortController();
const { signal } = ac;
console.log(signal.aborted, signal.reason, ac, signal);
const order = [];
signal.onabort = (ev) => order.push(`onabort ${ev.type} ${ev.isTrusted}`);
signal.addEventListener('abort', (ev) => order.push(`listener ${ev.target === signal}`));
ac.abort();
ac.abort('again');
console.log(order, signal.aborted, signal.reason.name, signal.reason.message, signal.reason.code);
console.log(signal.reason instanceof DOMException, ac, signal);
try { signal.throwIfAborted(); } catch (e) { console.log('thrown', e === signal.reason); }
const custom = new AbortController();
custom.abort({ why: 'custom' });
console.log(custom.signal.reason);
const pre = AbortSignal.abort('r');
console.log(pre.aborted, pre.reason, AbortSignal.abort().reason.name);
try { new AbortSignal(); } catch (e) { console.log(e.name, e.code, e.message); }
const live = new AbortController();
live.signal.throwIfAborted();
const any = AbortSignal.any([live.signal, new AbortController().signal]);
live.abort('from any');
console.log(any.aborted, any.reason);
console.log(Object.prototype.toString.call(signal), Object.prototype.toString.call(ac));

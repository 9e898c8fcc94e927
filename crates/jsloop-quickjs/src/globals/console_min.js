// Interim console, until globals/console.rs lands: console over the
// interim util.inspect (js/inspect.js). Function body with (host, util, shared).
'use strict';
const write = (fd, s) => host.print(fd, s);
let groupIndent = '';
function emitLine(fd, args) {
  let s = util.format(...args);
  if (groupIndent) s = groupIndent + s.split('\n').join('\n' + groupIndent);
  write(fd, s + '\n');
}
const counts = new Map();
const timers0 = new Map();
const console = {
  log: (...a) => emitLine(1, a),
  info: (...a) => emitLine(1, a),
  debug: (...a) => emitLine(1, a),
  warn: (...a) => emitLine(2, a),
  error: (...a) => emitLine(2, a),
  trace: (...a) => emitLine(2, ['Trace' + (a.length ? ': ' + util.format(...a) : '')]),
  dir: (v) => emitLine(1, [util.inspect(v)]),
  assert: (cond, ...a) => { if (!cond) emitLine(2, a.length ? ['Assertion failed:', ...a] : ['Assertion failed']); },
  count: (label = 'default') => { const n = (counts.get(label) || 0) + 1; counts.set(label, n); emitLine(1, [`${label}: ${n}`]); },
  countReset: (label = 'default') => { counts.delete(label); },
  group: (...a) => { if (a.length) emitLine(1, a); groupIndent += '  '; },
  groupEnd: () => { groupIndent = groupIndent.slice(2); },
  time: (label = 'default') => { timers0.set(label, host.now()); },
  timeEnd: (label = 'default') => {
    const t = timers0.get(label);
    if (t !== undefined) { timers0.delete(label); emitLine(1, [`${label}: ${(host.now() - t).toFixed(3)}ms`]); }
  },
};
console.groupCollapsed = console.group;
Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true, enumerable: false });

// The global `performance` (an accessor, as Node's) and the perf_hooks
// classes that are globals: `perf_hooks`' exports, loaded on first use.
'use strict';
let performance;
Object.defineProperty(globalThis, 'performance', {
  get() { return performance ?? (performance = shared.requireBuiltin('perf_hooks').performance); },
  set(value) { Object.defineProperty(globalThis, 'performance', { value, writable: true, configurable: true, enumerable: true }); },
  configurable: true,
  enumerable: true,
});
for (const name of ['Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
  'PerformanceObserverEntryList', 'PerformanceResourceTiming']) {
  shared.lazyGlobal(name, 'perf_hooks');
}

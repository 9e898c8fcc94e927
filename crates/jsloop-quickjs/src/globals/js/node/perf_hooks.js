// node:perf_hooks: the Performance object (marks, measures, timerify, the
// loop's utilization and milestones), PerformanceObserver, and histograms
// over the core's (createHistogram, monitorEventLoopDelay).
'use strict';
const {
  nodeError, invalidArgType, invalidArgValue, outOfRange, missingArgs, validateFunction, validateInteger,
  validateNumber, validateObject, DOMException,
} = shared;
const perf = host.perf;
const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kIllegal = Symbol('kIllegal');
const now = () => host.now();
const illegal = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
const tag = (Ctor, name = Ctor.name) =>
  Object.defineProperty(Ctor.prototype, Symbol.toStringTag, { value: name, configurable: true });
const invalidTimestamp = (t) => nodeError(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${t} is not a valid timestamp`);

function inspectAs(name, value, depth, options, inspect) {
  if (depth < 0) return name;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${inspect(value, opts)}`;
}

// ---- entries -----------------------------------------------------------------------
const kName = Symbol('kName');
const kType = Symbol('kType');
const kStart = Symbol('kStart');
const kDuration = Symbol('kDuration');
const kDetail = Symbol('kDetail');

class PerformanceEntry {
  constructor(key, name, type, start, duration, detail) {
    if (key !== kIllegal) throw illegal();
    this[kName] = name;
    this[kType] = type;
    this[kStart] = start;
    this[kDuration] = duration;
    if (detail !== undefined) this[kDetail] = detail;
  }
  get name() { return this[kName]; }
  get entryType() { return this[kType]; }
  get startTime() { return this[kStart]; }
  get duration() { return this[kDuration]; }
  [kInspect](depth, options, inspect) {
    return inspectAs(this.constructor.name, this.toJSON(), depth, options, inspect);
  }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration };
  }
}

function withDetail(entry) {
  return { ...PerformanceEntry.prototype.toJSON.call(entry), detail: entry[kDetail] };
}

const cloneDetail = (detail) => (detail != null ? structuredClone(detail) : null);

class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    name = `${name}`;
    if (options != null) validateObject(options, 'options');
    const startTime = options?.startTime ?? now();
    validateNumber(startTime, 'startTime');
    if (startTime < 0) throw invalidTimestamp(startTime);
    if (milestones.includes(name)) throw invalidArgValue('name', name);
    super(kIllegal, name, 'mark', startTime, 0, cloneDetail(options?.detail));
  }
  get detail() { return this[kDetail]; }
  toJSON() { return withDetail(this); }
}
tag(PerformanceMark);

class PerformanceMeasure extends PerformanceEntry {
  constructor(key, name, start, duration, detail) {
    if (key !== kIllegal) throw illegal();
    super(kIllegal, name, 'measure', start, duration, detail);
  }
  get detail() { return this[kDetail]; }
  toJSON() { return withDetail(this); }
}
tag(PerformanceMeasure);

// `timerify`'s entries: the arguments are the detail.
class PerformanceNodeEntry extends PerformanceEntry {
  get detail() { return this[kDetail]; }
  toJSON() { return withDetail(this); }
}

class PerformanceResourceTiming extends PerformanceEntry {
  constructor() { throw illegal(); }
}
tag(PerformanceResourceTiming);

// ---- the entry buffers ---------------------------------------------------------------
const marks = [];
const measures = [];
const markTimes = new Map();
const byStart = (a, b) => a.startTime - b.startTime;

function filterEntries(name, type) {
  let list;
  if (type === 'mark') list = marks.slice();
  else if (type === 'measure') list = measures.slice();
  else if (type === undefined) list = marks.concat(measures);
  else list = [];
  if (name !== undefined) list = list.filter((e) => e.name === name);
  return list.sort(byStart);
}

function clearEntries(list, name) {
  if (name === undefined) {
    list.length = 0;
    return;
  }
  name = `${name}`;
  for (let i = list.length - 1; i >= 0; i--) if (list[i].name === name) list.splice(i, 1);
}

// ---- observers -------------------------------------------------------------------------
const supportedEntryTypes = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);
const observers = new Set();
const pending = new Set();
let dispatchQueued = false;
const kCallback = Symbol('kCallback');
const kBuffer = Symbol('kBuffer');
const kTypes = Symbol('kTypes');
const kMode = Symbol('kMode');

function queueDispatch() {
  if (dispatchQueued) return;
  dispatchQueued = true;
  setImmediate(() => {
    dispatchQueued = false;
    const list = Array.from(pending);
    pending.clear();
    for (const observer of list) {
      const records = observer.takeRecords();
      observer[kCallback].call(observer, new PerformanceObserverEntryList(kIllegal, records), observer);
    }
  });
}

function enqueue(entry) {
  for (const observer of observers) {
    if (!observer[kTypes].has(entry.entryType)) continue;
    observer[kBuffer].push(entry);
    pending.add(observer);
  }
  if (pending.size > 0) queueDispatch();
}

class PerformanceObserverEntryList {
  constructor(key, entries) {
    if (key !== kIllegal) throw illegal();
    this[kBuffer] = entries.sort(byStart);
  }
  getEntries() { return this[kBuffer].slice(); }
  getEntriesByType(type) {
    if (arguments.length === 0) throw missingArgs('type');
    type = `${type}`;
    return this[kBuffer].filter((e) => e.entryType === type);
  }
  getEntriesByName(name, type = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    name = `${name}`;
    if (type !== undefined) type = `${type}`;
    return this[kBuffer].filter((e) => e.name === name && (type === undefined || e.entryType === type));
  }
  [kInspect](depth, options, inspect) {
    return inspectAs('PerformanceObserverEntryList', this[kBuffer], depth, options, inspect);
  }
}
tag(PerformanceObserverEntryList);

class PerformanceObserver {
  constructor(callback) {
    validateFunction(callback, 'callback');
    this[kCallback] = callback;
    this[kBuffer] = [];
    this[kTypes] = new Set();
    this[kMode] = undefined;
  }
  static get supportedEntryTypes() { return supportedEntryTypes; }
  observe(options = {}) {
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = options;
    if (entryTypes === undefined && type === undefined) throw missingArgs('options.entryTypes', 'options.type');
    switch (this[kMode]) {
      case undefined:
        if (entryTypes !== undefined) this[kMode] = 'multiple';
        if (type !== undefined) this[kMode] = 'single';
        break;
      case 'single':
        if (entryTypes !== undefined) {
          throw new DOMException('PerformanceObserver can not change to multiple observations', 'InvalidModificationError');
        }
        break;
      case 'multiple':
        if (type !== undefined) {
          throw new DOMException('PerformanceObserver can not change to single observation', 'InvalidModificationError');
        }
        break;
    }
    if (this[kMode] === 'multiple') {
      if (!Array.isArray(entryTypes)) throw invalidArgType('options.entryTypes', 'string[]', entryTypes);
      this[kTypes].clear();
      for (const t of entryTypes) if (supportedEntryTypes.includes(t)) this[kTypes].add(t);
    } else {
      if (!supportedEntryTypes.includes(type)) return;
      this[kTypes].add(type);
      if (buffered) {
        this[kBuffer].push(...filterEntries(undefined, type));
        pending.add(this);
        queueDispatch();
      }
    }
    if (this[kTypes].size > 0) observers.add(this);
    else this.disconnect();
  }
  disconnect() {
    observers.delete(this);
    pending.delete(this);
    this[kBuffer] = [];
    this[kTypes].clear();
    this[kMode] = undefined;
  }
  takeRecords() {
    const list = this[kBuffer];
    this[kBuffer] = [];
    return list;
  }
  [kInspect](depth, options, inspect) {
    return inspectAs('PerformanceObserver', {
      connected: observers.has(this),
      pending: pending.has(this),
      entryTypes: Array.from(this[kTypes]),
      buffer: this[kBuffer],
    }, depth, options, inspect);
  }
}
tag(PerformanceObserver);

// ---- histograms ----------------------------------------------------------------------------
const kHandle = Symbol('kHandle');
const kHighest = Symbol('kHighest');
const kExceeds = Symbol('kExceeds');
const kPrevDelta = Symbol('kPrevDelta');
const kMonitor = Symbol('kMonitor');
const kRecorded = Symbol('kRecorded');
// As Node's (an int64's maximum, as a number): the minimum of an empty histogram.
const EMPTY_MIN = 9223372036854775807n;

// Maps named as Node's internal ones, so that `inspect` prints them alike.
class SafeMap extends Map {}

class Histogram {
  constructor(key) {
    if (key !== kIllegal) throw illegal();
  }
  // The recorded values: a snapshot for the delay monitor.
  get [kHandle]() { return this[kMonitor] ? perf.delaySnapshot(this[kMonitor]) : this[kRecorded]; }
  get count() { return perf.histStats(this[kHandle])[0]; }
  get countBigInt() { return BigInt(this.count); }
  get min() { const m = perf.histStats(this[kHandle])[1]; return Number.isNaN(m) ? Number(EMPTY_MIN) : m; }
  get minBigInt() { const m = perf.histStats(this[kHandle])[1]; return Number.isNaN(m) ? EMPTY_MIN : BigInt(m); }
  get max() { const m = perf.histStats(this[kHandle])[2]; return Number.isNaN(m) ? 0 : m; }
  get maxBigInt() { return BigInt(this.max); }
  get mean() { return perf.histStats(this[kHandle])[3]; }
  get stddev() { return perf.histStats(this[kHandle])[4]; }
  get exceeds() { return perf.histStats(this[kHandle])[5] + (this[kExceeds] ?? 0); }
  get exceedsBigInt() { return BigInt(this.exceeds); }
  percentile(percentile) {
    validateNumber(percentile, 'percentile');
    if (!(percentile > 0 && percentile <= 100)) throw outOfRange('percentile', '> 0 && <= 100', percentile);
    return perf.histPercentile(this[kHandle], percentile);
  }
  percentileBigInt(percentile) { return BigInt(this.percentile(percentile)); }
  get percentiles() {
    const flat = perf.histPercentiles(this[kHandle]);
    const map = new SafeMap();
    if (flat.length === 0) map.set(100, 0);
    for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
    return map;
  }
  get percentilesBigInt() {
    const map = new SafeMap();
    for (const [p, v] of this.percentiles) map.set(p, BigInt(v));
    return map;
  }
  reset() {
    if (this[kMonitor]) perf.delayReset(this[kMonitor]);
    else perf.histReset(this[kRecorded]);
    if (this[kExceeds] !== undefined) this[kExceeds] = 0;
  }
  toJSON() {
    return {
      count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds,
      stddev: this.stddev, percentiles: Object.fromEntries(this.percentiles),
    };
  }
  [kInspect](depth, options, inspect) {
    return inspectAs('Histogram', {
      min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds,
      stddev: this.stddev, count: this.count, percentiles: this.percentiles,
    }, depth, options, inspect);
  }
}

class RecordableHistogram extends Histogram {
  constructor(key, highest) {
    super(key);
    this[kRecorded] = perf.histNew();
    this[kHighest] = highest;
    this[kExceeds] = 0;
    this[kPrevDelta] = undefined;
  }
  record(val) {
    if (typeof val === 'bigint') val = Number(val);
    else validateInteger(val, 'val', 1);
    if (val > this[kHighest]) this[kExceeds]++;
    else perf.histRecord(this[kRecorded], val);
  }
  recordDelta() {
    const t = Math.round(now() * 1e6);
    if (this[kPrevDelta] !== undefined) perf.histRecord(this[kRecorded], t - this[kPrevDelta]);
    this[kPrevDelta] = t;
  }
  add(other) {
    if (!(other instanceof RecordableHistogram)) throw invalidArgType('other', 'RecordableHistogram', other);
    perf.histAdd(this[kRecorded], other[kRecorded]);
    this[kExceeds] += other[kExceeds];
  }
}

class ELDHistogram extends Histogram {
  constructor(key, monitor) {
    super(key);
    this[kMonitor] = monitor;
  }
  enable() { return perf.delayEnable(this[kMonitor]); }
  disable() { return perf.delayDisable(this[kMonitor]); }
}

function createHistogram(options = {}) {
  validateObject(options, 'options');
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') {
    validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  } else if (highest < 2n * BigInt(lowest)) {
    throw invalidArgValue('options.highest', highest, 'is invalid', RangeError);
  }
  validateInteger(figures, 'options.figures', 1, 5);
  return new RecordableHistogram(kIllegal, Number(highest));
}

function monitorEventLoopDelay(options = {}) {
  validateObject(options, 'options');
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  const monitor = perf.delayNew(resolution);
  if (monitor === null) throw nodeError(Error, 'ERR_INVALID_STATE', 'Invalid state: the event loop is gone');
  return new ELDHistogram(kIllegal, monitor);
}

// ---- the Performance object ------------------------------------------------------------------
const timeOrigin = host.timeOrigin;
const milestones = ['nodeStart', 'v8Start', 'environment', 'loopStart', 'loopExit', 'bootstrapComplete'];

class PerformanceNodeTiming {
  constructor(key) { if (key !== kIllegal) throw illegal(); }
  get name() { return 'node'; }
  get entryType() { return 'node'; }
  get startTime() { return 0; }
  get duration() { return now(); }
  // The runtime's clock starts when the runtime is built: that is node's
  // start, the engine's and the environment's.
  get nodeStart() { return 0; }
  get v8Start() { return 0; }
  get environment() { return 0; }
  get bootstrapComplete() { return perf.bootstrapComplete; }
  get loopStart() { return perf.loopStart(); }
  get loopExit() { return perf.loopExit(); }
  get idleTime() { return Math.max(0, perf.idleTime()); }
  toJSON() {
    return {
      name: 'node', entryType: 'node', startTime: 0, duration: this.duration, nodeStart: this.nodeStart,
      v8Start: this.v8Start, bootstrapComplete: this.bootstrapComplete, environment: this.environment,
      loopStart: this.loopStart, loopExit: this.loopExit, idleTime: this.idleTime,
    };
  }
  [kInspect](depth, options, inspect) {
    return inspectAs('PerformanceNodeTiming', this.toJSON(), depth, options, inspect);
  }
}
const nodeTiming = new PerformanceNodeTiming(kIllegal);

function eventLoopUtilization(util1, util2) {
  const loopStart = perf.loopStart();
  if (loopStart < 0) return { idle: 0, active: 0, utilization: 0 };
  if (util2) {
    const idle = util1.idle - util2.idle;
    const active = util1.active - util2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const idle = Math.max(0, perf.idleTime());
  const active = now() - loopStart - idle;
  if (!util1) return { idle, active, utilization: active / (idle + active) };
  const idleDelta = idle - util1.idle;
  const activeDelta = active - util1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

function markTime(name) {
  if (name === undefined) return undefined;
  if (typeof name === 'number') {
    if (name < 0) throw invalidTimestamp(name);
    return name;
  }
  name = `${name}`;
  if (milestones.includes(name)) return nodeTiming[name];
  const t = markTimes.get(name);
  if (t === undefined) throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  return t;
}

function measureSpan(startOrOptions, endMark) {
  if (startOrOptions === null) startOrOptions = undefined;
  let start; let end; let duration; let detail;
  if (typeof startOrOptions === 'object') {
    ({ start, end, duration, detail } = startOrOptions);
    if (start !== undefined && end !== undefined && duration !== undefined) {
      throw nodeError(TypeError, 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS',
        'Must not have options.start, options.end, and options.duration specified');
    }
  }
  if (endMark !== undefined) end = markTime(endMark);
  else if (end !== undefined) end = markTime(end);
  else if (start !== undefined && duration !== undefined) end = markTime(start) + markTime(duration);
  else end = now();
  if (typeof startOrOptions === 'string') start = markTime(startOrOptions);
  else if (start !== undefined) start = markTime(start);
  else if (duration !== undefined && end !== undefined) start = end - markTime(duration);
  else start = 0;
  return { start, duration: end - start, detail };
}

function timerify(fn, options = {}) {
  validateFunction(fn, 'fn');
  validateObject(options, 'options');
  const { histogram } = options;
  if (histogram !== undefined && !(histogram instanceof RecordableHistogram)) {
    throw invalidArgType('options.histogram', 'RecordableHistogram', histogram);
  }
  const complete = (start, args) => {
    const duration = now() - start;
    if (histogram !== undefined) histogram.record(Math.max(1, Math.ceil(duration * 1e6)));
    const entry = new PerformanceNodeEntry(kIllegal, fn.name, 'function', start, duration, args);
    for (let i = 0; i < args.length; i++) entry[i] = args[i];
    enqueue(entry);
  };
  function timerified(...args) {
    const start = now();
    const result = new.target !== undefined ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (new.target === undefined && typeof result?.finally === 'function') {
      return result.finally(() => complete(start, args));
    }
    complete(start, args);
    return result;
  }
  Object.defineProperties(timerified, {
    length: { value: fn.length, configurable: true },
    name: { value: `timerified ${fn.name}`, configurable: true },
  });
  return timerified;
}

class Performance extends EventTarget {
  constructor() {
    throw illegal();
  }
  now() { return now(); }
  get timeOrigin() { return timeOrigin; }
  get nodeTiming() { return nodeTiming; }
  mark(name, options = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    const mark = new PerformanceMark(name, options);
    enqueue(mark);
    marks.push(mark);
    markTimes.set(mark.name, mark.startTime);
    return mark;
  }
  measure(name, startOrOptions = undefined, endMark = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    const { start, duration, detail } = measureSpan(startOrOptions, endMark);
    const measure = new PerformanceMeasure(kIllegal, `${name}`, start, duration, cloneDetail(detail));
    enqueue(measure);
    measures.push(measure);
    return measure;
  }
  clearMarks(name = undefined) {
    if (name === undefined) markTimes.clear();
    else markTimes.delete(`${name}`);
    clearEntries(marks, name);
  }
  clearMeasures(name = undefined) { clearEntries(measures, name); }
  getEntries() { return filterEntries(undefined, undefined); }
  getEntriesByName(name, type = undefined) {
    if (arguments.length === 0) throw missingArgs('name');
    return filterEntries(`${name}`, type === undefined ? undefined : `${type}`);
  }
  getEntriesByType(type) {
    if (arguments.length === 0) throw missingArgs('type');
    return filterEntries(undefined, `${type}`);
  }
  eventLoopUtilization(util1, util2) { return eventLoopUtilization(util1, util2); }
  timerify(fn, options) { return timerify(fn, options); }
  toJSON() {
    return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization() };
  }
  [kInspect](depth, options, inspect) {
    return inspectAs('Performance', { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin }, depth, options, inspect);
  }
}
tag(Performance);

const performance = Reflect.construct(EventTarget, [], Performance);

const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0,
  NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};

return {
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  PerformanceResourceTiming,
  constants,
  createHistogram,
  monitorEventLoopDelay,
  performance,
};

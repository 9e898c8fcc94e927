// performance.now() from the runtime's monotonic start, timeOrigin in ms since the epoch.
'use strict';
const { define } = shared;
const performance = {
  now: () => host.now(),
  timeOrigin: host.timeOrigin,
  toJSON() { return { timeOrigin: this.timeOrigin }; },
};
Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance', configurable: true });

define('performance', performance);

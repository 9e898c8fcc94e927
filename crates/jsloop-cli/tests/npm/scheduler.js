// Drives React's scheduler on its MessageChannel path (setImmediate hidden
// while it loads, as in a browser-like environment): priorities, yielding
// continuations and cancellation. The channel's listening port keeps the
// process alive (in node too), so the last task exits.
const savedImmediate = globalThis.setImmediate;
globalThis.setImmediate = undefined;
const Scheduler = require('scheduler');
globalThis.setImmediate = savedImmediate;
const { unstable_scheduleCallback: schedule, unstable_cancelCallback: cancel } = Scheduler;
const P = {
  immediate: Scheduler.unstable_ImmediatePriority,
  user: Scheduler.unstable_UserBlockingPriority,
  normal: Scheduler.unstable_NormalPriority,
  low: Scheduler.unstable_LowPriority,
  idle: Scheduler.unstable_IdlePriority,
};
const order = [];
schedule(P.low, () => order.push('low'));
schedule(P.normal, () => order.push('normal'));
schedule(P.immediate, () => order.push('immediate'));
schedule(P.user, () => order.push('user'));
const dropped = schedule(P.normal, () => order.push('cancelled'));
cancel(dropped);
let steps = 0;
schedule(P.normal, function work() {
  order.push(`step ${++steps}`);
  return steps < 3 ? work : undefined;
});
schedule(P.idle, () => {
  order.push('idle');
  console.log(order.join(', '));
  process.exit(0);
});
console.log(typeof MessageChannel, Scheduler.unstable_getCurrentPriorityLevel() === P.normal);

const first = require('ee-first');
const EventEmitter = require('events');
const a = new EventEmitter(); const b = new EventEmitter();
const thunk = first([[a, 'close', 'end', 'error'], [b, 'error']], (err, ee, event, args) => {
  console.log(err && err.message, ee === b, event, args.length, a.listenerCount('close'), b.listenerCount('error'));
});
b.emit('error', new Error('b failed'));
const t2 = first([[a, 'end']], () => console.log('never'));
t2.cancel();
console.log(a.emit('end'), a.eventNames());

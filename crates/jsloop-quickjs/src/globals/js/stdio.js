// process.stdout, process.stderr (Writables) and process.stdin (a
// Readable), each made on first use, as in Node. Output goes through the
// same path as console.log, so the two interleave in order: synchronous
// to files and terminals, asynchronous to pipes (a write the pipe cannot
// take at once finishes later; EPIPE when the reader is gone). Stdin is
// read on demand by the native reader (globals/node/stdio.rs), which keeps
// the process alive only while a read is wanted and the stream is not
// paused.
'use strict';
const process = shared.process;
// On a terminal, a tty.ReadStream / tty.WriteStream (js/node/tty.js).
function adoptTty(stream, fd) {
  shared.requireBuiltin('tty');
  return shared.ttyAdopt(stream, fd);
}

// Callbacks of queued pipe writes by sequence number (both streams).
const queued = new Map();
let lastSeq = 0;
function onWritten(fd, seq, errno) {
  const cb = queued.get(seq);
  queued.delete(seq);
  if (cb) cb(errno ? shared.errnoException(-errno, 'write') : undefined);
}

// The streams as made here, by fd, and what each one's `_write` and the
// prototype's `write` were, for `pristine`.
const made = [];
const ownWrites = [];
let protoWrite;

function makeWritable(fd) {
  const { Writable } = shared.requireBuiltin('stream');
  protoWrite = Writable.prototype.write;
  const { Buffer } = shared.requireBuiltin('buffer');
  const async = host.stdioKind(fd) === 'pipe' && host.stdioAsync(fd, onWritten);
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      if (async) {
        const text = typeof chunk === 'string';
        const data = text && encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(chunk, encoding) : chunk;
        const seq = ++lastSeq;
        const r = host.stdioWrite(fd, data, seq);
        if (r === 0) cb();
        else if (r === 1) queued.set(seq, cb);
        else cb(shared.errnoException(r, 'write'));
        return;
      }
      if (typeof chunk !== 'string') host.writeBytes(fd, chunk);
      else if (encoding === 'utf8' || encoding === 'utf-8' || !encoding) host.print(fd, chunk);
      else host.writeBytes(fd, Buffer.from(chunk, encoding));
      cb();
    },
    // As Node's: ending or destroying stdout or stderr never closes the
    // descriptor, and the stream stays usable (with a 'close' event).
    destroy(err, cb) {
      cb(err);
      this._undestroy();
      if (!this._writableState.emitClose) process.nextTick(() => this.emit('close'));
    },
  });
  made[fd] = stream;
  ownWrites[fd] = stream._write;
  stream.fd = fd;
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  if (host.isatty(fd)) return adoptTty(stream, fd);
  return stream;
}

function makeStdin() {
  const { Readable } = shared.requireBuiltin('stream');
  const { Buffer } = shared.requireBuiltin('buffer');
  // No reading ahead on a terminal (Node's tty.ReadStream has no high
  // water mark): a paused stdin then has no read outstanding, and the
  // process can exit.
  const stdin = new Readable({
    highWaterMark: host.isatty(0) ? 0 : 64 * 1024,
    read() { host.stdinRead(receive); },
  });
  function receive(bytes, error) {
    if (error !== undefined) {
      stdin.destroy(new Error(error));
    } else if (bytes === null) {
      stdin.push(null);
    } else {
      stdin.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
  }
  // A paused stdin stops reading one tick later (unless resumed), so the
  // process can exit; Node does the same.
  stdin.on('pause', () => process.nextTick(onpause));
  function onpause() {
    const state = stdin._readableState;
    if (state.reading && !stdin.readableFlowing) {
      state.reading = false;
      host.stdinStop();
    }
  }
  stdin.fd = 0;
  if (host.isatty(0)) return adoptTty(stdin, 0);
  return stdin;
}

// What process.stdout, stderr and stdin hold, by fd (undefined until read
// or assigned).
const assigned = [];
function lazy(name, fd, make) {
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: true,
    get() {
      if (assigned[fd] === undefined) assigned[fd] = make();
      return assigned[fd];
    },
    set(v) { assigned[fd] = v; },
  });
}
// The terminal's mode is restored when SIGINT or SIGTERM kills the
// process, not while JavaScript listens to them (globals/node/tty.rs).
const signalListen = host.signalListen;
const signalUnlisten = host.signalUnlisten;
const listening = new Map();
host.signalListen = (signal, fn) => {
  const id = signalListen(signal, fn);
  if (id >= 0) {
    listening.set(id, signal);
    host.ttyCountListener(signal, 1);
  }
  return id;
};
host.signalUnlisten = (id) => {
  if (listening.has(id)) host.ttyCountListener(listening.get(id), -1);
  listening.delete(id);
  return signalUnlisten(id);
};

const original = (fd) => made[fd] ?? makeWritable(fd);
lazy('stdout', 1, () => original(1));
lazy('stderr', 2, () => original(2));
lazy('stdin', 0, makeStdin);

// For the global console (console.js): it prints natively while the
// original stream of `fd` is not made, or is made and pristine (its write
// methods its own and nothing buffered), so output keeps its order and a
// replaced `write` sees everything.
function pristine(fd) {
  const stream = made[fd];
  if (stream === undefined) return true;
  const state = stream._writableState;
  return stream.write === protoWrite && stream._write === ownWrites[fd] && state.length === 0 &&
    !state.corked && !state.destroyed && !state.ending;
}
shared.stdio = {
  assigned: (fd) => assigned[fd],
  made: (fd) => made[fd],
  original,
  pristine,
};

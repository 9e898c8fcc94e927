// process.stdout, process.stderr (Writables) and process.stdin (a
// Readable), each made on first use, as in Node. Output is written
// synchronously through the same path as console.log, so the two
// interleave in order; stdin is read on demand by the native reader
// (globals/node/stdio.rs), which keeps the process alive only while a
// read is wanted and the stream is not paused.
'use strict';
const process = shared.process;
const { getColorDepth, hasColors } = shared.ttyColors;

function makeWritable(fd) {
  const { Writable } = shared.requireBuiltin('stream');
  const { Buffer } = shared.requireBuiltin('buffer');
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      if (typeof chunk !== 'string') host.writeBytes(fd, chunk);
      else if (encoding === 'utf8' || encoding === 'utf-8' || !encoding) host.print(fd, chunk);
      else host.writeBytes(fd, Buffer.from(chunk, encoding));
      cb();
    },
    // As Node's: ending stdout or stderr never closes the descriptor.
    destroy(err, cb) { cb(err); },
  });
  stream.fd = fd;
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  if (host.isatty(fd)) {
    const size = host.windowSize(fd) || [80, 24];
    Object.assign(stream, {
      isTTY: true,
      columns: size[0],
      rows: size[1],
      getColorDepth,
      hasColors,
      getWindowSize: () => [stream.columns, stream.rows],
    });
  }
  return stream;
}

function makeStdin() {
  const { Readable } = shared.requireBuiltin('stream');
  const { Buffer } = shared.requireBuiltin('buffer');
  const stdin = new Readable({
    highWaterMark: 64 * 1024,
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
  if (host.isatty(0)) {
    stdin.isTTY = true;
    stdin.isRaw = false;
  }
  return stdin;
}

function lazy(name, make) {
  let value;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: true,
    get() {
      if (value === undefined) value = make();
      return value;
    },
    set(v) { value = v; },
  });
}
lazy('stdout', () => makeWritable(1));
lazy('stderr', () => makeWritable(2));
lazy('stdin', makeStdin);

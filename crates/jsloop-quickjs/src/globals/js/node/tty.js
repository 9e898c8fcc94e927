// `tty`: isatty, ReadStream (a Readable with setRawMode/isRaw) and
// WriteStream (a Writable with columns/rows, 'resize', getWindowSize, the
// cursor helpers and the colour depth rules). process.stdin, stdout and
// stderr are instances when they are terminals (js/stdio.js makes them);
// a stream made here on another descriptor reads and writes it through
// `fs` (a read waits on the pool until input comes).
'use strict';
const { nodeError, errnoException, process } = shared;
const { getColorDepth, hasColors } = shared.ttyColors;
const { Readable, Writable } = shared.requireBuiltin('stream');
const { Buffer } = shared.requireBuiltin('buffer');
const readline = () => shared.requireBuiltin('readline');
const fs = () => shared.requireBuiltin('fs');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && host.isatty(fd);
}

function checkFd(fd) {
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) {
    throw nodeError(RangeError, 'ERR_INVALID_FD', `"fd" must be a positive integer: ${fd}`);
  }
  if (!host.isatty(fd)) {
    const e = nodeError(Error, 'ERR_TTY_INIT_FAILED', 'TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
    e.name = 'SystemError';
    throw e;
  }
}

function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  checkFd(fd);
  Readable.call(this, {
    highWaterMark: 0,
    ...options,
    read(size) {
      const buffer = Buffer.allocUnsafe(65536);
      fs().read(fd, buffer, 0, buffer.length, null, (err, n) => {
        if (err) this.destroy(err);
        else this.push(n === 0 ? null : buffer.subarray(0, n));
      });
    },
  });
  initReadStream(this, fd);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

function initReadStream(stream, fd) {
  stream.fd = fd;
  stream.isRaw = false;
  stream.isTTY = true;
}

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  flag = !!flag;
  const err = host.ttySetRawMode(this.fd, flag);
  if (err < 0) {
    this.emit('error', errnoException(err, 'setRawMode'));
    return this;
  }
  this.isRaw = flag;
  return this;
};

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  checkFd(fd);
  Writable.call(this, {
    decodeStrings: false,
    write(chunk, encoding, cb) {
      try {
        const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
        fs().writeSync(fd, data, 0, data.length);
      } catch (err) {
        cb(err);
        return;
      }
      cb();
    },
  });
  initWriteStream(this, fd);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

function initWriteStream(stream, fd) {
  stream.fd = fd;
  stream.isTTY = true;
  const size = host.windowSize(fd);
  if (size) [stream.columns, stream.rows] = size;
}

Object.assign(WriteStream.prototype, {
  getColorDepth(env) { return getColorDepth(env); },
  hasColors(count, env) { return hasColors(count, env); },
  getWindowSize() { return [this.columns, this.rows]; },
  _refreshSize() {
    const size = host.windowSize(this.fd);
    if (!size) {
      this.emit('error', errnoException(-9, 'getWindowSize'));
      return;
    }
    if (size[0] !== this.columns || size[1] !== this.rows) {
      [this.columns, this.rows] = size;
      this.emit('resize');
    }
  },
  cursorTo(x, y, cb) { return readline().cursorTo(this, x, y, cb); },
  moveCursor(dx, dy, cb) { return readline().moveCursor(this, dx, dy, cb); },
  clearLine(dir, cb) { return readline().clearLine(this, dir, cb); },
  clearScreenDown(cb) { return readline().clearScreenDown(this, cb); },
});

// process.stdin/stdout/stderr on a terminal: the stream js/stdio.js made
// (reading and writing through its natives) becomes an instance here;
// the standard outputs follow the window's size (SIGWINCH), as Node's.
shared.ttyAdopt = function adopt(stream, fd) {
  if (stream instanceof Writable) {
    Object.setPrototypeOf(stream, WriteStream.prototype);
    initWriteStream(stream, fd);
    process.on('SIGWINCH', () => stream._refreshSize());
  } else {
    Object.setPrototypeOf(stream, ReadStream.prototype);
    initReadStream(stream, fd);
  }
  return stream;
};

return { isatty, ReadStream, WriteStream };

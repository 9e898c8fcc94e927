// `tty`: isatty and minimal ReadStream/WriteStream classes (no stream
// machinery yet); the colour depth rules process.stdout uses.
'use strict';
const { nodeError } = shared;
const { getColorDepth, hasColors } = shared.ttyColors;

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

class ReadStream {
  constructor(fd) {
    checkFd(fd);
    this.fd = fd;
    this.isRaw = false;
    this.isTTY = true;
  }

  setRawMode(flag) {
    this.isRaw = !!flag;
    return this;
  }
}

class WriteStream {
  constructor(fd) {
    checkFd(fd);
    this.fd = fd;
    this.isTTY = true;
    const size = host.windowSize(fd);
    if (size) [this.columns, this.rows] = size;
  }

  getColorDepth(env) { return getColorDepth(env); }

  hasColors(count, env) { return hasColors(count, env); }

  getWindowSize() { return [this.columns, this.rows]; }
}

return { isatty, ReadStream, WriteStream };

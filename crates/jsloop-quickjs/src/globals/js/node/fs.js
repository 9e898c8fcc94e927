// node:fs: sync, callback and promise forms over host.fs.call(op, cb,
// ...args) (globals/node/fs): with a callback the operation runs on the
// loop's pool and calls back in the poll phase; without, it runs here.
// Errors carry Node's errno/code/syscall/path/dest (made natively).
// ReadStream/WriteStream are built on node:stream, loaded on first use.
// fs.watch is inotify (without recursive), watchFile polls with stat.
'use strict';
const native = host.fs;
const call = native.call;
const { Buffer } = shared.requireBuiltin('buffer');
const pathModule = shared.requireBuiltin('path');
const EventEmitter = shared.requireBuiltin('events');
const {
  nodeError, invalidArgType, outOfRange, validateFunction, validateInteger, validateBoolean, validateAbortSignal, AbortError,
} = shared;

const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0,
  UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6,
  UV_DIRENT_BLOCK: 7, EXTENSIONLESS_FORMAT_JAVASCRIPT: 0, EXTENSIONLESS_FORMAT_WASM: 1, S_IFMT: 61440,
  S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152,
  O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536,
  O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384, O_NONBLOCK: 2048,
  S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8,
  S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1,
  COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
  COPYFILE_FICLONE_FORCE: 4,
});
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, S_IFMT } = constants;

// ---- arguments ----------------------------------------------------------------
const isURL = (v) => v != null && typeof v.href === 'string' && typeof v.protocol === 'string' && v.auth === undefined && v.path === undefined;
const isUint8Array = (v) => v instanceof Uint8Array;
const isView = (v) => ArrayBuffer.isView(v);

function toPath(p, name = 'path') {
  if (isURL(p)) p = shared.requireBuiltin('url').fileURLToPath(p);
  if (typeof p !== 'string' && !isUint8Array(p)) throw invalidArgType(name, ['string', 'Buffer', 'URL'], p);
  const hasNul = typeof p === 'string' ? p.includes('\u0000') : p.includes(0);
  if (hasNul) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${util.inspect(p)}`);
  }
  return p;
}

function validateFd(fd, name = 'fd') {
  validateInteger(fd, name, 0, 2147483647);
  return fd;
}

function validateEncoding(enc) {
  if (enc != null && enc !== 'buffer' && !Buffer.isEncoding(enc)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'encoding' is invalid encoding. Received ${util.inspect(enc)}`);
  }
}

function getOptions(options, defaults) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    validateEncoding(options);
    return { ...defaults, encoding: options };
  }
  if (typeof options !== 'object') throw invalidArgType('options', ['string', 'Object'], options);
  const o = { ...defaults, ...options };
  validateEncoding(o.encoding);
  if (o.signal !== undefined) validateAbortSignal(o.signal, 'options.signal');
  return o;
}


const FLAGS = {
  r: O_RDONLY, rs: O_RDONLY | O_SYNC, sr: O_RDONLY | O_SYNC, 'r+': O_RDWR, 'rs+': O_RDWR | O_SYNC,
  'sr+': O_RDWR | O_SYNC, w: O_TRUNC | O_CREAT | O_WRONLY, wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL, 'w+': O_TRUNC | O_CREAT | O_RDWR,
  'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL, 'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  a: O_APPEND | O_CREAT | O_WRONLY, ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL, as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  sa: O_APPEND | O_CREAT | O_WRONLY | O_SYNC, 'a+': O_APPEND | O_CREAT | O_RDWR,
  'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL, 'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC, 'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};
function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags == null) return O_RDONLY;
  if (typeof flags === 'string' && Object.hasOwn(FLAGS, flags)) return FLAGS[flags];
  throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' is invalid. Received ${util.inspect(flags)}`);
}

function parseMode(mode, name, def) {
  if (mode == null && def !== undefined) return def;
  if (typeof mode === 'string') {
    if (!/^[0-7]+$/.test(mode)) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument '${name}' must be a 32-bit unsigned integer or an octal string. Received ${util.inspect(mode)}`);
    }
    mode = parseInt(mode, 8);
  }
  validateInteger(mode, name, 0, 4294967295);
  return mode;
}

function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time;
  if (typeof time === 'number') return Number.isFinite(time) ? (time < 0 ? Date.now() / 1000 : time) : Date.now() / 1000;
  if (time instanceof Date) return time.getTime() / 1000;
  throw invalidArgType(name, ['Date', 'Time in seconds'], time);
}

function toBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (isView(data)) return isUint8Array(data) ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArgType(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
const encoded = (s, encoding) => (encoding === 'buffer' ? Buffer.from(s) : s);
const decoded = (u8, encoding) => {
  const b = toBuffer(u8);
  return encoding && encoding !== 'buffer' ? b.toString(encoding) : b;
};

// Node's SystemError for ERR_FS_EISDIR (rm/cp of a directory without recursive).
class SystemError extends Error {}
Object.defineProperty(SystemError.prototype, 'name', { value: 'SystemError', writable: true, configurable: true });
function fixError(e, sync) {
  if (e == null || (e.syscall !== 'rm' && e.syscall !== 'cp')) return e;
  let info;
  let head;
  let code;
  if (e.code === 'EISDIR' && e.syscall === 'rm') {
    info = { code: 'EISDIR', message: 'is a directory', path: e.path, syscall: 'rm', errno: 21 };
    [head, code] = ['Path is a directory', 'ERR_FS_EISDIR'];
  } else if (e.code === 'EISDIR') {
    info = { message: `${e.path} is a directory (not copied)`, path: e.path, syscall: 'cp', errno: sync ? 22 : 21, code: 'EISDIR' };
    [head, code] = ['Path is a directory', 'ERR_FS_EISDIR'];
  } else if (e.code === 'EEXIST' && e.syscall === 'cp') {
    info = { message: `${e.path} already exists`, path: e.path, syscall: 'cp', errno: 17, code: 'EEXIST' };
    [head, code] = ['Target already exists', 'ERR_FS_CP_EEXIST'];
  } else {
    return e;
  }
  const s = nodeError(SystemError, code, `${head}: ${info.syscall} returned ${info.code} (${info.message}) ${e.path}`);
  s.info = info;
  s.errno = info.errno;
  s.syscall = info.syscall;
  s.path = e.path;
  return s;
}

// ---- the three forms -----------------------------------------------------------
const same = (r) => r;
// Without spreading (QuickJS spreads through an iterator).
function callSync(op, args) {
  switch (args.length) {
    case 1: return call(op, undefined, args[0]);
    case 2: return call(op, undefined, args[0], args[1]);
    case 3: return call(op, undefined, args[0], args[1], args[2]);
    default: {
      const list = [op, undefined];
      for (let i = 0; i < args.length; i++) list[i + 2] = args[i];
      return Reflect.apply(call, undefined, list);
    }
  }
}
function runSync(op, args, map = same) {
  let r;
  try {
    r = callSync(op, args);
  } catch (e) {
    throw fixError(e, true);
  }
  return map(r);
}
// With a `signal` (readFile, writeFile): aborted before the operation
// ends, the callback gets (the promise rejects with) an AbortError; at
// once (synchronously) if it was aborted before the call, as in Node.
const aborted = (signal) => new AbortError(undefined, { cause: signal.reason });
function runCallback(op, args, cb, map = same, signal = undefined) {
  if (signal?.aborted) {
    cb(aborted(signal));
    return;
  }
  call(op, (err, r) => {
    if (signal?.aborted) cb(aborted(signal));
    else if (err) cb(fixError(err));
    else cb(null, map(r));
  }, ...args);
}
function runPromise(op, args, map = same, signal = undefined) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted(signal));
      return;
    }
    const onAbort = () => reject(aborted(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    call(op, (err, r) => {
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(fixError(err));
      else {
        try { resolve(map(r)); } catch (e) { reject(e); }
      }
    }, ...args);
  });
}
function maybeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}
// `fn(args..., cb)` where options may be skipped: the callback is the
// last argument after the `required` ones.
function splitCallback(args, required = 1) {
  if (args.length <= required) return [args, maybeCallback(undefined)];
  return [args.slice(0, -1), maybeCallback(args[args.length - 1])];
}

// ---- Stats and Dirent ------------------------------------------------------------
const FIELDS = native.statFields;
function Stats(...values) {
  for (let i = 0; i < FIELDS.length; i++) this[FIELDS[i]] = values[i];
  this.atime = new Date(this.atimeMs);
  this.mtime = new Date(this.mtimeMs);
  this.ctime = new Date(this.ctimeMs);
  this.birthtime = new Date(this.birthtimeMs);
}
const typeOf = (mode) => mode & S_IFMT;
Object.assign(Stats.prototype, {
  isDirectory() { return typeOf(this.mode) === constants.S_IFDIR; },
  isFile() { return typeOf(this.mode) === constants.S_IFREG; },
  isBlockDevice() { return typeOf(this.mode) === constants.S_IFBLK; },
  isCharacterDevice() { return typeOf(this.mode) === constants.S_IFCHR; },
  isSymbolicLink() { return typeOf(this.mode) === constants.S_IFLNK; },
  isFIFO() { return typeOf(this.mode) === constants.S_IFIFO; },
  isSocket() { return typeOf(this.mode) === constants.S_IFSOCK; },
});
for (const k of Object.keys(Stats.prototype)) Object.defineProperty(Stats.prototype, k, { enumerable: false });
const makeStats = (a) => new Stats(...a);

// BigIntStats: integers as bigints, times also in nanoseconds (*Ns).
function BigIntStats(...values) {
  for (let i = 0; i < 10; i++) this[FIELDS[i]] = BigInt(values[i]);
  const times = ['atime', 'mtime', 'ctime', 'birthtime'];
  const ns = times.map((_, i) => BigInt(values[14 + 2 * i]) * 1000000000n + BigInt(values[15 + 2 * i]));
  times.forEach((t, i) => { this[`${t}Ms`] = ns[i] / 1000000n; });
  times.forEach((t, i) => { this[`${t}Ns`] = ns[i]; });
  times.forEach((t) => { this[t] = new Date(Number(this[`${t}Ms`])); });
}
const typeOfBig = (mode) => Number(mode) & S_IFMT;
for (const [k, type] of [['isDirectory', 'S_IFDIR'], ['isFile', 'S_IFREG'], ['isBlockDevice', 'S_IFBLK'],
  ['isCharacterDevice', 'S_IFCHR'], ['isSymbolicLink', 'S_IFLNK'], ['isFIFO', 'S_IFIFO'], ['isSocket', 'S_IFSOCK']]) {
  Object.defineProperty(BigIntStats.prototype, k, {
    value: { [k]() { return typeOfBig(this.mode) === constants[type]; } }[k], writable: true, configurable: true,
  });
}
const statsMaker = (options) => (options?.bigint ? (a) => new BigIntStats(...a) : makeStats);

const kType = Symbol('type');
class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === 2; }
  isFile() { return this[kType] === 1; }
  isBlockDevice() { return this[kType] === 7; }
  isCharacterDevice() { return this[kType] === 6; }
  isSymbolicLink() { return this[kType] === 3; }
  isFIFO() { return this[kType] === 4; }
  isSocket() { return this[kType] === 5; }
}

// fs.Dir: the entries of opendir, read when it opened.
const dirClosed = () => nodeError(Error, 'ERR_DIR_CLOSED', 'Directory handle was closed');
class Dir {
  #path;
  #entries;
  #closed = false;
  constructor(path, entries) {
    this.#path = path;
    this.#entries = entries;
  }
  get path() { return this.#path; }
  readSync() {
    if (this.#closed) throw dirClosed();
    return this.#entries.shift() ?? null;
  }
  read(callback) {
    if (callback === undefined) return new Promise((resolve, reject) => this.read((e, v) => (e ? reject(e) : resolve(v))));
    validateFunction(callback, 'callback');
    let entry;
    try {
      entry = this.readSync();
    } catch (e) {
      shared.process.nextTick(callback, e);
      return;
    }
    shared.process.nextTick(callback, null, entry);
  }
  closeSync() {
    if (this.#closed) throw dirClosed();
    this.#closed = true;
  }
  close(callback) {
    if (callback === undefined) return new Promise((resolve, reject) => this.close((e) => (e ? reject(e) : resolve())));
    validateFunction(callback, 'callback');
    try {
      this.closeSync();
    } catch (e) {
      shared.process.nextTick(callback, e);
      return;
    }
    shared.process.nextTick(callback, null);
  }
  async* entries() {
    try {
      for (;;) {
        const entry = await this.read();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this.#closed) await this.close();
    }
  }
  [Symbol.asyncIterator]() { return this.entries(); }
}

// ---- operations: each is [op, native args, result mapping] from the user's arguments -----
const ops = {};

ops.readFile = (path, options) => {
  const o = getOptions(options, { flag: 'r', encoding: null });
  const flags = stringToFlags(o.flag, 'flags');
  const file = typeof path === 'number' ? validateFd(path) : toPath(path);
  return ['readFile', [file, flags], (u8) => decoded(u8, o.encoding), o.signal];
};
function writeOp(path, data, options, flag) {
  const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag });
  const bytes = toBytes(data, o.encoding);
  const flags = stringToFlags(o.flag, 'flags');
  const mode = parseMode(o.mode, 'mode', 0o666);
  const file = typeof path === 'number' ? validateFd(path) : toPath(path);
  return ['writeFile', [file, bytes, flags, mode], () => undefined, o.signal];
}
ops.writeFile = (path, data, options) => writeOp(path, data, options, 'w');
ops.appendFile = (path, data, options) => writeOp(path, data, options, 'a');

ops.readdir = (path, options) => {
  const o = getOptions(options, { encoding: 'utf8', withFileTypes: false, recursive: false });
  path = toPath(path);
  if (o.recursive != null) validateBoolean(o.recursive, 'options.recursive');
  const shown = typeof path === 'string' ? path : Buffer.from(path).toString();
  return ['readdir', [path, !!o.recursive], (list) => list.map(([name, parent, type]) => {
    if (o.withFileTypes) {
      return new Dirent(encoded(name, o.encoding), type, parent === '' ? shown : pathModule.join(shown, parent));
    }
    return encoded(parent === '' ? name : `${parent}/${name}`, o.encoding);
  })];
};

ops.stat = (path, options) => ['stat', [toPath(path)], statsMaker(options)];
ops.lstat = (path, options) => ['lstat', [toPath(path)], statsMaker(options)];
ops.fstat = (fd, options) => ['fstat', [validateFd(fd)], statsMaker(options)];

ops.mkdir = (path, options) => {
  let recursive = false;
  let mode = 0o777;
  if (typeof options === 'number' || typeof options === 'string') mode = parseMode(options, 'mode', 0o777);
  else if (options != null && typeof options === 'object') {
    if (options.recursive !== undefined) recursive = options.recursive;
    mode = parseMode(options.mode, 'mode', 0o777);
  }
  validateBoolean(recursive, 'options.recursive');
  return ['mkdir', [toPath(path), recursive, mode], same];
};
ops.mkdtemp = (prefix, options) => {
  const o = getOptions(options, { encoding: 'utf8' });
  prefix = toPath(prefix, 'prefix');
  return ['mkdtemp', [prefix], (p) => encoded(p, o.encoding)];
};
function rmOptions(options) {
  const o = options == null ? {} : options;
  if (typeof o !== 'object') throw invalidArgType('options', 'Object', options);
  const recursive = o.recursive ?? false;
  const force = o.force ?? false;
  validateBoolean(recursive, 'options.recursive');
  validateBoolean(force, 'options.force');
  return [recursive, force];
}
ops.rm = (path, options) => ['rm', [toPath(path), ...rmOptions(options)], () => undefined];
ops.rmdir = (path, options) => {
  path = toPath(path);
  if (options?.recursive) return ['rm', [path, true, false], () => undefined];
  return ['rmdir', [path], () => undefined];
};
ops.rename = (from, to) => ['rename', [toPath(from, 'oldPath'), toPath(to, 'newPath')], () => undefined];
ops.unlink = (path) => ['unlink', [toPath(path)], () => undefined];
ops.copyFile = (src, dest, mode = 0) => {
  const s = toPath(src, 'src');
  const d = toPath(dest, 'dest');
  return ['copyFile', [s, d, accessMode(mode, 0)], () => undefined];
};
function cpOptions(options) {
  const o = options == null ? {} : options;
  if (typeof o !== 'object') throw invalidArgType('options', 'Object', options);
  const flags = {
    recursive: o.recursive ?? false, force: o.force ?? true, errorOnExist: o.errorOnExist ?? false,
    preserveTimestamps: o.preserveTimestamps ?? false, dereference: o.dereference ?? false,
    verbatimSymlinks: o.verbatimSymlinks ?? false,
  };
  for (const k of Object.keys(flags)) validateBoolean(flags[k], `options.${k}`);
  if (o.filter !== undefined) validateFunction(o.filter, 'options.filter');
  return { ...flags, filter: o.filter };
}
const cpArgs = (src, dest, o) => [src, dest, o.recursive, o.force, o.errorOnExist && !o.force,
  o.preserveTimestamps, o.dereference, o.verbatimSymlinks];
ops.cp = (src, dest, options) => {
  const o = cpOptions(options);
  return ['cp', cpArgs(toPath(src, 'src'), toPath(dest, 'dest'), o), () => undefined];
};
// cp with a filter: walked here, asking filter(src, dest) for each entry
// (awaited in the async forms); what passes is copied natively, one entry
// (a file or link) at a time.
function cpFilteredSync(src, dest, o) {
  const keep = o.filter(src, dest);
  if (typeof keep?.then === 'function') {
    throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
      'Expected boolean to be returned from the "filter" function but got an instance of Promise.');
  }
  if (!keep) return;
  const st = o.dereference ? fs.statSync(src) : fs.lstatSync(src);
  if (!st.isDirectory() || !o.recursive) {
    runSync('cp', cpArgs(src, dest, o));
    return;
  }
  fs.mkdirSync(dest, { recursive: true });
  for (const name of fs.readdirSync(src)) cpFilteredSync(pathModule.join(src, name), pathModule.join(dest, name), o);
}
async function cpFiltered(src, dest, o) {
  if (!(await o.filter(src, dest))) return;
  const st = await (o.dereference ? promises.stat(src) : promises.lstat(src));
  if (!st.isDirectory() || !o.recursive) {
    await runPromise('cp', cpArgs(src, dest, o));
    return;
  }
  await promises.mkdir(dest, { recursive: true });
  for (const name of await promises.readdir(src)) await cpFiltered(pathModule.join(src, name), pathModule.join(dest, name), o);
}
// Node's getValidMode for access and copyFile modes.
function accessMode(mode, def) {
  if (mode == null) return def;
  if (!Number.isInteger(mode) || mode !== (mode | 0)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (mode < 0 || mode > 7) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'mode is out of range: >= 0 && <= 7');
  return mode;
}
ops.access = (path, mode) => ['access', [toPath(path), accessMode(mode, constants.F_OK)], () => undefined];
const realpathOp = (native) => (path, options) => {
  const o = getOptions(options, { encoding: 'utf8' });
  return ['realpath', [toPath(path), native], (p) => encoded(p, o.encoding)];
};
ops.realpath = realpathOp(false);
ops.readlink = (path, options) => {
  const o = getOptions(options, { encoding: 'utf8' });
  return ['readlink', [toPath(path)], (p) => encoded(p, o.encoding)];
};
ops.symlink = (target, path) => ['symlink', [toPath(target, 'target'), toPath(path)], () => undefined];
ops.chmod = (path, mode) => ['chmod', [toPath(path), parseMode(mode, 'mode')], () => undefined];
ops.utimes = (path, atime, mtime) => ['utimes', [toPath(path), toUnixTimestamp(atime), toUnixTimestamp(mtime)], () => undefined];
function validLen(len) {
  if (len == null) return 0;
  validateInteger(len, 'len');
  return Math.max(0, len);
}
ops.truncate = (path, len) => {
  if (typeof path === 'number') return ops.ftruncate(path, len);
  return ['truncate', [toPath(path), validLen(len)], () => undefined];
};
ops.ftruncate = (fd, len) => ['ftruncate', [validateFd(fd), validLen(len)], () => undefined];
ops.fsync = (fd) => ['fsync', [validateFd(fd)], () => undefined];
ops.fdatasync = ops.fsync;
ops.open = (path, flags, mode) => {
  path = toPath(path);
  const f = stringToFlags(flags ?? 'r');
  return ['open', [path, f, parseMode(mode, 'mode', 0o666)], same];
};
ops.link = (existing, newPath) => ['link', [toPath(existing, 'existingPath'), toPath(newPath, 'newPath')], () => undefined];
function ids(uid, gid) {
  validateInteger(uid, 'uid', -1, 4294967295);
  validateInteger(gid, 'gid', -1, 4294967295);
  return [uid, gid];
}
ops.chown = (path, uid, gid) => ['chown', [toPath(path), ...ids(uid, gid)], () => undefined];
ops.lchown = (path, uid, gid) => ['lchown', [toPath(path), ...ids(uid, gid)], () => undefined];
ops.fchown = (fd, uid, gid) => ['fchown', [validateFd(fd), ...ids(uid, gid)], () => undefined];
ops.fchmod = (fd, mode) => ['fchmod', [validateFd(fd), parseMode(mode, 'mode')], () => undefined];
ops.futimes = (fd, atime, mtime) => ['futimes', [validateFd(fd), toUnixTimestamp(atime), toUnixTimestamp(mtime)], () => undefined];
ops.lutimes = (path, atime, mtime) => ['lutimes', [toPath(path), toUnixTimestamp(atime), toUnixTimestamp(mtime)], () => undefined];
ops.opendir = (path, options) => {
  const o = getOptions(options, { encoding: 'utf8', bufferSize: 32 });
  path = toPath(path);
  validateInteger(o.bufferSize, 'options.bufferSize', 1, 4294967295);
  const shown = typeof path === 'string' ? path : Buffer.from(path).toString();
  return ['opendir', [path], (list) => new Dir(shown, list.map(([name, , type]) => new Dirent(encoded(name, o.encoding), type, shown)))];
};
function StatFs(values, bigint) {
  ['type', 'bsize', 'blocks', 'bfree', 'bavail', 'files', 'ffree'].forEach((k, i) => {
    this[k] = bigint ? BigInt(values[i]) : values[i];
  });
}
ops.statfs = (path, options) => ['statfs', [toPath(path)], (a) => new StatFs(a, !!options?.bigint)];
ops.close = (fd) => ['close', [validateFd(fd)], () => undefined];

// read(fd, buffer, offset, length, position) | read(fd, buffer, options) | read(fd, options)
function readArgs(fd, buffer, offset, length, position) {
  validateFd(fd);
  if (buffer != null && !isView(buffer) && typeof buffer === 'object') {
    ({ buffer = Buffer.alloc(16384), offset = 0, length = buffer.byteLength - offset, position = null } = buffer);
  } else if (offset != null && typeof offset === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
  }
  if (!isView(buffer)) throw invalidArgType('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  if (length === undefined) length = buffer.byteLength - offset;
  validateInteger(length, 'length', 0);
  if (offset + length > buffer.byteLength) throw outOfRange('length', `<= ${buffer.byteLength - offset}`, length);
  if (position == null || position === -1) position = -1;
  else if (typeof position === 'bigint') position = Number(position);
  else validateInteger(position, 'position', 0);
  const view = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return { buffer, view, offset, length, position };
}
const copyInto = (a) => (u8) => {
  a.view.set(u8, a.offset);
  return u8.length;
};

// write(fd, buffer, offset, length, position) | write(fd, string, position, encoding)
function writeArgs(fd, buffer, offset, length, position) {
  validateFd(fd);
  if (typeof buffer === 'string') {
    const pos = offset;
    const encoding = typeof length === 'string' ? length : 'utf8';
    return { data: Buffer.from(buffer, encoding), position: pos == null ? -1 : pos, result: buffer };
  }
  if (!isView(buffer)) throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (offset != null && typeof offset === 'object') ({ offset = 0, length = bytes.length - offset, position = null } = offset);
  if (offset == null) offset = 0;
  else validateInteger(offset, 'offset', 0);
  if (offset > bytes.length) throw outOfRange('offset', `<= ${bytes.length}`, offset);
  if (length == null) length = bytes.length - offset;
  validateInteger(length, 'length', 0);
  if (length > bytes.length - offset) throw outOfRange('length', `<= ${bytes.length - offset}`, length);
  if (position == null) position = -1;
  else validateInteger(position, 'position', 0);
  return { data: bytes.subarray(offset, offset + length), position, result: buffer };
}


// ---- streams (over node:stream, loaded on first use) ------------------------------------
const kIo = Symbol('kIsPerformingIO');
const kIoDone = Symbol('kIoDone');
const kHandle = Symbol('kHandle');
let streamClasses;
function streamOptions(options, name) {
  if (options == null) return {};
  if (typeof options === 'string') {
    validateEncoding(options);
    return { encoding: options };
  }
  if (typeof options !== 'object') throw invalidArgType('options', ['string', 'Object'], options);
  validateEncoding(options.encoding);
  return { ...options };
}
// Validates what a stream is made from before it is made (as Node, so
// a bad argument leaves no stream behind): fd (or FileHandle) or path,
// flags, mode, start (and end).
function streamInit(path, options, flags, ranged) {
  const init = { fd: null, handle: undefined, path: undefined };
  if (options.fd != null) {
    if (options.fd instanceof FileHandle) {
      init.handle = options.fd;
      init.fd = options.fd.fd;
    } else {
      init.fd = validateFd(options.fd);
    }
  } else {
    init.path = toPath(path);
  }
  init.flags = options.flags === undefined ? flags : options.flags;
  init.mode = options.mode === undefined ? 0o666 : options.mode;
  init.start = options.start;
  init.end = options.end === undefined ? Infinity : options.end;
  if (init.start !== undefined) validateInteger(init.start, 'start', 0);
  if (ranged && init.end !== Infinity) {
    validateInteger(init.end, 'end', 0);
    if (init.start !== undefined && init.start > init.end) {
      throw outOfRange('start', `<= "end" (here: ${init.end})`, init.start);
    }
  }
  return init;
}
// Opens the file in _construct: 'open' and 'ready' follow the callback.
function openForStream(stream, cb) {
  if (typeof stream.fd === 'number') return cb();
  fs.open(stream.path, stream.flags, stream.mode, (er, fd) => {
    if (er) {
      cb(er);
      return;
    }
    stream.fd = fd;
    cb();
    stream.emit('open', fd);
    stream.emit('ready');
  });
}
function closeForStream(stream, err, cb) {
  const close = () => {
    const fd = stream.fd;
    if (typeof fd !== 'number') {
      cb(err);
      return;
    }
    stream.fd = null;
    if (stream[kHandle]) stream[kHandle].close().then(() => cb(err), (er) => cb(er || err));
    else fs.close(fd, (er) => cb(er || err));
  };
  if (stream[kIo]) stream.once(kIoDone, close);
  else close();
}
function streams() {
  if (streamClasses) return streamClasses;
  const { Readable, Writable, finished } = shared.requireBuiltin('stream');

  class ReadStream extends Readable {
    constructor(path, options) {
      options = streamOptions(options);
      if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
      options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
      const init = streamInit(path, options, 'r', true);
      super(options);
      this.fd = init.fd;
      this[kHandle] = init.handle;
      this.path = init.path;
      this.flags = init.flags;
      this.mode = init.mode;
      this.start = init.start;
      this.end = init.end;
      this.pos = init.start;
      this.bytesRead = 0;
      this[kIo] = false;
    }
    get pending() { return this.fd === null; }
    _construct(cb) { openForStream(this, cb); }
    _read(n) {
      n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
      if (n <= 0) {
        this.push(null);
        return;
      }
      const buf = Buffer.allocUnsafeSlow(n);
      this[kIo] = true;
      fs.read(this.fd, buf, 0, n, this.pos ?? null, (er, bytesRead) => {
        this[kIo] = false;
        if (this.destroyed) {
          this.emit(kIoDone, er);
          return;
        }
        if (er) {
          this.destroy(er);
        } else if (bytesRead > 0) {
          if (this.pos !== undefined) this.pos += bytesRead;
          this.bytesRead += bytesRead;
          this.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
        } else {
          this.push(null);
        }
      });
    }
    _destroy(err, cb) { closeForStream(this, err, cb); }
    close(cb) {
      if (typeof cb === 'function') finished(this, cb);
      this.destroy();
    }
  }

  class WriteStream extends Writable {
    constructor(path, options) {
      options = streamOptions(options);
      options.decodeStrings = true;
      options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
      const init = streamInit(path, options, 'w', false);
      super(options);
      this.fd = init.fd;
      this[kHandle] = init.handle;
      this.path = init.path;
      this.flags = init.flags;
      this.mode = init.mode;
      this.start = init.start;
      this.pos = init.start;
      this.bytesWritten = 0;
      this[kIo] = false;
      if (options.encoding) this.setDefaultEncoding(options.encoding);
    }
    get pending() { return this.fd === null; }
    _construct(cb) { openForStream(this, cb); }
    #write(data, cb) {
      this[kIo] = true;
      fs.write(this.fd, data, 0, data.length, this.pos ?? null, (er, bytes) => {
        this[kIo] = false;
        if (this.destroyed) {
          cb(er);
          this.emit(kIoDone, er);
          return;
        }
        if (er) {
          cb(er);
          return;
        }
        this.bytesWritten += bytes;
        cb();
      });
      if (this.pos !== undefined) this.pos += data.length;
    }
    _write(data, encoding, cb) { this.#write(data, cb); }
    _writev(chunks, cb) { this.#write(Buffer.concat(chunks.map((c) => c.chunk)), cb); }
    _destroy(err, cb) { closeForStream(this, err, cb); }
    close(cb) {
      if (cb) {
        if (this.closed) {
          shared.process.nextTick(cb);
          return;
        }
        this.on('close', cb);
      }
      if (!this.autoClose) this.on('finish', this.destroy);
      this.end();
    }
  }
  WriteStream.prototype.destroySoon = WriteStream.prototype.end;
  // autoClose is the stream's autoDestroy, as in Node.
  for (const [C, state] of [[ReadStream, '_readableState'], [WriteStream, '_writableState']]) {
    Object.defineProperty(C.prototype, 'autoClose', {
      get() { return this[state].autoDestroy; },
      set(v) { this[state].autoDestroy = v; },
      configurable: true,
    });
  }
  streamClasses = { ReadStream, WriteStream };
  return streamClasses;
}


// ---- watch (inotify, natives in globals/node/fs/watch.rs) ----------------------------------
const kWatch = Symbol('kWatchId');
class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this[kWatch] = 0;
  }
  // Starts watching `path`; Node's error shape (errno, syscall, code, path, filename).
  _start(path, encoding) {
    try {
      this[kWatch] = native.watchStart(path, (eventType, name) => {
        const filename = encoding === 'buffer' ? toBuffer(name) : toBuffer(name).toString(encoding || 'utf8');
        this.emit('change', eventType, filename);
      });
    } catch (e) {
      if (e?.syscall !== 'watch') throw e;
      const err = new Error(e.message);
      err.errno = e.errno;
      err.syscall = e.syscall;
      err.code = e.code;
      err.path = e.path;
      err.filename = e.path;
      throw err;
    }
  }
  close() {
    if (this[kWatch] === 0) return;
    native.watchClose(this[kWatch]);
    this[kWatch] = 0;
    shared.process.nextTick(() => this.emit('close'));
  }
  ref() {
    if (this[kWatch] !== 0) native.watchRef(this[kWatch], true);
    return this;
  }
  unref() {
    if (this[kWatch] !== 0) native.watchRef(this[kWatch], false);
    return this;
  }
}
function watchOptions(options) {
  const o = getOptions(options, { persistent: true, recursive: false, encoding: 'utf8' });
  if (o.recursive) {
    throw nodeError(TypeError, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
      'The feature watch recursively is unavailable on the current platform, which is being used to run Node.js');
  }
  return o;
}
function watch(filename, options, listener) {
  if (typeof options === 'function') [options, listener] = [undefined, options];
  const o = watchOptions(options);
  const path = toPath(filename);
  const w = new FSWatcher();
  w._start(path, o.encoding);
  if (!o.persistent) w.unref();
  if (listener) w.on('change', listener);
  if (o.signal) {
    if (o.signal.aborted) shared.process.nextTick(() => w.close());
    else o.signal.addEventListener('abort', () => w.close(), { once: true });
  }
  return w;
}
// fs.promises.watch: an async iterator of { eventType, filename }.
async function* watchPromise(filename, options) {
  const o = watchOptions(options);
  if (o.signal?.aborted) throw aborted(o.signal);
  const queue = [];
  let wake = null;
  let failure = null;
  const w = watch(filename, { ...o, signal: undefined }, (eventType, name) => {
    queue.push({ eventType, filename: name });
    if (wake) wake();
  });
  const onAbort = () => {
    failure = aborted(o.signal);
    if (wake) wake();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      while (queue.length > 0) {
        yield queue.shift();
        if (failure) throw failure;
      }
      if (failure) throw failure;
      await new Promise((resolve) => { wake = resolve; });
      wake = null;
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    w.close();
  }
}


// ---- watchFile: stat polling (libuv's uv_fs_poll) ---------------------------------------
// The first stat is the baseline; later, 'change' (curr, prev) when a stat
// differs in ctime, mtime, birthtime, size, mode, uid, gid, ino or dev, or
// when it starts or stops failing (failures give zeroed Stats).
const POLLED = [12, 11, 13, 8, 1, 3, 4, 7, 0];
const statWatchers = new Map();
class StatWatcher extends EventEmitter {
  #bigint;
  #path = null;
  #timer = null;
  #refed = true;
  #status = 0; // 0: not polled yet, 1: last stat succeeded, < 0: its errno
  #last = null;
  #start = 0;
  #interval = 5007;
  constructor(bigint) {
    super();
    this.#bigint = !!bigint;
  }
  #stats(values) {
    const zeros = new Array(22).fill(0);
    return this.#bigint ? new BigIntStats(...(values ?? zeros)) : new Stats(...(values ?? zeros));
  }
  _start(path, persistent, interval) {
    this.#path = path;
    this.#interval = Math.max(1, interval >>> 0);
    this.#refed = persistent !== false;
    this.#start = Date.now();
    this.#poll();
  }
  #poll() {
    this.#timer = null;
    call('stat', (err, values) => {
      if (this.#path === null) return;
      if (err) {
        if (this.#status !== err.errno) {
          this.#status = err.errno;
          this.emit('change', this.#stats(null), this.#stats(this.#last));
        }
      } else {
        const changed = this.#status < 0 || (this.#status === 1 && POLLED.some((i) => values[i] !== this.#last[i]));
        const prev = this.#last;
        this.#last = values;
        this.#status = 1;
        if (changed) this.emit('change', this.#stats(values), this.#stats(prev));
      }
      if (this.#path === null) return;
      const delay = this.#interval - ((Date.now() - this.#start) % this.#interval);
      this.#timer = setTimeout(() => this.#poll(), delay);
      if (!this.#refed) this.#timer.unref();
    }, this.#path);
  }
  stop() {
    if (this.#path === null) return;
    this.#path = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    shared.process.nextTick(() => this.emit('stop'));
  }
  ref() {
    this.#refed = true;
    this.#timer?.ref();
    return this;
  }
  unref() {
    this.#refed = false;
    this.#timer?.unref();
    return this;
  }
}
function watchFile(filename, options, listener) {
  filename = pathModule.resolve(String(toPath(filename)));
  if (typeof options === 'function') [options, listener] = [undefined, options];
  const o = { interval: 5007, persistent: true, ...(options ?? {}) };
  validateFunction(listener, 'listener');
  let w = statWatchers.get(filename);
  if (w === undefined) {
    w = new StatWatcher(o.bigint);
    w._start(filename, o.persistent, o.interval);
    statWatchers.set(filename, w);
  }
  w.addListener('change', listener);
  return w;
}
function unwatchFile(filename, listener) {
  filename = pathModule.resolve(String(toPath(filename)));
  const w = statWatchers.get(filename);
  if (w === undefined) return;
  if (typeof listener === 'function') w.removeListener('change', listener);
  else w.removeAllListeners('change');
  if (w.listenerCount('change') === 0) {
    w.stop();
    statWatchers.delete(filename);
  }
}

// ---- the exports ---------------------------------------------------------------------
const fs = { constants, Stats, BigIntStats, Dirent, Dir, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

const REQUIRED = {
  writeFile: 2, appendFile: 2, rename: 2, copyFile: 2, cp: 2, symlink: 2, chmod: 2, utimes: 3, link: 2, chown: 3,
  lchown: 3, fchown: 3, fchmod: 2, futimes: 3, lutimes: 3,
};
const SIMPLE = ['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'fstat', 'mkdir', 'mkdtemp', 'rm',
  'rmdir', 'rename', 'unlink', 'copyFile', 'cp', 'access', 'realpath', 'readlink', 'symlink', 'chmod', 'utimes',
  'truncate', 'ftruncate', 'fsync', 'fdatasync', 'open', 'close', 'link', 'chown', 'lchown', 'fchown', 'fchmod',
  'futimes', 'lutimes', 'opendir', 'statfs'];
for (const name of SIMPLE) {
  const make = ops[name];
  const sync = {
    [`${name}Sync`](...args) {
      const r = Reflect.apply(make, undefined, args);
      return runSync(r[0], r[1], r[2]);
    },
  }[`${name}Sync`];
  const cb = {
    [name](...args) {
      const [rest, callback] = splitCallback(args, REQUIRED[name]);
      const [op, a, map, signal] = make(...rest);
      runCallback(op, a, callback, map, signal);
    },
  }[name];
  fs[name] = cb;
  fs[`${name}Sync`] = sync;
}
// readFileSync as the generic form, with UTF-8 text decoded natively
// (node's readFileUtf8) and no options object made for the common calls.
fs.readFileSync = function readFileSync(path, options) {
  let encoding = null;
  let flags = O_RDONLY;
  if (typeof options === 'string') {
    validateEncoding(options);
    encoding = options;
  } else if (options != null) {
    const o = getOptions(options, { flag: 'r', encoding: null });
    encoding = o.encoding;
    if (o.flag !== 'r') flags = stringToFlags(o.flag, 'flags');
  }
  const file = typeof path === 'number' ? validateFd(path) : toPath(path);
  const utf8 = encoding === 'utf8' || encoding === 'utf-8';
  let r;
  try {
    r = call(utf8 ? 'readFileUtf8' : 'readFile', undefined, file, flags);
  } catch (e) {
    throw fixError(e, true);
  }
  return utf8 ? r : decoded(r, encoding);
};
for (const name of ['statSync', 'lstatSync']) {
  const inner = fs[name];
  fs[name] = {
    [name](path, options) {
      try {
        return inner(path, options);
      } catch (e) {
        if (e?.code === 'ENOENT' && options?.throwIfNoEntry === false) return undefined;
        throw e;
      }
    },
  }[name];
}
fs.realpath.native = function realpath(path, ...rest) {
  const [args, callback] = splitCallback(rest, 0);
  const [op, a, map] = realpathOp(true)(path, ...args);
  runCallback(op, a, callback, map);
};
fs.realpathSync.native = function realpathSync(path, options) {
  const [op, a, map] = realpathOp(true)(path, options);
  return runSync(op, a, map);
};

fs.exists = function exists(path, callback) {
  validateFunction(callback, 'cb');
  try {
    path = toPath(path);
  } catch {
    shared.process.nextTick(callback, false);
    return;
  }
  call('exists', (err, r) => callback(err ? false : r), path);
};
fs.existsSync = function existsSync(path) {
  try {
    return call('exists', undefined, toPath(path));
  } catch {
    return false;
  }
};

fs.watch = watch;
fs.watchFile = watchFile;
fs.unwatchFile = unwatchFile;


fs.createReadStream = function createReadStream(path, options) {
  return new (streams().ReadStream)(path, options);
};
fs.createWriteStream = function createWriteStream(path, options) {
  return new (streams().WriteStream)(path, options);
};
for (const name of ['ReadStream', 'WriteStream', 'FileReadStream', 'FileWriteStream']) {
  Object.defineProperty(fs, name, {
    get() { return streams()[name.replace('File', '')]; },
    set(v) { Object.defineProperty(fs, name, { value: v, writable: true, configurable: true, enumerable: true }); },
    enumerable: true, configurable: true,
  });
}

fs.readSync = function readSync(fd, buffer, offset, length, position) {
  const a = readArgs(fd, buffer, offset, length, position);
  if (a.length === 0) return 0;
  return runSync('read', [fd, a.length, a.position], copyInto(a));
};
fs.read = function read(fd, ...rest) {
  const [args, callback] = splitCallback(rest, 0);
  const a = readArgs(fd, ...(args.length === 0 ? [{}] : args));
  if (a.length === 0) {
    shared.process.nextTick(callback, null, 0, a.buffer);
    return;
  }
  call('read', (err, u8) => (err ? callback(err) : callback(null, copyInto(a)(u8), a.buffer)), fd, a.length, a.position);
};
// readv/writev: one read or write of the buffers' total length, scattered
// or gathered here.
function vecArgs(fd, buffers, position) {
  validateFd(fd);
  if (!Array.isArray(buffers) || !buffers.every(isView)) {
    throw invalidArgType('buffers', 'ArrayBufferView[]', buffers);
  }
  const views = buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  const total = views.reduce((n, v) => n + v.length, 0);
  if (typeof position !== 'number') position = -1;
  return { views, total, position };
}
const scatter = (views) => (u8) => {
  let at = 0;
  for (const v of views) {
    if (at >= u8.length) break;
    const part = u8.subarray(at, at + v.length);
    v.set(part);
    at += part.length;
  }
  return u8.length;
};
const gather = (views) => Buffer.concat(views);
fs.readvSync = function readvSync(fd, buffers, position) {
  const a = vecArgs(fd, buffers, position);
  return runSync('read', [fd, a.total, a.position], scatter(a.views));
};
fs.readv = function readv(fd, buffers, ...rest) {
  const [args, callback] = splitCallback(rest, 0);
  const a = vecArgs(fd, buffers, args[0]);
  call('read', (err, u8) => (err ? callback(err) : callback(null, scatter(a.views)(u8), buffers)), fd, a.total, a.position);
};
fs.writevSync = function writevSync(fd, buffers, position) {
  const a = vecArgs(fd, buffers, position);
  return runSync('write', [fd, gather(a.views), a.position]);
};
fs.writev = function writev(fd, buffers, ...rest) {
  const [args, callback] = splitCallback(rest, 0);
  const a = vecArgs(fd, buffers, args[0]);
  call('write', (err, n) => (err ? callback(err) : callback(null, n, buffers)), fd, gather(a.views), a.position);
};

fs.writeSync = function writeSync(fd, buffer, offset, length, position) {
  const a = writeArgs(fd, buffer, offset, length, position);
  return runSync('write', [fd, a.data, a.position]);
};
fs.write = function write(fd, ...rest) {
  const [args, callback] = splitCallback(rest, 0);
  const a = writeArgs(fd, ...args);
  call('write', (err, n) => (err ? callback(err) : callback(null, n, a.result)), fd, a.data, a.position);
};

// ---- promises ---------------------------------------------------------------------------
const kFd = Symbol('kFd');
function closedError(syscall) {
  const e = new Error('file closed');
  e.code = 'EBADF';
  e.syscall = syscall;
  return e;
}
class FileHandle extends EventEmitter {
  constructor(fd) {
    super();
    this[kFd] = fd;
  }
  get fd() { return this[kFd]; }
  #check(syscall) {
    if (this[kFd] === -1) throw closedError(syscall);
    return this[kFd];
  }
  async read(buffer, offset, length, position) {
    const fd = this.#check('read');
    if (buffer === undefined) buffer = Buffer.alloc(16384);
    const a = readArgs(fd, buffer, offset, length, position);
    if (a.length === 0) return { bytesRead: 0, buffer: a.buffer };
    const bytesRead = await runPromise('read', [fd, a.length, a.position], copyInto(a));
    return { bytesRead, buffer: a.buffer };
  }
  async write(buffer, offset, length, position) {
    const fd = this.#check('write');
    const a = writeArgs(fd, buffer, offset, length, position);
    const bytesWritten = await runPromise('write', [fd, a.data, a.position]);
    return { bytesWritten, buffer: a.result };
  }
  async readv(buffers, position) {
    const a = vecArgs(this.#check('read'), buffers, position);
    const bytesRead = await runPromise('read', [this.fd, a.total, a.position], scatter(a.views));
    return { bytesRead, buffers };
  }
  async writev(buffers, position) {
    const a = vecArgs(this.#check('write'), buffers, position);
    const bytesWritten = await runPromise('write', [this.fd, gather(a.views), a.position]);
    return { bytesWritten, buffers };
  }
  async readFile(options) {
    const fd = this.#check('read');
    const [op, a, map] = ops.readFile(fd, options);
    return runPromise(op, a, map);
  }
  async writeFile(data, options) {
    const fd = this.#check('write');
    const [op, a, map] = ops.writeFile(fd, data, options);
    return runPromise(op, a, map);
  }
  async appendFile(data, options) { return this.writeFile(data, options); }
  async stat(options) {
    const fd = this.#check('fstat');
    const [op, a, map] = ops.fstat(fd, options);
    return runPromise(op, a, map);
  }
  async truncate(len) {
    const fd = this.#check('ftruncate');
    const [op, a, map] = ops.ftruncate(fd, len);
    return runPromise(op, a, map);
  }
  async chmod(mode) {
    const [op, a, map] = ops.fchmod(this.#check('fchmod'), mode);
    return runPromise(op, a, map);
  }
  async chown(uid, gid) {
    const [op, a, map] = ops.fchown(this.#check('fchown'), uid, gid);
    return runPromise(op, a, map);
  }
  async utimes(atime, mtime) {
    const [op, a, map] = ops.futimes(this.#check('futime'), atime, mtime);
    return runPromise(op, a, map);
  }
  async sync() { return runPromise('fsync', [this.#check('fsync')], () => undefined); }
  async datasync() { return this.sync(); }
  async close() {
    if (this[kFd] === -1) return;
    const fd = this[kFd];
    this[kFd] = -1;
    await runPromise('close', [fd], () => undefined);
    this.emit('close');
  }
  async [Symbol.asyncDispose]() { return this.close(); }
  createReadStream(options) { return fs.createReadStream(undefined, { ...options, fd: this }); }
  readLines(options) {
    const { Interface } = shared.requireBuiltin('readline');
    return new Interface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }
  createWriteStream(options) { return fs.createWriteStream(undefined, { ...options, fd: this }); }
}

const promises = { constants };
for (const name of SIMPLE) {
  if (['fstat', 'ftruncate', 'fsync', 'fdatasync', 'close', 'fchown', 'fchmod', 'futimes'].includes(name)) continue;
  const make = ops[name];
  promises[name] = {
    async [name](...args) {
      const [op, a, map, signal] = make(...args);
      return runPromise(op, a, map, signal);
    },
  }[name];
}
promises.cp = async function cp(src, dest, options) {
  const o = cpOptions(options);
  src = toPath(src, 'src');
  dest = toPath(dest, 'dest');
  if (o.filter) return cpFiltered(String(src), String(dest), o);
  return runPromise('cp', cpArgs(src, dest, o), () => undefined);
};
fs.cpSync = function cpSync(src, dest, options) {
  const o = cpOptions(options);
  src = toPath(src, 'src');
  dest = toPath(dest, 'dest');
  if (o.filter) return cpFilteredSync(String(src), String(dest), o);
  return runSync('cp', cpArgs(src, dest, o), () => undefined);
};
fs.cp = function cp(src, dest, ...rest) {
  const [args, callback] = splitCallback(rest, 0);
  const o = cpOptions(args[0]);
  src = toPath(src, 'src');
  dest = toPath(dest, 'dest');
  if (o.filter) cpFiltered(String(src), String(dest), o).then(() => callback(null), callback);
  else runCallback('cp', cpArgs(src, dest, o), callback, () => undefined);
};
promises.realpath = async function realpath(path, options) {
  const [op, a, map] = realpathOp(true)(path, options);
  return runPromise(op, a, map);
};
promises.watch = watchPromise;
promises.lchmod = async function lchmod() {
  throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The lchmod() method is not implemented');
};
promises.open = async function open(path, flags, mode) {
  const [op, a] = ops.open(path, flags, mode);
  return new FileHandle(await runPromise(op, a));
};
function fileArg(f, name = 'path') {
  if (f instanceof FileHandle) return f.fd;
  if (typeof f === 'number') throw invalidArgType(name, ['string', 'Buffer', 'URL'], f);
  return f;
}
const isIterable = (d) => d != null && typeof d === 'object' && !isView(d) &&
  (typeof d[Symbol.asyncIterator] === 'function' || typeof d[Symbol.iterator] === 'function');
// promises.writeFile/appendFile of an (async) iterable or stream: chunk by chunk.
async function writeIterable(file, data, options, flag) {
  const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag });
  const handle = file instanceof FileHandle ? file : await promises.open(file, o.flag, o.mode);
  try {
    for await (const chunk of data) {
      if (o.signal?.aborted) throw aborted(o.signal);
      const bytes = isView(chunk) ? toBytes(chunk) : Buffer.from(chunk, o.encoding || 'utf8');
      for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    }
  } finally {
    if (handle !== file) await handle.close();
  }
}
for (const [name, flag] of [['readFile'], ['writeFile', 'w'], ['appendFile', 'a']]) {
  const make = ops[name];
  promises[name] = {
    async [name](file, ...rest) {
      if (flag && isIterable(rest[0])) return writeIterable(file, rest[0], rest[1], flag);
      const [op, a, map, signal] = make(fileArg(file), ...rest);
      return runPromise(op, a, map, signal);
    },
  }[name];
}
fs.promises = promises;
shared.fsFileHandle = FileHandle;

return fs;

// `process` signal events (a listener for 'SIGINT'... listens on the loop
// while it is there; the last one gone, the signal acts as its default
// again), process.kill, cwd/chdir, umask; and Node's errno errors for the
// files after this one (shared.errnoException, shared.uvException).
'use strict';
const { process, nodeError, invalidArgType, outOfRange } = shared;
const { signals, errno: errnoNumbers } = host.osConstants();
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

// ---- errno errors -----------------------------------------------------------
const errnoNames = { __proto__: null };
for (const name of Object.keys(errnoNumbers)) {
  if (errnoNames[errnoNumbers[name]] === undefined) errnoNames[errnoNumbers[name]] = name;
}
const errnoName = (err) => errnoNames[-err] || `Unknown system error ${err}`;

// Node's ErrnoException: `syscall CODE[ original]`, with errno/code/syscall.
function errnoException(err, syscall, original) {
  const code = errnoName(err);
  const e = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  return e;
}

// Node's UVException: `CODE: description, syscall 'path' -> 'dest'`.
function uvException({ errno, syscall, path, dest }) {
  const code = errnoName(errno);
  let message = `${code}: ${host.errText(errno)}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const e = new Error(message);
  e.errno = errno;
  e.code = code;
  e.syscall = syscall;
  if (path !== undefined) e.path = path;
  if (dest !== undefined) e.dest = dest;
  return e;
}
shared.errnoException ??= errnoException;
shared.uvException ??= uvException;
shared.signalNumbers = signals;

// ---- signal events ----------------------------------------------------------
const isSignal = (name) => typeof name === 'string' && name.startsWith('SIG') && hasOwn(signals, name);
// Signal name -> the native registration, while it has listeners.
const wraps = { __proto__: null };

function listen(name) {
  if (wraps[name] !== undefined) return;
  const id = host.signalListen(signals[name], (signum) => process.emit(name, name, signum));
  if (id < 0) throw errnoException(id, 'uv_signal_start');
  wraps[name] = id;
}

function unlistenIfUnused(name) {
  if (wraps[name] !== undefined && process.listenerCount(name) === 0) {
    host.signalUnlisten(wraps[name]);
    delete wraps[name];
  }
}

// Node's own 'newListener'/'removeListener' listeners on process (then
// its 'warning' printer, in node's order).
function startListeningIfSignal(type) {
  if (isSignal(type)) listen(type);
}
function stopListeningIfSignal(type) {
  if (isSignal(type)) unlistenIfUnused(type);
}
process.on('newListener', startListeningIfSignal);
process.on('removeListener', stopListeningIfSignal);
process.on('warning', shared.onWarning);

// ---- kill -------------------------------------------------------------------
function kill(pid, sig) {
  // eslint-disable-next-line eqeqeq
  if (pid != (pid | 0)) throw invalidArgType('pid', 'number', pid);
  let err;
  if (sig === (sig | 0)) {
    err = host.kill(pid | 0, sig);
  } else {
    sig = sig || 'SIGTERM';
    if (typeof sig !== 'string' || !hasOwn(signals, sig)) {
      throw nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${sig}`);
    }
    err = host.kill(pid | 0, signals[sig]);
  }
  if (err) throw errnoException(err, 'kill');
  return true;
}

// ---- working directory and file mode mask ----------------------------------------
let cwd = host.cwd;
function chdir(directory) {
  if (typeof directory !== 'string') throw invalidArgType('directory', 'string', directory);
  const err = host.chdir(directory);
  if (err) throw uvException({ errno: err, syscall: 'chdir', path: process.cwd(), dest: directory });
  const now = host.cwdNow();
  cwd = now[0] || directory;
}

function validateUint32(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < 0 || value > 0xffffffff) throw outOfRange(name, '>= 0 && <= 4294967295', value);
}

function umask(mask) {
  if (mask === undefined) return host.umask(-1);
  // Node's parseFileMode: `value ??= undefined`, then the checks.
  if (mask === null) throw invalidArgType('mask', 'number', undefined);
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received ${util.inspect(mask)}`);
    }
    mask = Number.parseInt(mask, 8);
  }
  validateUint32(mask, 'mask');
  return host.umask(mask);
}

Object.assign(process, { kill, chdir, cwd: () => cwd, umask });

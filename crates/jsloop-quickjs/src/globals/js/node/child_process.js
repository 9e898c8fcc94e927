// node:child_process over the natives in globals/node/child_process/:
// spawnSync/execSync/execFileSync run the child to its end (poll(2) on its
// pipes, its exit through a pidfd); spawn/exec/execFile start a child the
// loop watches (pidfd and pipes registered for readiness, read in the poll
// phase). The child's piped stdio are node:stream streams. fork and 'ipc'
// are not provided.
'use strict';
const { Buffer } = shared.requireBuiltin('buffer');
const EventEmitter = shared.requireBuiltin('events');
const {
  nodeError, invalidArgType, outOfRange, validateFunction, validateObject, validateBoolean, validateAbortSignal,
  errnoException, signalNumbers: signals, process, AbortError,
} = shared;

const MAX_BUFFER = 1024 * 1024;
const UV_ENOENT = -2; const UV_EACCES = -13; const UV_EAGAIN = -11; const UV_EMFILE = -24; const UV_ENFILE = -23;
const UV_ESRCH = -3; const UV_EINVAL = -22; const UV_ENOSYS = -38;
const kEmptyObject = Object.freeze({ __proto__: null });

// ---- validation -------------------------------------------------------------
function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

function invalidArgValue(name, value, reason = 'is invalid') {
  let shown = util.inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

function validateArgumentNullCheck(arg, name) {
  if (typeof arg === 'string' && arg.includes('\u0000')) {
    throw invalidArgValue(name, arg, 'must be a string without null bytes');
  }
}

function validateArgumentsNullCheck(args, name) {
  for (let i = 0; i < args.length; ++i) validateArgumentNullCheck(args[i], `${name}[${i}]`);
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    throw outOfRange('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw outOfRange('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

const signalNames = { __proto__: null };
for (const name of Object.keys(signals)) {
  if (signalNames[signals[name]] === undefined) signalNames[signals[name]] = name;
}

function convertToValidSignal(signal) {
  if (typeof signal === 'number' && signalNames[signal] !== undefined) return signal;
  if (typeof signal === 'string' && Object.prototype.hasOwnProperty.call(signals, signal)) return signals[signal];
  throw nodeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${signal}`);
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return convertToValidSignal(killSignal);
  if (killSignal != null) throw invalidArgType('options.killSignal', ['string', 'number'], killSignal);
  return undefined;
}

function validatePath(path, name) {
  if (path instanceof URL) {
    if (path.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    return decodeURIComponent(path.pathname);
  }
  if (Buffer.isBuffer(path)) return path.toString();
  if (typeof path !== 'string') throw invalidArgType(name, ['string', 'Buffer', 'URL'], path);
  validateArgumentNullCheck(path, name);
  return path;
}

// The runtime's permission set may deny processes (node's shape of the
// error under --experimental-permission).
function permitChildProcess() {
  if (host.mayChildProcess()) return;
  const e = new Error('Access to this API has been restricted');
  e.code = 'ERR_ACCESS_DENIED';
  e.permission = 'ChildProcess';
  e.resource = '';
  throw e;
}

// ---- options ------------------------------------------------------------------
function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  validateArgumentNullCheck(file, 'file');
  if (file.length === 0) throw invalidArgValue('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw invalidArgType('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  validateArgumentsNullCheck(args, 'args');
  if (options === undefined) options = kEmptyObject;
  else validateObject(options, 'options');
  let cwd = options.cwd;
  if (cwd != null) cwd = validatePath(cwd, 'options.cwd');
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  for (const id of ['uid', 'gid']) {
    const v = options[id];
    if (v != null && v !== (v | 0)) throw invalidArgType(`options.${id}`, 'int32', v);
  }
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw invalidArgType('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  if (options.windowsHide != null) validateBoolean(options.windowsHide, 'options.windowsHide');
  if (options.windowsVerbatimArguments != null) {
    validateBoolean(options.windowsVerbatimArguments, 'options.windowsVerbatimArguments');
  }
  if (options.shell) {
    validateArgumentNullCheck(options.shell, 'options.shell');
    const command = args.length > 0 ? `${file} ${args.join(' ')}` : file;
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  if (typeof options.argv0 === 'string') args.unshift(options.argv0);
  else args.unshift(file);
  const env = options.env || process.env;
  const envPairs = [];
  const keys = [];
  for (const key in env) keys.push(key);
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined) {
      validateArgumentNullCheck(key, `options.env['${key}']`);
      validateArgumentNullCheck(value, `options.env['${key}']`);
      envPairs.push(`${key}=${value}`);
    }
  }
  return {
    ...options, args, cwd, detached: !!options.detached, envPairs, file,
    windowsHide: !!options.windowsHide, windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  };
}

// stdio: 'pipe' | 'inherit' | 'ignore' | fd numbers, per descriptor 0-2.
// In the sync forms a string or buffer entry is a pipe with that input
// (kept in `inputs`).
function getValidStdio(stdio, sync, inputs = []) {
  if (typeof stdio === 'string') {
    if (stdio === 'overlapped') stdio = 'pipe';
    if (stdio !== 'pipe' && stdio !== 'inherit' && stdio !== 'ignore') throw invalidArgValue('stdio', stdio);
    return [stdio, stdio, stdio];
  }
  if (!Array.isArray(stdio)) throw invalidArgValue('stdio', stdio);
  const out = [];
  const length = Math.max(stdio.length, 3);
  for (let i = 0; i < length; i++) {
    let s = stdio[i];
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'overlapped' || (typeof s === 'number' && s < 0)) s = 'pipe';
    if (s === 'pipe' || s === 'ignore' || s === 'inherit') {
      // as it is
    } else if (s === 'ipc') {
      throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', "stdio 'ipc' is not supported by jsloop yet");
    } else if (typeof s === 'number' || (s !== null && typeof s === 'object' && typeof s.fd === 'number')) {
      s = typeof s === 'number' ? s : s.fd;
    } else if (ArrayBuffer.isView(s) || typeof s === 'string') {
      if (!sync) {
        throw nodeError(TypeError, 'ERR_INVALID_SYNC_FORK_INPUT',
          `Asynchronous forks do not support Buffer, TypedArray, DataView or string input: ${util.inspect(s)}`);
      }
      inputs[i] = s;
      s = 'pipe';
    } else {
      throw invalidArgValue('stdio', s);
    }
    if (i >= 3) {
      if (s !== 'ignore') throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'extra stdio descriptors are not supported by jsloop yet');
      continue;
    }
    out.push(s === 'inherit' ? i : s);
  }
  return out;
}

function inputBytes(input, encoding) {
  if (typeof input === 'string') return Buffer.from(input, Buffer.isEncoding(encoding) ? encoding : 'utf8');
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw invalidArgType('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
}

// ---- spawnSync and the forms over it ----------------------------------------------
function spawnSync(file, args, options) {
  options = { maxBuffer: MAX_BUFFER, ...normalizeSpawnArguments(file, args, options) };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  const killSignal = sanitizeKillSignal(options.killSignal);
  const inputs = [];
  const stdio = getValidStdio(options.stdio || 'pipe', true, inputs);
  if (options.input) inputs[0] = options.input;
  let input;
  if (inputs[0] != null && stdio[0] === 'pipe') input = inputBytes(inputs[0], options.encoding);
  permitChildProcess();
  const raw = host.cpSpawnSync({
    file: options.file, args: options.args, envPairs: options.envPairs, cwd: options.cwd, stdio,
    detached: options.detached, uid: options.uid, gid: options.gid, input, timeout: options.timeout || 0, killSignal, maxBuffer: options.maxBuffer,
  });
  const result = {};
  const started = raw.pid !== 0;
  if (raw.error) {
    result.error = errnoException(raw.error, `spawnSync ${options.file}`);
    result.error.path = options.file;
    result.error.spawnargs = options.args.slice(1);
  }
  result.status = raw.status ?? null;
  result.signal = raw.signal === null ? null : signalNames[raw.signal] || null;
  let output = null;
  if (started) {
    output = [null, raw.stdout && toBuffer(raw.stdout), raw.stderr && toBuffer(raw.stderr)];
    if (options.encoding && options.encoding !== 'buffer') {
      for (let i = 0; i < output.length; i++) if (output[i]) output[i] = output[i].toString(options.encoding);
    }
  }
  result.output = output;
  result.pid = raw.pid;
  result.stdout = output && output[1];
  result.stderr = output && output[2];
  return result;
}

const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

function genericNodeError(message, props) {
  const e = new Error(message);
  Object.assign(e, props);
  return e;
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = genericNodeError(msg, ret);
  }
  return err;
}

function normalizeExecArgs(command, options, callback) {
  validateString(command, 'command');
  validateArgumentNullCheck(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function normalizeExecFileArgs(file, args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  args ??= [];
  if (typeof options === 'function') callback = options;
  else if (options != null) validateObject(options, 'options');
  options ??= kEmptyObject;
  if (callback != null) validateFunction(callback, 'callback');
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateArgumentNullCheck(options.argv0, 'options.argv0');
  }
  return { file, args, options, callback };
}

function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

function execFileSync(file, args, options) {
  ({ file, args, options } = normalizeExecFileArgs(file, args, options));
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const errArgs = [options.argv0 || file, ...args];
  const err = checkExecSyncError(ret, errArgs);
  if (err) throw err;
  return ret.stdout;
}

// ---- ChildProcess ---------------------------------------------------------------
// node:stream, loaded with the first piped child.
let streamModule;
const streams = () => (streamModule ??= shared.requireBuiltin('stream'));

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) child.emit('close', child.exitCode, child.signalCode);
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._id = 0;
    this._exited = true;
    this._onData = [null, null, null];
  }

  spawn(options) {
    validateObject(options, 'options');
    const stdio = getValidStdio(options.stdio || 'pipe', false);
    validateString(options.file, 'options.file');
    this.spawnfile = options.file;
    this.spawnargs = Array.isArray(options.args) ? options.args : [];
    permitChildProcess();
    const handle = host.cpSpawn({
      file: options.file, args: this.spawnargs, envPairs: options.envPairs, cwd: options.cwd, stdio,
      detached: !!options.detached, uid: options.uid, gid: options.gid,
    }, (kind, a, b) => this._event(kind, a, b));
    let err = 0;
    if (typeof handle === 'number') {
      err = handle;
      if (err !== UV_EACCES && err !== UV_EAGAIN && err !== UV_EMFILE && err !== UV_ENFILE && err !== UV_ENOENT) {
        throw errnoException(err, 'spawn');
      }
      process.nextTick(() => this._onExit(err, null));
    } else {
      this._id = handle[0];
      this.pid = handle[1];
      this._exited = false;
      process.nextTick(() => this.emit('spawn'));
    }
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    const { Readable, Writable } = stdio.includes('pipe') ? streams() : {};
    if (stdio[0] === 'pipe') this.stdin = this._makeStdin(Writable, err === 0);
    for (const i of [1, 2]) {
      if (stdio[i] !== 'pipe') continue;
      const stream = new Readable({
        // The reader wants more: read the pipe again.
        read: () => {
          if (this._id !== 0) host.cpFlow(this._id, i, true);
        },
        destroy: (error, callback) => {
          if (this._id !== 0) host.cpClose(this._id, i);
          callback(error);
        },
      });
      this[i === 1 ? 'stdout' : 'stderr'] = stream;
      this._onData[i] = (chunk) => {
        // A full buffer stops reading the pipe (the child then blocks).
        if (!stream.push(chunk === null ? null : toBuffer(chunk)) && chunk !== null && this._id !== 0) {
          host.cpFlow(this._id, i, false);
        }
      };
      // As node, a child that failed to start still has its pipes (they
      // end at once): 'close' waits for them too.
      this._closesNeeded++;
      stream.on('close', () => maybeClose(this));
      if (err !== 0) process.nextTick(() => stream.push(null));
    }
    this.stdio = [this.stdin, this.stdout, this.stderr];
    return err;
  }

  _makeStdin(Writable, live) {
    const child = this;
    let pendingCallback = null;
    const stream = new Writable({
      write(chunk, encoding, callback) {
        if (!live || child._id === 0) {
          callback(errnoException(-32, 'write'));
          return;
        }
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
        const done = host.cpWrite(child._id, bytes);
        if (done < 0) callback(errnoException(done, 'write'));
        else if (done === 1) callback();
        else pendingCallback = callback;
      },
      final(callback) {
        if (live && child._id !== 0) host.cpEnd(child._id);
        callback();
      },
      destroy(error, callback) {
        if (live && child._id !== 0) host.cpClose(child._id, 0);
        callback(error);
      },
    });
    this._onDrain = () => {
      const cb = pendingCallback;
      pendingCallback = null;
      if (cb) cb();
    };
    this._onStdinError = (errno) => {
      const cb = pendingCallback;
      pendingCallback = null;
      const e = errnoException(errno, 'write');
      if (cb) cb(e);
      else stream.destroy(e);
    };
    return stream;
  }

  _event(kind, a, b) {
    switch (kind) {
      case 'exit': this._onExit(a, b); break;
      case 'data': if (this._onData[a]) this._onData[a](b); break;
      case 'end': if (this._onData[a]) this._onData[a](null); break;
      case 'drain': if (this._onDrain) this._onDrain(); break;
      case 'error': if (this._onStdinError) this._onStdinError(b); break;
      default:
    }
  }

  _onExit(exitCode, signal) {
    this._exited = true;
    if (signal !== null && signal !== undefined) this.signalCode = signalNames[signal] || null;
    else this.exitCode = exitCode;
    if (this.stdin && exitCode >= 0) this.stdin.destroy();
    if (this._id !== 0) host.cpClose(this._id, 0);
    if (exitCode < 0) {
      const syscall = this.spawnfile ? `spawn ${this.spawnfile}` : 'spawn';
      const err = errnoException(exitCode, syscall);
      if (this.spawnfile) err.path = this.spawnfile;
      err.spawnargs = this.spawnargs.slice(1);
      this.emit('error', err);
    } else {
      this.emit('exit', this.exitCode, this.signalCode);
    }
    // Unread output still flows, so 'close' comes (as node's flushStdio).
    process.nextTick(() => {
      for (const s of [this.stdout, this.stderr]) {
        if (s && s.readableFlowing === null && !s.destroyed) s.resume();
      }
    });
    maybeClose(this);
  }

  kill(sig) {
    const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
    if (!this._exited) {
      const err = host.kill(this.pid, signal);
      if (err === 0) {
        this.killed = true;
        return true;
      }
      if (err === UV_ESRCH) {
        // already dead
      } else if (err === UV_EINVAL || err === UV_ENOSYS) {
        throw errnoException(err, 'kill');
      } else {
        this.emit('error', errnoException(err, 'kill'));
      }
    }
    return false;
  }

  ref() {
    if (!this._exited) host.cpRef(this._id, true);
  }

  unref() {
    if (!this._exited) host.cpRef(this._id, false);
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(ChildProcess.prototype, Symbol.dispose, {
    value: function dispose() { if (!this.killed) this.kill(); }, writable: true, configurable: true,
  });
}

function abortChildProcess(child, killSignal, reason) {
  if (!child) return;
  try {
    if (child.kill(killSignal)) child.emit('error', new AbortError(undefined, { cause: reason }));
  } catch (err) {
    child.emit('error', err);
  }
}

function spawn(file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  validateTimeout(options.timeout);
  validateAbortSignal(options.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(options.killSignal);
  const child = new ChildProcess();
  child.spawn(options);
  if (options.timeout > 0) {
    let timeoutId = setTimeout(() => {
      if (timeoutId) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timeoutId = null;
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timeoutId) {
        clearTimeout(timeoutId);
        timeoutId = null;
      }
    });
  }
  if (options.signal) {
    const signal = options.signal;
    if (signal.aborted) {
      process.nextTick(abortChildProcess, child, killSignal, signal.reason);
    } else {
      const onAbort = () => abortChildProcess(child, killSignal, signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

// ---- exec and execFile (callbacks) ----------------------------------------------------
function execFile(file, args, options, callback) {
  ({ file, args, options, callback } = normalizeExecFileArgs(file, args, options, callback));
  options = {
    encoding: 'utf8', timeout: 0, maxBuffer: MAX_BUFFER, killSignal: 'SIGTERM', cwd: null, env: null, shell: false,
    ...options,
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const encoding = options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ? options.encoding : null;
  const chunks = [[], []];
  const lengths = [0, 0];
  const child = spawn(file, args, {
    cwd: options.cwd, env: options.env, gid: options.gid, shell: options.shell, signal: options.signal,
    uid: options.uid, windowsHide: !!options.windowsHide, windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  });
  let killed = false;
  let exited = false;
  let timeoutId;
  let ex = null;
  let cmd = file;

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timeoutId) {
      clearTimeout(timeoutId);
      timeoutId = null;
    }
    if (!callback) return;
    const [stdout, stderr] = chunks.map((list) => (encoding ? list.join('') : Buffer.concat(list)));
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args?.length) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      ex = genericNodeError(`Command failed: ${cmd}\n${stderr}`, {
        code: code < 0 ? errnoException(code, '').code : code,
        killed: child.killed || killed,
        signal,
      });
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function stopReading() {
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
  }

  function errorhandler(e) {
    ex = e;
    stopReading();
    exithandler();
  }

  function kill() {
    stopReading();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timeoutId = setTimeout(() => {
      kill();
      timeoutId = null;
    }, options.timeout);
  }

  function onOutput(i, chunk) {
    const length = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.length;
    lengths[i] += length;
    if (lengths[i] > options.maxBuffer) {
      const truncated = options.maxBuffer - (lengths[i] - length);
      chunks[i].push(chunk.slice(0, truncated));
      ex = nodeError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${i === 0 ? 'stdout' : 'stderr'} maxBuffer length exceeded`);
      kill();
    } else {
      chunks[i].push(chunk);
    }
  }
  for (const i of [0, 1]) {
    const stream = i === 0 ? child.stdout : child.stderr;
    if (!stream) continue;
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => onOutput(i, chunk));
  }
  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

const customPromiseExecFunction = (orig) => (...args) => {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.child = orig(...args, (err, stdout, stderr) => {
    if (err !== null) {
      err.stdout = stdout;
      err.stderr = stderr;
      reject(err);
    } else {
      resolve({ stdout, stderr });
    }
  });
  return promise;
};
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(exec, kCustomPromisify, { enumerable: false, value: customPromiseExecFunction(exec) });
Object.defineProperty(execFile, kCustomPromisify, { enumerable: false, value: customPromiseExecFunction(execFile) });

function fork() {
  throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'child_process.fork is not supported by jsloop yet');
}

return {
  ChildProcess, _forkChild: fork, exec, execFile, execFileSync, execSync, fork, spawn, spawnSync,
};

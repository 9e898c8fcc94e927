// node:readline: createInterface over any Readable, in line mode or, on a
// terminal (or `terminal: true`), with line editing on keypress events
// (internal/readline_terminal.js): 'line', 'close', 'pause'/'resume',
// question, prompt, async iteration over lines, emitKeypressEvents and the
// cursor helpers (clearLine, cursorTo, moveCursor, clearScreenDown). The
// promise forms are in readline/promises.
'use strict';
const EventEmitter = shared.requireBuiltin('events');
const { StringDecoder } = shared.requireBuiltin('string_decoder');
const { nodeError, invalidArgType, outOfRange, validateFunction, validateAbortSignal, AbortError } = shared;
const { process } = shared;

const kMinCrlfDelay = 100;
const kHistorySize = 30;
const lineEnding = /\r?\n|\r(?!\n)/g;
const kQuestion = Symbol('kQuestion');
const kQuestionCancel = Symbol('kQuestionCancel');
const kCallback = Symbol('kQuestionCallback');
const kOldPrompt = Symbol('kOldPrompt');
const kBuffer = Symbol('kLineBuffer');
const kSawReturnAt = Symbol('kSawReturnAt');
const kDecoder = Symbol('kDecoder');
const kOnLine = Symbol('kOnLine');
const kNormalWrite = Symbol('kNormalWrite');
const kIterator = Symbol('kLineIterator');
const { emitKeypressEvents } = shared.requireBuiltin('internal/keys');
const {
  kTtyWrite, kRefreshLine, kSetRawMode, kSubstringSearch, kDisplayPos, kWrite, kQuestionReject, install: installTerminal,
} = shared.requireBuiltin('internal/readline_terminal');

const invalidArgValue = (name, value) => nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
  `The argument '${name}' is invalid. Received ${util.inspect(value)}`);
const useAfterClose = () => nodeError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');

// What readline's and readline/promises' Interface share (Node's
// InterfaceConstructor): neither is an instance of the other.
function Base(input, output, completer, terminal) {
  EventEmitter.call(this);
  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;
  if (input && input.input) {
    // An options object.
    output = input.output;
    completer = input.completer;
    terminal = input.terminal;
    history = input.history;
    historySize = input.historySize;
    signal = input.signal;
    if (input.tabSize !== undefined) shared.validateInteger(input.tabSize, 'tabSize', 1);
    removeHistoryDuplicates = input.removeHistoryDuplicates;
    if (input.prompt !== undefined) prompt = input.prompt;
    crlfDelay = input.crlfDelay;
    input = input.input;
  }
  if (completer !== undefined && typeof completer !== 'function') throw invalidArgValue('completer', completer);
  if (history === undefined) history = [];
  else if (!Array.isArray(history)) throw invalidArgType('history', 'Array', history);
  if (historySize === undefined) historySize = kHistorySize;
  if (typeof historySize !== 'number' || Number.isNaN(historySize) || historySize < 0) {
    throw outOfRange('historySize', '>= 0', historySize);
  }
  if (terminal === undefined && !(output === null || output === undefined)) terminal = !!output.isTTY;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');

  this.output = output;
  this.input = input;
  this.history = history;
  this.historySize = historySize;
  this.removeHistoryDuplicates = !!removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
  this.completer = completer;
  this._prompt = prompt;
  this.terminal = !!terminal;
  this.line = '';
  this.cursor = 0;
  this.isCompletionEnabled = true;
  this.closed = false;
  this.paused = false;
  this[kCallback] = null;
  this[kOldPrompt] = prompt;
  this[kBuffer] = null;
  this[kSawReturnAt] = 0;
  this[kDecoder] = new StringDecoder('utf8');

  const self = this;
  function ondata(data) { self[kNormalWrite](data); }
  function onend() {
    if (typeof self[kBuffer] === 'string' && self[kBuffer].length > 0) self.emit('line', self[kBuffer]);
    self.close();
  }
  function onerror(err) { self.emit('error', err); }
  input.on('error', onerror);
  if (this.terminal) {
    const onkeypress = (s, key) => self[kTtyWrite](s, key);
    const ontermend = () => {
      if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
      self.close();
    };
    const onresize = () => self[kRefreshLine]();
    emitKeypressEvents(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this[kSetRawMode](true);
    this.historyIndex = -1;
    this.prevRows = 0;
    this[kSubstringSearch] = null;
    if (output !== null && output !== undefined) output.on('resize', onresize);
    this.once('close', () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', ontermend);
      if (output !== null && output !== undefined) output.removeListener('resize', onresize);
    });
  } else {
    input.on('data', ondata);
    input.on('end', onend);
    this.once('close', () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    });
  }
  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      self.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }
  input.resume();
}
Object.setPrototypeOf(Base.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Base, EventEmitter);

Object.defineProperty(Base.prototype, 'columns', {
  configurable: true,
  enumerable: true,
  get() { return this.output && this.output.columns ? this.output.columns : Infinity; },
});

Base.prototype.setPrompt = function setPrompt(prompt) { this._prompt = prompt; };
Base.prototype.getPrompt = function getPrompt() { return this._prompt; };

Base.prototype.prompt = function prompt(preserveCursor) {
  if (this.paused) this.resume();
  if (this.closed) throw useAfterClose();
  if (this.terminal && process.env.TERM !== 'dumb') {
    if (!preserveCursor) this.cursor = 0;
    this[kRefreshLine]();
  } else {
    this[kWrite](this._prompt);
  }
};

Base.prototype[kQuestion] = function question(query, cb) {
  if (this.closed) throw useAfterClose();
  if (this[kCallback]) {
    this.prompt();
  } else {
    this[kOldPrompt] = this._prompt;
    this.setPrompt(query);
    this[kCallback] = cb;
    this.prompt();
  }
};

Base.prototype[kQuestionCancel] = function questionCancel() {
  if (this[kCallback]) {
    this[kCallback] = null;
    this.setPrompt(this[kOldPrompt]);
    this.line = '';
    this.cursor = 0;
    this[kWrite]('\r\n');
  }
};

function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  Base.call(this, input, output, completer, terminal);
}
Object.setPrototypeOf(Interface.prototype, Base.prototype);
Object.setPrototypeOf(Interface, Base);

Interface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options !== null && typeof options === 'object') {
    const { signal } = options;
    if (signal) {
      validateAbortSignal(signal, 'options.signal');
      if (signal.aborted) return;
      const onAbort = () => { this[kQuestionCancel](); };
      signal.addEventListener('abort', onAbort, { once: true });
      const original = cb;
      cb = typeof original === 'function' ? (answer) => {
        signal.removeEventListener('abort', onAbort);
        return original(answer);
      } : original;
    }
  }
  if (typeof cb === 'function') this[kQuestion](query, cb);
};

Base.prototype[kOnLine] = function onLine(line) {
  if (this[kCallback]) {
    const cb = this[kCallback];
    this[kCallback] = null;
    this.setPrompt(this[kOldPrompt]);
    cb(line);
  } else {
    this.emit('line', line);
  }
};

Base.prototype[kNormalWrite] = function normalWrite(b) {
  if (b === undefined) return;
  let string = this[kDecoder].write(b);
  if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
    if (string.codePointAt(0) === 10) string = string.slice(1);
    this[kSawReturnAt] = 0;
  }
  // Lines cut by the engine's split: on '\n' alone when the chunk has no
  // '\r' (the common case), else on any of '\r\n', '\n' and '\r'.
  const hasReturn = string.indexOf('\r') !== -1;
  const parts = hasReturn ? string.split(lineEnding) : string.split('\n');
  const last = parts.length - 1;
  if (last === 0) {
    if (string) this[kBuffer] = this[kBuffer] ? this[kBuffer] + string : string;
    return;
  }
  if (this[kBuffer]) {
    parts[0] = this[kBuffer] + parts[0];
    this[kBuffer] = null;
  }
  this[kSawReturnAt] = hasReturn && string.endsWith('\r') ? Date.now() : 0;
  this[kBuffer] = parts[last];
  for (let i = 0; i < last; i++) this[kOnLine](parts[i]);
};

Base.prototype.write = function write(d, key) {
  if (this.paused) this.resume();
  if (this.terminal) this[kTtyWrite](d, key);
  else this[kNormalWrite](d);
};

Base.prototype.close = function close() {
  if (this.closed) return;
  if (this.terminal) this[kSetRawMode](false);
  this.pause();
  this.closed = true;
  this.emit('close');
};

Base.prototype.pause = function pause() {
  if (this.paused) return;
  this.input.pause();
  this.paused = true;
  this.emit('pause');
  return this;
};

Base.prototype.resume = function resume() {
  if (!this.paused) return;
  this.input.resume();
  this.paused = false;
  this.emit('resume');
  return this;
};

Base.prototype.getCursorPos = function getCursorPos() {
  if (!this.terminal) return { rows: 0, cols: this.cursor };
  return this[kDisplayPos](this._prompt + this.line.slice(0, this.cursor));
};

installTerminal(Base.prototype, kOnLine, kSawReturnAt);

// Lines as an async iterator, from the first call on (lines emitted
// before are not seen, as in Node); it ends after 'close'.
Base.prototype[Symbol.asyncIterator] = function () {
  if (this[kIterator] === undefined) this[kIterator] = lineIterator(this);
  return this[kIterator];
};

function lineIterator(rl) {
  // Lines not asked for yet: queue[head..] (taken by index, not shift(),
  // which moves the rest each time).
  let queue = [];
  let head = 0;
  const take = () => {
    const line = queue[head];
    head++;
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    return line;
  };
  const waiting = [];
  let done = rl.closed;
  let error = null;
  const onLine = (line) => {
    if (waiting.length > 0) waiting.shift().resolve({ value: line, done: false });
    else queue.push(line);
  };
  const finish = () => {
    done = true;
    cleanup();
    while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
  };
  const onError = (err) => {
    error = err;
    cleanup();
    if (waiting.length > 0) {
      waiting.shift().reject(err);
      error = null;
      done = true;
      while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
    }
  };
  function cleanup() {
    rl.removeListener('line', onLine);
    rl.removeListener('close', finish);
    rl.removeListener('error', onError);
  }
  if (!done) {
    rl.on('line', onLine);
    rl.on('close', finish);
    rl.on('error', onError);
  }
  const iterator = {
    next() {
      if (head < queue.length) return Promise.resolve({ value: take(), done: false });
      if (error !== null) {
        const err = error;
        error = null;
        done = true;
        return Promise.reject(err);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      // Lines already cut stay to be read, as in Node.
      done = true;
      cleanup();
      rl.close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      done = true;
      cleanup();
      rl.close();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() { return this; },
  };
  Object.setPrototypeOf(iterator, Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())));
  return iterator;
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

// ---- cursor helpers -------------------------------------------------------------
const CSI = (s) => `\x1b[${s}`;
const kClearToLineBeginning = CSI('1K');
const kClearToLineEnd = CSI('0K');
const kClearLine = CSI('2K');
const kClearScreenDown = CSI('0J');

function done(callback) {
  if (typeof callback === 'function') process.nextTick(callback, null);
  return true;
}

function cursorToData(x, y) {
  return typeof y !== 'number' ? CSI(`${x + 1}G`) : CSI(`${y + 1};${x + 1}H`);
}

function moveCursorData(dx, dy) {
  let data = '';
  if (dx < 0) data += CSI(`${-dx}D`);
  else if (dx > 0) data += CSI(`${dx}C`);
  if (dy < 0) data += CSI(`${-dy}A`);
  else if (dy > 0) data += CSI(`${dy}B`);
  return data;
}

function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw invalidArgValue('x', x);
  if (Number.isNaN(y)) throw invalidArgValue('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) return done(callback);
  if (typeof x !== 'number') throw nodeError(TypeError, 'ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column');
  return stream.write(cursorToData(x, y), callback);
}

function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || !(dx || dy)) return done(callback);
  return stream.write(moveCursorData(dx, dy), callback);
}

function clearLine(stream, dir, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null) return done(callback);
  const type = dir < 0 ? kClearToLineBeginning : dir > 0 ? kClearToLineEnd : kClearLine;
  return stream.write(type, callback);
}

function clearScreenDown(stream, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null) return done(callback);
  return stream.write(kClearScreenDown, callback);
}

shared.readlineInternals = {
  Base, kQuestion, kQuestionCancel, useAfterClose, cursorToData, moveCursorData,
  kClearToLineBeginning, kClearToLineEnd, kClearLine, kClearScreenDown, AbortError, kQuestionReject,
};

const readline = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
};
Object.defineProperty(readline, 'promises', {
  configurable: true,
  enumerable: true,
  get() { return shared.requireBuiltin('readline/promises'); },
});
return readline;

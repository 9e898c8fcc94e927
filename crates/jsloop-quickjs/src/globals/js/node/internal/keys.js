// readline.emitKeypressEvents: a stream's text cut into keys, each a
// 'keypress' event `(string, key)` with Node's key objects (name, ctrl,
// meta, shift, sequence, and code for an escape sequence). A chunk ending
// in a lone escape waits `escapeCodeTimeout` ms for the rest of a sequence.
'use strict';
const { StringDecoder } = shared.requireBuiltin('string_decoder');

const ESC = '\x1b';
const kDecoder = Symbol('keypressDecoder');
const kEscapeTimeout = 500;

// Escape sequence codes (after ESC, modifiers taken out): [name, extra
// modifier the code itself implies].
const names = { __proto__: null };
function def(list, extra) {
  for (const [code, name] of list) names[code] = [name, extra];
}
def([
  ['[P', 'f1'], ['[Q', 'f2'], ['[R', 'f3'], ['[S', 'f4'],
  ['OP', 'f1'], ['OQ', 'f2'], ['OR', 'f3'], ['OS', 'f4'],
  ['[11~', 'f1'], ['[12~', 'f2'], ['[13~', 'f3'], ['[14~', 'f4'],
  ['[[A', 'f1'], ['[[B', 'f2'], ['[[C', 'f3'], ['[[D', 'f4'], ['[[E', 'f5'],
  ['[15~', 'f5'], ['[17~', 'f6'], ['[18~', 'f7'], ['[19~', 'f8'], ['[20~', 'f9'],
  ['[21~', 'f10'], ['[23~', 'f11'], ['[24~', 'f12'],
  ['[A', 'up'], ['[B', 'down'], ['[C', 'right'], ['[D', 'left'], ['[E', 'clear'], ['[F', 'end'], ['[H', 'home'],
  ['OA', 'up'], ['OB', 'down'], ['OC', 'right'], ['OD', 'left'], ['OE', 'clear'], ['OF', 'end'], ['OH', 'home'],
  ['[1~', 'home'], ['[2~', 'insert'], ['[3~', 'delete'], ['[4~', 'end'], ['[5~', 'pageup'], ['[6~', 'pagedown'],
  ['[[5~', 'pageup'], ['[[6~', 'pagedown'], ['[7~', 'home'], ['[8~', 'end'],
  ['[200~', 'paste-start'], ['[201~', 'paste-end'],
], null);
def([
  ['[a', 'up'], ['[b', 'down'], ['[c', 'right'], ['[d', 'left'], ['[e', 'clear'],
  ['[2$', 'insert'], ['[3$', 'delete'], ['[5$', 'pageup'], ['[6$', 'pagedown'], ['[7$', 'home'], ['[8$', 'end'],
  ['[Z', 'tab'],
], 'shift');
def([
  ['Oa', 'up'], ['Ob', 'down'], ['Oc', 'right'], ['Od', 'left'], ['Oe', 'clear'],
  ['[2^', 'insert'], ['[3^', 'delete'], ['[5^', 'pageup'], ['[6^', 'pagedown'], ['[7^', 'home'], ['[8^', 'end'],
], 'ctrl');

const isDigit = (c) => c >= '0' && c <= '9';
const withTilde = /^(\d\d?)(;(\d))?([~^$])$/;
const withLetter = /^((\d;)?(\d))?([A-Za-z])$/;

// Thrown when the characters end inside a sequence.
const needMore = Symbol('needMore');

// Reads one key from `chars` (code points) at `at`; `flush` ends a lone
// escape. Returns [next index, string or undefined, key] or null (nothing
// to emit: a broken sequence); throws needMore when incomplete.
function readKey(chars, at, flush) {
  let i = at;
  const take = () => {
    if (i < chars.length) return chars[i++];
    if (flush) {
      flush = false;
      return '';
    }
    throw needMore;
  };
  const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };
  let ch = take();
  let seq = ch;
  let escaped = false;
  if (ch === ESC) {
    escaped = true;
    seq += (ch = take());
    if (ch === ESC) seq += (ch = take());
  }
  if (escaped && (ch === 'O' || ch === '[')) {
    let code = ch;
    let modifier = 0;
    if (ch === 'O') {
      seq += (ch = take());
      if (isDigit(ch)) {
        modifier = Number(ch) - 1;
        seq += (ch = take());
      }
      code += ch;
    } else {
      seq += (ch = take());
      if (ch === '[') {
        code += ch;
        seq += (ch = take());
      }
      const cmdStart = seq.length - 1;
      for (let digits = 0; digits < 3 && isDigit(ch); digits++) seq += (ch = take());
      if (ch === ';') {
        seq += (ch = take());
        if (isDigit(ch)) seq += take();
      }
      const cmd = seq.slice(cmdStart);
      let m;
      if ((m = withTilde.exec(cmd)) !== null) {
        code += m[1] + m[4];
        modifier = (m[3] || 1) - 1;
      } else if ((m = withLetter.exec(cmd)) !== null) {
        code += m[4];
        modifier = (m[3] || 1) - 1;
      } else {
        code += cmd;
      }
    }
    key.ctrl = (modifier & 4) !== 0;
    key.meta = (modifier & 10) !== 0;
    key.shift = (modifier & 1) !== 0;
    key.code = code;
    const known = names[code];
    if (known === undefined) {
      key.name = 'undefined';
    } else {
      key.name = known[0];
      if (known[1] !== null) key[known[1]] = true;
    }
  } else {
    const plain = { '\r': 'return', '\n': 'enter', '\t': 'tab', '\b': 'backspace', '\x7f': 'backspace', [ESC]: 'escape', ' ': 'space' }[ch];
    if (plain !== undefined) {
      key.name = plain;
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a') {
      key.name = String.fromCharCode(ch.charCodeAt(0) + 96);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = ch >= 'A' && ch <= 'Z';
      key.meta = escaped;
    } else if (escaped) {
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }
  }
  key.sequence = seq;
  if (seq.length !== 0 && (key.name !== undefined || escaped)) return [i, escaped ? undefined : seq, key];
  if (seq.length > 0 && seq.codePointAt(0) > 0xffff ? seq.length === 2 : seq.length === 1) return [i, seq, key];
  return [i, null, key];
}

function emitKeypressEvents(stream, iface = {}) {
  if (stream[kDecoder]) return;
  const decoder = new StringDecoder('utf8');
  stream[kDecoder] = decoder;
  const timeout = iface.escapeCodeTimeout === undefined ? kEscapeTimeout : iface.escapeCodeTimeout;
  let pending = [];
  let timer;

  // Emits every complete key of `pending`; `flush` completes a lone escape.
  function drain(flush) {
    let at = 0;
    try {
      while (at < pending.length) {
        let read;
        try {
          read = readKey(pending, at, flush);
        } catch (e) {
          if (e === needMore) break;
          throw e;
        }
        at = read[0];
        // A key before the chunk's last is typed text: no completion, no
        // redrawing (Node's isCompletionEnabled).
        if (at === pending.length) iface.isCompletionEnabled = true;
        if (read[1] !== null) stream.emit('keypress', read[1], read[2]);
      }
    } catch (err) {
      pending = [];
      throw err;
    }
    pending = pending.slice(at);
  }

  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const text = decoder.write(input);
      if (!text) return;
      clearTimeout(timer);
      iface.isCompletionEnabled = false;
      for (const c of text) pending.push(c);
      drain(false);
      if (pending.length > 0 && text.endsWith(ESC)) timer = setTimeout(() => drain(true), timeout);
    } else {
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }
  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }
  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

return { emitKeypressEvents };

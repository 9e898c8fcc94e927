// The terminal side of readline's Interface (`terminal: true`): keys
// edit `line` at `cursor` and the output is redrawn as Node's is (the
// prompt and line rewritten after moving to the left edge and clearing
// below), with history (up/down, prefix search), word moves and deletes,
// ctrl-c as the Interface's 'SIGINT' (or close), ctrl-d as end of input.
'use strict';
const { cursorTo: cursorToData, moveCursor: moveCursorData } = {
  cursorTo: (x) => `\x1b[${x + 1}G`,
  moveCursor: (dx, dy) => {
    let data = '';
    if (dx < 0) data += `\x1b[${-dx}D`;
    else if (dx > 0) data += `\x1b[${dx}C`;
    if (dy < 0) data += `\x1b[${-dy}A`;
    else if (dy > 0) data += `\x1b[${dy}B`;
    return data;
  },
};
const { process } = shared;
const { stripVTControlCharacters: stripVT } = shared.requireBuiltin('util');
const { AbortError } = shared;

// Node's Interface has these (underscored) methods on its prototype.
const kTtyWrite = '_ttyWrite';
const kRefreshLine = '_refreshLine';
const kSetRawMode = '_setRawMode';
const kDisplayPos = '_getDisplayPos';
const kWrite = '_writeToOutput';
const kMove = '_moveCursor';
const kInsert = '_insertString';
const kLine = '_line';
const kSubstringSearch = Symbol('kSubstringSearch');
const kHistoryStep = Symbol('kHistoryStep');
const kCtrlKey = Symbol('kCtrlKey');
const kPlainKey = Symbol('kPlainKey');
const kSuspend = Symbol('kSuspend');
const kBeforeEdit = Symbol('kBeforeEdit');
const kUndoStack = Symbol('kUndoStack');
const kRedoStack = Symbol('kRedoStack');
const kKillRing = Symbol('kKillRing');
const kKillRingCursor = Symbol('kKillRingCursor');
const kYanking = Symbol('kYanking');
const kPushKill = Symbol('kPushKill');
const kUndoRedo = Symbol('kUndoRedo');
const kQuestionReject = Symbol('kQuestionReject');
const kMaxUndo = 2048;
const kMaxKillRing = 32;
const lineEnding = /\r?\n|\r(?!\n)/g;
const wordBefore = /^\s*(?:[^\w\s]+|\w+)?/;
const wordAfter = /^(?:\s+|[^\w\s]+|\w+)\s*/;
const wordToDelete = /^(?:\s+|\W+|\w+)\s*/;
const tabSize = 8;

// Code units of the character before / at `i`.
const lengthBefore = (s, i) => (i <= 0 ? 0 : s.codePointAt(i - 2) > 0xffff ? 2 : 1);
const lengthAt = (s, i) => (i >= s.length ? 0 : s.codePointAt(i) > 0xffff ? 2 : 1);
const reversed = (s) => Array.from(s).reverse().join('');

function install(proto, kOnLine, kSawReturnAt) {
  const methods = {
    [kWrite](text) {
      if (this.output !== null && this.output !== undefined) this.output.write(text);
    },

    [kSetRawMode](mode) {
      const was = this.input.isRaw;
      if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
      return was;
    },

    // Rows and columns `text` takes on the terminal, from the left edge.
    [kDisplayPos](text) {
      const columns = this.columns;
      let offset = 0;
      let rows = 0;
      for (const c of stripVT(text)) {
        if (c === '\n') {
          rows += Math.ceil(offset / columns) || 1;
          offset = 0;
        } else if (c === '\t') {
          offset += tabSize - (offset % tabSize);
        } else {
          const width = util.stringWidth(c);
          if (width === 0 || width === 1) {
            offset += width;
          } else {
            if ((offset + 1) % columns === 0) offset++;
            offset += 2;
          }
        }
      }
      const cols = offset % columns;
      rows += (offset - cols) / columns;
      return { cols, rows };
    },

    [kRefreshLine]() {
      const text = this._prompt + this.line;
      const end = this[kDisplayPos](text);
      const at = this.getCursorPos();
      let out = '';
      if (this.prevRows > 0) out += moveCursorData(0, -this.prevRows);
      out += cursorToData(0) + '\x1b[0J';
      if (this.output == null) return;
      this.output.write(out);
      this[kWrite](text);
      if (end.cols === 0) this[kWrite](' ');
      this.output.write(cursorToData(at.cols));
      const up = end.rows - at.rows;
      if (up > 0) this.output.write(moveCursorData(0, -up));
      this.prevRows = at.rows;
    },

    [kMove](dx) {
      if (dx === 0) return;
      const before = this.getCursorPos();
      this.cursor = Math.min(Math.max(this.cursor + dx, 0), this.line.length);
      const after = this.getCursorPos();
      if (before.rows === after.rows) {
        const diff = after.cols - before.cols;
        if (diff !== 0 && this.output != null) this.output.write(moveCursorData(diff, 0));
      } else {
        this[kRefreshLine]();
      }
    },

    // The line as it was before an edit, for undo (ctrl-_) and redo (ctrl-^).
    [kBeforeEdit](text, cursor) {
      const undo = this[kUndoStack] || (this[kUndoStack] = []);
      if (undo.push({ text, cursor }) > kMaxUndo) undo.shift();
    },

    [kUndoRedo](from, to) {
      const source = this[from] || [];
      if (source.length === 0) return;
      const target = this[to] || (this[to] = []);
      target.push({ text: this.line, cursor: this.cursor });
      const entry = source.pop();
      this.line = entry.text;
      this.cursor = entry.cursor;
      this[kRefreshLine]();
    },

    [kPushKill](text) {
      const ring = this[kKillRing] || (this[kKillRing] = []);
      if (!text || text === ring[0]) return;
      ring.unshift(text);
      this[kKillRingCursor] = 0;
      while (ring.length > kMaxKillRing) ring.pop();
    },

    _yank() {
      const ring = this[kKillRing] || [];
      if (ring.length > 0) {
        this[kYanking] = true;
        this[kInsert](ring[this[kKillRingCursor]]);
      }
    },

    _yankPop() {
      const ring = this[kKillRing] || [];
      if (!this[kYanking] || ring.length <= 1) return;
      const last = ring[this[kKillRingCursor]];
      this[kKillRingCursor] = (this[kKillRingCursor] + 1) % ring.length;
      const current = ring[this[kKillRingCursor]];
      const head = this.line.slice(0, this.cursor - last.length);
      this.line = head + current + this.line.slice(this.cursor);
      this.cursor = head.length + current.length;
      this[kRefreshLine]();
    },

    [kInsert](text) {
      this[kBeforeEdit](this.line, this.cursor);
      if (!this.isCompletionEnabled) {
        this.line += text;
        this.cursor += text.length;
        this[kWrite](text);
        return;
      }
      if (this.cursor < this.line.length) {
        this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
        this.cursor += text.length;
        this[kRefreshLine]();
        return;
      }
      const before = this.getCursorPos();
      this.line += text;
      this.cursor += text.length;
      if (before.rows < this.getCursorPos().rows) this[kRefreshLine]();
      else this[kWrite](text);
    },

    // The line into history (not blank ones, not twice in a row).
    _addHistory() {
      if (this.line.length === 0) return '';
      if (this.historySize === 0) return this.line;
      if (this.line.trim().length === 0) return this.line;
      if (this.history.length === 0 || this.history[0] !== this.line) {
        if (this.removeHistoryDuplicates) {
          const dup = this.history.indexOf(this.line);
          if (dup !== -1) this.history.splice(dup, 1);
        }
        this.history.unshift(this.line);
        if (this.history.length > this.historySize) this.history.pop();
      }
      this.historyIndex = -1;
      const line = this.history[0];
      this.emit('history', this.history);
      return line;
    },

    [kLine]() {
      const line = this._addHistory();
      this[kUndoStack] = [];
      this[kRedoStack] = [];
      this.clearLine();
      this[kOnLine](line);
    },

    clearLine() {
      this[kMove](+Infinity);
      this[kWrite]('\r\n');
      this.line = '';
      this.cursor = 0;
      this.prevRows = 0;
    },

    // Walks history towards older (+1) or newer (-1) entries, skipping
    // the ones not starting with the search prefix or equal to the line.
    [kHistoryStep](step) {
      this[kBeforeEdit](this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex + step;
      const skip = (i) => (search && !this.history[i].startsWith(search)) || this.line === this.history[i];
      while (index >= 0 && index < this.history.length && skip(index)) index += step;
      this.line = index === -1 || index === this.history.length ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    },

    _deleteLeft() {
      if (this.cursor > 0 && this.line.length > 0) {
        this[kBeforeEdit](this.line, this.cursor);
        const n = lengthBefore(this.line, this.cursor);
        this.line = this.line.slice(0, this.cursor - n) + this.line.slice(this.cursor);
        this.cursor -= n;
        this[kRefreshLine]();
      }
    },

    _deleteRight() {
      if (this.cursor < this.line.length) {
        this[kBeforeEdit](this.line, this.cursor);
        this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + lengthAt(this.line, this.cursor));
        this[kRefreshLine]();
      }
    },

    _deleteWordLeft() {
      if (this.cursor > 0) {
        this[kBeforeEdit](this.line, this.cursor);
        const head = this.line.slice(0, this.cursor);
        const kept = head.slice(0, head.length - wordBefore.exec(reversed(head))[0].length);
        this.line = kept + this.line.slice(this.cursor);
        this.cursor = kept.length;
        this[kRefreshLine]();
      }
    },

    _deleteWordRight() {
      if (this.cursor < this.line.length) {
        this[kBeforeEdit](this.line, this.cursor);
        const tail = this.line.slice(this.cursor);
        this.line = this.line.slice(0, this.cursor) + tail.slice(wordToDelete.exec(tail)[0].length);
        this[kRefreshLine]();
      }
    },

    _deleteLineLeft() {
      this[kBeforeEdit](this.line, this.cursor);
      this[kPushKill](this.line.slice(0, this.cursor));
      this.line = this.line.slice(this.cursor);
      this.cursor = 0;
      this[kRefreshLine]();
    },

    _deleteLineRight() {
      this[kBeforeEdit](this.line, this.cursor);
      this[kPushKill](this.line.slice(this.cursor));
      this.line = this.line.slice(0, this.cursor);
      this[kRefreshLine]();
    },

    _wordLeft() {
      if (this.cursor > 0) this[kMove](-wordBefore.exec(reversed(this.line.slice(0, this.cursor)))[0].length);
    },

    _wordRight() {
      if (this.cursor < this.line.length) this[kMove](wordAfter.exec(this.line.slice(this.cursor))[0].length);
    },

    [kSuspend]() {
      if (this.listenerCount('SIGTSTP') > 0) {
        this.emit('SIGTSTP');
        return;
      }
      process.once('SIGCONT', () => {
        if (!this.paused) {
          this.pause();
          this.emit('SIGCONT');
        }
        this[kSetRawMode](true);
        this[kRefreshLine]();
      });
      this[kSetRawMode](false);
      process.kill(process.pid, 'SIGTSTP');
    },

    [kTtyWrite](s, key) {
      key = key || {};
      if (!key.meta || key.name !== 'y') this[kYanking] = false;
      const historyKey = (key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift;
      if (historyKey) {
        if (this[kSubstringSearch] === null) this[kSubstringSearch] = this.line.slice(0, this.cursor);
      } else if (this[kSubstringSearch] !== null) {
        this[kSubstringSearch] = null;
        if (this.history.length === this.historyIndex) this.historyIndex = -1;
      }
      if (typeof key.sequence === 'string') {
        const first = key.sequence.codePointAt(0);
        if (first === 0x1f) return this[kUndoRedo](kUndoStack, kRedoStack);
        if (first === 0x1e) return this[kUndoRedo](kRedoStack, kUndoStack);
      }
      if (key.name === 'escape') return;
      if (key.ctrl && key.shift) {
        if (key.name === 'backspace') this._deleteLineLeft();
        else if (key.name === 'delete') this._deleteLineRight();
      } else if (key.ctrl) {
        this[kCtrlKey](key.name);
      } else if (key.meta) {
        const action = {
          b: '_wordLeft', f: '_wordRight', d: '_deleteWordRight', delete: '_deleteWordRight',
          backspace: '_deleteWordLeft', y: '_yankPop',
        }[key.name];
        if (action !== undefined) this[action]();
      } else {
        this[kPlainKey](s, key);
      }
    },

    [kCtrlKey](name) {
      switch (name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) {
            this.emit('SIGINT');
          } else {
            this.close();
            this[kQuestionReject]?.(new AbortError('Aborted with Ctrl+C'));
          }
          break;
        case 'h': this._deleteLeft(); break;
        case 'd':
          if (this.cursor === 0 && this.line.length === 0) {
            this.close();
            this[kQuestionReject]?.(new AbortError('Aborted with Ctrl+D'));
          } else if (this.cursor < this.line.length) this._deleteRight();
          break;
        case 'u': this._deleteLineLeft(); break;
        case 'k': this._deleteLineRight(); break;
        case 'a': this[kMove](-Infinity); break;
        case 'e': this[kMove](+Infinity); break;
        case 'b': this[kMove](-lengthBefore(this.line, this.cursor)); break;
        case 'f': this[kMove](+lengthAt(this.line, this.cursor)); break;
        case 'l':
          if (this.output != null) this.output.write('\x1b[1;1H\x1b[0J');
          this[kRefreshLine]();
          break;
        case 'n': if (this.historyIndex >= 0) this[kHistoryStep](-1); break;
        case 'p': if (this.historyIndex < this.history.length && this.history.length) this[kHistoryStep](1); break;
        case 'y': this._yank(); break;
        case 'z': this[kSuspend](); break;
        case 'w':
        case 'backspace': this._deleteWordLeft(); break;
        case 'delete': this._deleteWordRight(); break;
        case 'left': this._wordLeft(); break;
        case 'right': this._wordRight(); break;
        default: break;
      }
    },

    [kPlainKey](s, key) {
      if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
      switch (key.name) {
        case 'return':
          this[kSawReturnAt] = Date.now();
          this[kLine]();
          break;
        case 'enter':
          if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this[kLine]();
          this[kSawReturnAt] = 0;
          break;
        case 'backspace': this._deleteLeft(); break;
        case 'delete': this._deleteRight(); break;
        case 'left': this[kMove](-lengthBefore(this.line, this.cursor)); break;
        case 'right': this[kMove](+lengthAt(this.line, this.cursor)); break;
        case 'home': this[kMove](-Infinity); break;
        case 'end': this[kMove](+Infinity); break;
        case 'up':
          if (this.historyIndex < this.history.length && this.history.length) this[kHistoryStep](1);
          break;
        case 'down': if (this.historyIndex >= 0) this[kHistoryStep](-1); break;
        default:
          if (typeof s === 'string' && s) {
            lineEnding.lastIndex = 0;
            let from = 0;
            let m;
            while ((m = lineEnding.exec(s)) !== null) {
              this[kInsert](s.slice(from, m.index));
              from = lineEnding.lastIndex;
              this[kLine]();
              lineEnding.lastIndex = from;
            }
            this[kInsert](s.slice(from));
          }
      }
    },
  };
  for (const name of Reflect.ownKeys(methods)) {
    Object.defineProperty(proto, name, { value: methods[name], writable: true, configurable: true });
  }
}

return { kTtyWrite, kRefreshLine, kSetRawMode, kSubstringSearch, kDisplayPos, kWrite, kQuestionReject, install };

// atob and btoa (forgiving base64, Latin-1 strings).
'use strict';
const { define, missingArgs, DOMException } = shared;
const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function btoa(input) {
  if (arguments.length === 0) throw missingArgs('input');
  const s = `${input}`;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw new DOMException('Invalid character', 'InvalidCharacterError');
  }
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += b64[(n >> 18) & 63] + b64[(n >> 12) & 63];
    out += i + 1 < s.length ? b64[(n >> 6) & 63] : '=';
    out += i + 2 < s.length ? b64[n & 63] : '=';
  }
  return out;
}

// Node's checks (lib/buffer.js), then the decoding.
function atob(input) {
  if (arguments.length === 0) throw missingArgs('input');
  input = `${input}`;
  let significant = 0;
  let equals = 0;
  for (let n = 0; n < input.length; n++) {
    const ch = input[n];
    if (ch === '\t' || ch === '\n' || ch === '\f' || ch === '\r' || ch === ' ') continue;
    if (ch === '=') {
      significant++;
      equals++;
    } else if (b64.includes(ch)) {
      significant++;
      if (equals) throw new DOMException('Invalid character', 'InvalidCharacterError');
    } else {
      throw new DOMException('Invalid character', 'InvalidCharacterError');
    }
    if (equals > 2) throw new DOMException('Invalid character', 'InvalidCharacterError');
  }
  let remainder = significant % 4;
  if (!remainder) remainder = (significant - equals) % 4;
  else if (equals) throw new DOMException('Invalid character', 'InvalidCharacterError');
  if (remainder === 1) {
    throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  let out = '';
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < input.length; i++) {
    const v = b64.indexOf(input[i]);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

define('atob', atob);
define('btoa', btoa);
Object.assign(shared, { atob, btoa });
shared.lazyGlobal('Buffer', 'buffer');
shared.lazyGlobal('Blob', 'buffer');
shared.lazyGlobal('File', 'buffer');

// Real packages that need node:buffer / Buffer / node:string_decoder.
const SafeBuffer = require('safe-buffer').Buffer;
const bufferEq = require('buffer-equal-constant-time');
const { Base64 } = require('js-base64');
const { StringDecoder } = require('string_decoder/'); // the userland copy (uses safe-buffer)
const NodeDecoder = require('string_decoder').StringDecoder;

const a = SafeBuffer.from('héllo wörld');
console.log(a, a.toString('base64'), SafeBuffer.alloc(3, 'ab'), SafeBuffer.allocUnsafe(2).length, SafeBuffer === Buffer);
console.log(bufferEq(Buffer.from('secret'), Buffer.from('secret')), bufferEq(Buffer.from('secret'), Buffer.from('secreT')), bufferEq(Buffer.from('a'), 'a'));
bufferEq.install();
console.log(Buffer.from('x').equal(Buffer.from('x')), typeof require('buffer').SlowBuffer.prototype.equal);
bufferEq.restore();
console.log(Base64.encode('héllo 😀'), Base64.decode('aMOpbGxvIPCfmIA='), Base64.encodeURI('\xff\xfe?'), Base64.toUint8Array('AQID'), Base64.fromUint8Array(new Uint8Array([1, 2, 3])));
console.log(Base64.isValid('aGk='), Base64.btoa('hi'), Base64.atob('aGk='));
const euro = Buffer.from('€😀');
for (const D of [StringDecoder, NodeDecoder]) {
  const d = new D('utf8');
  let out = '';
  for (const byte of euro) out += d.write(Buffer.from([byte]));
  console.log(JSON.stringify(out + d.end()), JSON.stringify(new D('base64').end(Buffer.from('hi!?'))));
}

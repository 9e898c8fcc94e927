const e = new DOMException('the message', 'AbortError');
console.log(e.name, e.message, e.code, e instanceof Error, e instanceof DOMException);
console.log(Object.prototype.toString.call(e), String(e));
console.log(new DOMException().name, JSON.stringify(new DOMException().message), new DOMException('m').code);
console.log(DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR, DOMException.QUOTA_EXCEEDED_ERR, DOMException.INVALID_CHARACTER_ERR);
console.log(new DOMException('x', 'NotARealError').code, new DOMException('x', { name: 'TimeoutError' }).code);
console.log(Object.keys(e));

const show = (f, s) => {
  try {
    console.log(JSON.stringify(s), '->', JSON.stringify(f(s)));
  } catch (e) {
    console.log(JSON.stringify(s), '->', e.name, e.message, e.code, e instanceof DOMException);
  }
};
for (const s of ['', 'a', 'ab', 'abc', 'hello world', '\xff\xfe\x00', 'ā', '€']) show(btoa, s);
for (const s of ['aGVsbG8gd29ybGQ=', ' aG Vs\nbG8 ', 'YQ', 'YQ=', 'YQ==', 'YQ===', 'abcde', '!', 'ab=c', '////', '']) show(atob, s);
console.log(atob(btoa('\x00\x01\x02\xfd\xfe\xff')) === '\x00\x01\x02\xfd\xfe\xff');
console.log(btoa(123), atob(null === null ? 'MTIz' : ''));
for (const f of [atob, btoa]) {
  try { f(); } catch (e) { console.log(e.name, e.code, e.message); }
}

// uuid@9 over node:crypto: v4 (randomFillSync), v1, v3 (md5), v5 (sha1), validate/parse/stringify.
const uuid = require('uuid');
const re = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const v4 = uuid.v4();
console.log(re.test(v4), uuid.validate(v4), uuid.version(v4));
const buf = uuid.v4({}, Buffer.alloc(20), 2);
console.log(buf.length, buf[0], buf[1], (buf[8] & 0xf0).toString(16));
console.log(uuid.v5('hello', uuid.v5.DNS), uuid.v5('www.example.com', uuid.v5.URL));
console.log(uuid.v3('hello', uuid.v3.DNS), uuid.v3('hello', uuid.v3.URL));
console.log(uuid.v4({ random: Array.from({ length: 16 }, (_, i) => i) }));
const v1 = uuid.v1();
console.log(re.test(v1), uuid.version(v1));
console.log(uuid.stringify(uuid.parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')), uuid.NIL);

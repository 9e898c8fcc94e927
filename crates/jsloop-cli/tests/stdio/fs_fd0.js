// fs.readFileSync(0) reads all of stdin (piped, file, /dev/null).
const fs = require('fs');
const text = fs.readFileSync(0, 'utf8');
console.log(JSON.stringify(text.length > 200 ? text.slice(0, 40) : text), text.length);

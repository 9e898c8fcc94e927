// fs.readFileSync('/dev/stdin') reads all of stdin.
const fs = require('fs');
const buf = fs.readFileSync('/dev/stdin');
console.log(buf.length, JSON.stringify(buf.toString().split('\n').slice(0, 2)));

// fs.readFile('/dev/stdin') reads all of stdin, on the pool.
require('fs').readFile('/dev/stdin', 'utf8', (err, text) => console.log(err, JSON.stringify(text)));

// Multi-byte characters split across chunks decode whole with setEncoding.
process.stdin.setEncoding('utf8');
process.stdin.on('data', (s) => console.log('chunk', JSON.stringify(s), s.length));
process.stdin.on('end', () => console.log('end', process.stdin.readableEncoding));

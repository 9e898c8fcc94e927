// console.log and process.stdout.write interleave in order; callbacks,
// return values, fd, encodings and the stream kind.
const { Writable } = require('stream');
console.log('one');
const ret = process.stdout.write('two\n', () => console.log('write callback'));
console.log('three', ret);
process.stdout.write(Buffer.from('four\n'));
process.stdout.write('6669766520686578', 'hex');
process.stdout.write('\n');
process.stderr.write('to stderr\n');
console.error('console.error');
console.log('fds', process.stdout.fd, process.stderr.fd, process.stdout.isTTY, process.stdout instanceof Writable);
console.log('writable', process.stdout.writable, typeof process.stdout.on, process.stdout.writableHighWaterMark);
process.stdout.write('last', 'utf8', () => console.log('\nlast callback'));
process.nextTick(() => console.log('\ntick'));

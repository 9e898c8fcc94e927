// A write larger than a pipe holds finishes later: write() returns false,
// the data stays counted in writableLength, 'drain' follows, and output
// written meanwhile (console.log too) comes after it, in order.
const big = 'x'.repeat(1024 * 1024) + '\n';
const order = [];
const r = process.stdout.write(big, () => order.push('callback'));
process.stderr.write(`returned ${r} pending ${process.stdout.writableLength} needDrain ${process.stdout.writableNeedDrain}\n`);
console.log('after the big write');
process.stdout.write('and a stream write\n');
process.stdout.on('drain', () => order.push('drain'));
process.on('exit', () => process.stderr.write(`${order.join(' ')} pending ${process.stdout.writableLength}\n`));

// yocto-queue (ESM only, string `exports`): a linked-list queue.
import Queue from 'yocto-queue';

const queue = new Queue();
queue.enqueue('🦄');
queue.enqueue('🌈');
queue.enqueue(3);
console.log(queue.size, [...queue]);
console.log(queue.dequeue(), queue.peek(), queue.size);
console.log([...queue.drain()], queue.size, queue.dequeue());
const big = new Queue();
for (let i = 0; i < 10000; i++) big.enqueue(i);
let sum = 0;
while (big.size) sum += big.dequeue();
console.log(sum);

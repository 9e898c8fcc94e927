import './cycle-b.cjs';
console.log('cycle-a.mjs runs');
export const a = 1;

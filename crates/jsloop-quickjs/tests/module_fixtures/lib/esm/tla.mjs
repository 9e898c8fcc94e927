console.log('tla.mjs runs');
await Promise.resolve();
console.log('tla.mjs done');
export const q = 1;

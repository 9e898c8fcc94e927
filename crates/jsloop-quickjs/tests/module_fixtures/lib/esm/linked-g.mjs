console.log('linked-g.mjs runs');
export const g = 'g';

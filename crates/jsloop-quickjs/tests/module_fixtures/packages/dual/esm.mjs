export const which = 'esm';

import './tla.mjs';
export const r = 1;

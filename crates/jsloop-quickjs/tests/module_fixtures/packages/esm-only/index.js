export default 'esm-only default'; export const named = 'esm-only named';

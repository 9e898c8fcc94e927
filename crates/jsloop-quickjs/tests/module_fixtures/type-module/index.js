export const kind = typeof require === 'undefined' ? 'esm (no require)' : 'cjs';

export const value = 'from esm-lib';
export default function greet(name) { return `hi ${name}`; }

const fn = () => 'module.exports export';
export { fn as 'module.exports' };
export const other = 3;

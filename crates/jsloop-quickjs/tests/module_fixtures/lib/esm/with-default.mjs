export default 42;
export const x = 1;

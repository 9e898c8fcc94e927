export const __esModule = true;
export default 'has __esModule';

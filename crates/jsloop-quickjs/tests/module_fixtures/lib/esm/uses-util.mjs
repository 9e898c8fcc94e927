import { load } from './loader-util.mjs';
export const usesUtil = typeof load;

import { mainValue } from '../../require_esm_from_esm.mjs';
export const y = mainValue;

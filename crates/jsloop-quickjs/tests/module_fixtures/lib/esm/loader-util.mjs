import { createRequire } from 'node:module';

export function load(p) {
  return createRequire(import.meta.url)(p);
}

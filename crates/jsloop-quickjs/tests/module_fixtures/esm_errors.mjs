// Node's errors for import, caught from dynamic import().
const here = import.meta.dirname;
const rel = (s) => s.split(here).join('.');
for (const spec of ['./lib/missing.mjs', 'no-such-package', 'dual/internal', 'node:no-such-builtin']) {
  try {
    await import(spec);
  } catch (e) {
    console.log(e.code, '|', rel(e.message));
  }
}

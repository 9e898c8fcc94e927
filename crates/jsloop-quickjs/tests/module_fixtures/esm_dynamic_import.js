// import() from CommonJS: an ES module package, then a CommonJS file.
import('esm-only')
  .then((m) => console.log('esm-only', m.default, m.named))
  .then(() => import('./lib/literal.cjs'))
  .then((m) => console.log('cjs', m.default.two, m.two));

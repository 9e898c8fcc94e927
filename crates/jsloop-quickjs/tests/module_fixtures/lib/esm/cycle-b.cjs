const root = __dirname.slice(0, __dirname.length - '/lib/esm'.length);
try {
  require('./cycle-a.mjs');
} catch (e) {
  console.log('cycle-b.cjs caught', e.code, e.message.split(root).join('.'));
}

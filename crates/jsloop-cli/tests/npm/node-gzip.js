const { gzip, ungzip } = require('node-gzip');
(async () => {
  const packed = await gzip('hello from node-gzip '.repeat(20));
  console.log(packed.length < 100, (await ungzip(packed)).toString().slice(0, 21));
  try { await ungzip(Buffer.from('bad')); } catch (e) { console.log(e.code, e.message); }
})();

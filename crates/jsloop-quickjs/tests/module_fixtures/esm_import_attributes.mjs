// Import attributes: JSON needs `with { type: 'json' }`, and only JSON takes it.
const show = (e) => console.log(e.name, e.code, '|', e.message.split(import.meta.dirname).join('.'));
try { await import('./lib/data.json'); } catch (e) { show(e); }
try { await import('./lib/esm/named-only.mjs', { with: { type: 'json' } }); } catch (e) { show(e); }
try { await import('./lib/data.json', { with: { type: 'css' } }); } catch (e) { show(e); }
console.log(await import('./lib/data.json', { with: { type: 'json' } }));
try { await import('./lib/esm/named-only.mjs', { with: { mode: 'x' } }); } catch (e) { show(e); }

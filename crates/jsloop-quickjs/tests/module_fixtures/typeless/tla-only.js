const v = await Promise.resolve('awaited');
console.log('typeless tla.js runs:', v);

console.log(1, -0, 0, NaN, -Infinity, 1e21, 0.1 + 0.2, 2 ** 64);
console.log(['str', "it's", 'both \' and "', 'all \'"`', 'tab\there', 'nl\nhere', '\u0001\u007f']);
console.log([true, null, undefined, 10n, -5n, Symbol('s'), Symbol(), Symbol.iterator]);
console.log({ s: 'x'.repeat(100) });
console.log(['x'.repeat(75)]);
console.log([new Number(3), new String('ab'), new Boolean(false), Object(1n), Object(Symbol('b'))]);

// @sindresorhus/slugify (scoped, ESM only; depends on @sindresorhus/transliterate
// and escape-string-regexp).
import slugify, { slugifyWithCounter } from '@sindresorhus/slugify';

for (const s of ['I ♥ Dogs', '  Déjà Vu!  ', 'fooBar 123 $#%', 'Я люблю единорогов', 'BAR and baz', 'ÆØÅ Straße']) {
  console.log(JSON.stringify(s), slugify(s));
}
console.log(slugify('BAR and baz', { separator: '_', lowercase: false }));
console.log(slugify('foo@unicorn', { customReplacements: [['@', 'at']] }));
console.log(slugify('fooBar', { decamelize: false }), slugify('foo.bar', { preserveCharacters: ['.'] }));
const counter = slugifyWithCounter();
console.log(counter('foo bar'), counter('foo bar'), counter('foo bar'));
counter.reset();
console.log(counter('foo bar'));

// camelcase (ESM only, conditional `exports`): Unicode-aware case conversion.
import camelCase from 'camelcase';

for (const s of ['foo-bar', 'foo_bar', 'Foo-Bar', 'розовый_пушистый_единорог', '--foo.bar', 'XMLHttpRequest', 'foo bar  baz', ['foo', 'bar'], '']) {
  console.log(JSON.stringify(s), JSON.stringify(camelCase(s)));
}
console.log(camelCase('foo-bar', { pascalCase: true }));
console.log(camelCase('fooBAR', { preserveConsecutiveUppercase: true }));
console.log(camelCase('lorem-ipsum', { locale: 'en-US' }), camelCase('lorem-ipsum', { locale: false }));
try {
  camelCase(42);
} catch (e) {
  console.log(e.constructor.name, e.message);
}

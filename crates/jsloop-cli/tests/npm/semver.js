// semver (CommonJS only, many internal files): parse, compare, ranges, subpath requires.
const semver = require('semver');
const satisfies = require('semver/functions/satisfies');
const Range = require('semver/classes/range');

console.log(semver.valid('1.2.3'), semver.valid('a.b.c'), semver.clean('  =v1.2.3   '));
console.log(semver.gt('1.2.3', '9.8.7'), semver.lt('1.2.3', '9.8.7'));
console.log(semver.inc('1.2.3', 'minor'), semver.inc('1.2.3-beta.1', 'prerelease'), semver.inc('1.2.3', 'premajor', 'rc'));
console.log(semver.sort(['1.10.0', '1.2.0', '1.2.0-alpha', '0.9.9']).join(' '));
console.log(satisfies('1.2.3', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'), satisfies('3.0.0', '^2.0.0'));
console.log(semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0', '2.0.0'], '~1.2.0'));
console.log(new Range('^1.2.3').range, new Range('~0.2 || >=4').range);
console.log(semver.coerce('v3.4 final').version, semver.diff('1.2.3', '1.3.0'));
console.log(semver.parse('1.2.3-alpha.1+build.5'));
try {
  new semver.SemVer('not a version');
} catch (e) {
  console.log(e.name, e.message);
}
console.log(semver.SEMVER_SPEC_VERSION);

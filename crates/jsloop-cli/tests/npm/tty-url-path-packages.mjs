import { createRequire } from 'node:module';
import normalizeUrl from 'normalize-url';
const require = createRequire(import.meta.url);
const supportsColor = require('supports-color');
const chalk = require('chalk');
const upath = require('upath');
console.log(supportsColor.stdout, supportsColor.stderr, chalk.level, chalk.red('plain when piped'));
const forced = new chalk.Instance({ level: 3 });
console.log(JSON.stringify(forced.bold.rgb(10, 20, 30)('x')), JSON.stringify(forced.bgBlue.underline('y')));
console.log(normalizeUrl('HTTP://www.Example.com:80/a/../b/?b=2&a=1&utm_source=x#frag'), normalizeUrl('//sindresorhus.com:80/'),
  normalizeUrl('sindresorhus.com/about.html#contact', { stripHash: true }), normalizeUrl('http://a.com/?b=&a=1', { sortQueryParameters: true }));
console.log(upath.normalize('a\\b\\..\\c'), upath.joinSafe('./a', 'b/'), upath.changeExt('x/y.js', '.ts'), upath.addExt('file', '.js'), upath.toUnix('c:\\x\\y'));

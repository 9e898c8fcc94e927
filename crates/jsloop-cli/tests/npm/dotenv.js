// Drives dotenv, which loads node:fs, node:path, node:os and node:crypto:
// parse, config from a file with override and processEnv, multiline and
// expanded newlines, and a missing file's error.
const fs = require('fs');
const os = require('os');
const path = require('path');
const dotenv = require('dotenv');
const parsed = dotenv.parse('A=1\nB="two words"\nexport C=three # note\nD="multi\nline"\nE=\'single\'\nF="esc\\nnl"\n');
console.log(parsed);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsloop-dotenv-'));
const file = path.join(dir, '.env');
fs.writeFileSync(file, 'GREETING=hello\nCOUNT=3\nEXISTING=from-file\n');
const target = { EXISTING: 'kept' };
const r = dotenv.config({ path: file, processEnv: target, quiet: true });
console.log(r.parsed, target);
dotenv.config({ path: file, processEnv: target, override: true, quiet: true });
console.log(target);
const missing = dotenv.config({ path: path.join(dir, 'nope.env'), quiet: true });
console.log(missing.error.code, missing.error.syscall);
fs.rmSync(dir, { recursive: true });

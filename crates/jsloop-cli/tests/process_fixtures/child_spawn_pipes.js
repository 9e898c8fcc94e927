// spawn with piped stdio: stdout/stderr as Readable streams, stdin as a
// Writable (write, end, 'drain' when the pipe is full), 'close'
// after the pipes end; events per step in order.
const { spawn } = require('child_process');
const { Readable, Writable } = require('stream');
const steps = [];
const next = () => { const f = steps.shift(); if (f) f(); };

steps.push(() => {
  const child = spawn('sh', ['-c', 'echo out; echo err >&2; exit 2']);
  console.log('streams', child.stdin instanceof Writable, child.stdout instanceof Readable, child.stderr instanceof Readable,
    child.stdio.length, child.stdio[1] === child.stdout);
  const out = []; const err = [];
  const events = [];
  child.stdout.on('data', (b) => out.push(b));
  child.stderr.on('data', (b) => err.push(b));
  child.stdout.on('end', () => events.push('stdout end'));
  child.stderr.on('end', () => events.push('stderr end'));
  child.on('exit', (code, signal) => events.push(`exit ${code} ${signal}`));
  child.on('close', (code, signal) => {
    events.sort();
    console.log('close', code, signal, events, JSON.stringify(Buffer.concat(out).toString()), JSON.stringify(Buffer.concat(err).toString()));
    next();
  });
});

steps.push(() => {
  const child = spawn('cat');
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => { text += s; });
  child.stdin.write('first line\n');
  child.stdin.write(Buffer.from('second line\n'));
  child.stdin.end('last line\n', () => console.log('stdin end callback'));
  child.stdin.on('finish', () => console.log('stdin finish'));
  child.on('close', (code) => {
    console.log('cat close', code, JSON.stringify(text));
    next();
  });
});

steps.push(() => {
  const child = spawn('wc', ['-c']);
  let text = '';
  child.stdout.on('data', (b) => { text += b; });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let writes = 0; let refused = 0;
  const pump = () => {
    while (writes < 40) {
      writes++;
      if (!child.stdin.write(chunk)) { refused++; child.stdin.once('drain', pump); return; }
    }
    child.stdin.end();
  };
  pump();
  child.on('close', (code) => {
    // Whether a write was refused depends on how fast wc reads: not shown.
    console.log('wc close', code, text.trim(), writes, typeof refused);
    next();
  });
});

steps.push(() => {
  const child = spawn('head', ['-c', '5']);
  const chunks = [];
  child.stdout.on('data', (b) => chunks.push(b));
  child.stdin.on('error', (e) => console.log('stdin error', e.code, e.syscall));
  child.stdin.write('12345678\n');
  child.on('close', (code) => {
    console.log('head close', code, JSON.stringify(Buffer.concat(chunks).toString()));
    next();
  });
});

steps.push(() => {
  const child = spawn('sh', ['-c', 'echo unread; exit 0']);
  child.on('exit', (code) => console.log('unread exit', code));
  child.on('close', (code) => {
    console.log('unread close', code, child.stdout.readableEnded);
    next();
  });
});

steps.push(() => {
  const child = spawn('sh', ['-c', 'printf abc'], { stdio: ['ignore', 'pipe', 'inherit'] });
  console.log('mixed stdio', child.stdin, child.stdout !== null, child.stderr);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s) => console.log('mixed data', s));
  child.on('close', (code) => { console.log('mixed close', code); next(); });
});

steps.push(() => {
  const child = spawn('no-such-command-here', ['z']);
  console.log('enoent streams', child.stdin !== null, child.stdout !== null, child.pid);
  child.on('error', (e) => console.log('enoent error', e.code, e.message));
  child.on('close', (code, signal) => { console.log('enoent close', code, signal); next(); });
});

steps.push(() => {
  const child = spawn('sleep', ['5']);
  child.stdout.on('data', () => {});
  child.on('spawn', () => child.kill('SIGTERM'));
  child.on('close', (code, signal) => { console.log('killed close', code, signal, child.killed); next(); });
});

steps.push(async () => {
  const child = spawn('printf', ['a\\nb\\nc\\n']);
  let all = '';
  for await (const chunk of child.stdout) all += chunk;
  console.log('async iteration', JSON.stringify(all));
  next();
});

steps.push(() => {
  const child = spawn('sh', ['-c', 'cat; echo done >&2'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const { Readable: R } = require('stream');
  R.from(['x', 'y', 'z']).pipe(child.stdin);
  let out = '';
  child.stdout.on('data', (b) => { out += b; });
  child.on('close', (code) => { console.log('piped in', code, out); next(); });
});
next();

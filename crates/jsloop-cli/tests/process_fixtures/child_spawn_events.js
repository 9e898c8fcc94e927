// spawn with inherited or ignored stdio: 'spawn', 'exit', 'close' with
// codes and signals; ENOENT as node reports it; kill, timeout, AbortSignal.
const { spawn } = require('child_process');
const steps = [];
const next = () => { const f = steps.shift(); if (f) f(); };
// A child writing to the inherited stdout races the parent's lines before
// its exit: those are shown at the exit.
const watch = (label, child, then = next) => {
  const inherits = label.startsWith('inherit-');
  const state = [label, 'pid', typeof child.pid, 'exitCode', child.exitCode, 'signalCode', child.signalCode, 'killed', child.killed, 'stdio', child.stdio];
  let spawned = false;
  if (!inherits) console.log(...state);
  child.on('spawn', () => { if (inherits) spawned = true; else console.log(label, 'spawn'); });
  if (inherits) child.on('exit', () => console.log(...state, 'spawned', spawned));
  child.on('error', (e) => console.log(label, 'error', e.name, e.code, e.errno, e.syscall, e.message, e.path, e.spawnargs));
  child.on('exit', (code, signal) => console.log(label, 'exit', code, signal, child.exitCode, child.signalCode, child.killed));
  child.on('close', (code, signal) => {
    console.log(label, 'close', code, signal);
    then();
  });
  return child;
};
steps.push(() => watch('inherit-1', spawn('sh', ['-c', 'echo child says hi; exit 3'], { stdio: 'inherit' })));
steps.push(() => watch('ignore', spawn('sh', ['-c', 'echo hidden; kill -USR1 $$'], { stdio: 'ignore' })));
steps.push(() => watch('enoent', spawn('no-such-command-here', ['x'], { stdio: 'ignore' })));
steps.push(() => {
  const child = watch('kill', spawn('sleep', ['5'], { stdio: 'ignore' }));
  child.on('spawn', () => console.log('kill returns', child.kill(), child.killed));
});
steps.push(() => {
  const child = watch('kill number', spawn('sleep', ['5'], { stdio: 'ignore' }));
  child.on('spawn', () => console.log('kill returns', child.kill(9)));
});
steps.push(() => {
  const child = watch('kill name', spawn('sleep', ['5'], { stdio: 'ignore' }));
  child.on('spawn', () => {
    try { child.kill('SIGNOPE'); } catch (e) { console.log('bad signal', e.name, e.code, e.message); }
    console.log('kill returns', child.kill('SIGINT'));
  });
});
steps.push(() => watch('timeout', spawn('sleep', ['5'], { stdio: 'ignore', timeout: 30 })));
steps.push(() => watch('timeout killSignal', spawn('sleep', ['5'], { stdio: 'ignore', timeout: 30, killSignal: 'SIGHUP' })));
steps.push(() => {
  const controller = new AbortController();
  const child = watch('abort', spawn('sleep', ['5'], { stdio: 'ignore', signal: controller.signal }));
  child.on('spawn', () => controller.abort());
});
steps.push(() => {
  const child = watch('after exit', spawn('true', { stdio: 'ignore' }), () => {
    console.log('kill after exit', child.kill());
    next();
  });
});
steps.push(() => watch('inherit-shell', spawn('echo $((2 * 21))', { stdio: 'inherit', shell: true })));
steps.push(() => watch('inherit-env-cwd', spawn('sh', ['-c', 'echo "$V in $(pwd)"'], { stdio: 'inherit', env: { V: 'value', PATH: process.env.PATH }, cwd: '/' })));
steps.push(() => {
  const child = spawn('sleep', ['1'], { stdio: 'ignore' });
  child.on('exit', () => console.log('never: unref lets the process exit'));
  child.unref();
  process.on('exit', () => console.log('exit with unref child', child.exitCode));
});
next();

// An AbortSignal kills the child with the kill signal: 'error' AbortError
// (cause: the reason), then 'close'; execFile's callback gets the AbortError.
const { spawn, exec, execFile } = require('child_process');
const c = spawn('sleep', ['5'], { signal: AbortSignal.abort(), stdio: 'ignore' });
c.on('error', (e) => console.log('error', e.name, e.code, e.message, e.cause && e.cause.name));
c.on('close', (code, sig) => {
  console.log('close', code, sig);
  const ac = new AbortController();
  execFile('sleep', ['5'], { signal: ac.signal }, (err, so) => console.log('execFile abort', err.name, err.code, err.message, JSON.stringify(so)));
  setTimeout(() => ac.abort(), 20);
});

// exec/execFile timeouts and kills on the real clock.
const { exec, execFile } = require('child_process');
exec('sleep 5', { timeout: 30 }, (err, stdout, stderr) => {
  console.log('exec timeout', err.message, err.code, err.killed, err.signal, err.cmd, JSON.stringify(stdout), JSON.stringify(stderr));
  execFile('sleep', ['5'], { timeout: 30, killSignal: 'SIGKILL' }, (err) => {
    console.log('execFile timeout', err.message, err.code, err.killed, err.signal, err.cmd);
    // sh may fork sleep: its output pipe closes when sleep ends (1s).
    const child = exec('sleep 1', (err) => {
      console.log('killed by caller', err.message, err.code, err.killed, err.signal);
      const cat = exec('cat', (err, stdout) => console.log('cat killed', err.killed, err.signal, JSON.stringify(stdout)));
      setTimeout(() => cat.kill(), 30);
    });
    setTimeout(() => child.kill('SIGTERM'), 30);
  });
});

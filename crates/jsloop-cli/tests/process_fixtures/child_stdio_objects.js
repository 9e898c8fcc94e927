// A child's stdout piped into process.stdout, the process's own streams as a
// child's stdio, and execSync's output written to process.stdout.
const { spawn, execSync } = require('child_process');
const a = spawn('echo', ['piped to process.stdout']);
a.stdout.pipe(process.stdout);
a.on('close', () => {
  const b = spawn('sh', ['-c', 'echo via stdio objects'], { stdio: [process.stdin, process.stdout, process.stderr] });
  b.on('close', (code) => {
    console.log('closed', code);
    process.stdout.write(execSync('echo sync'));
  });
});

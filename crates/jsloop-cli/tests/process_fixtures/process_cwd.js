// cwd/chdir with node's errors, and umask.
const start = process.cwd();
const at = (p) => p.replace(start, 'START');
const show = (f) => {
  try {
    console.log('ok', f());
  } catch (e) {
    console.log(e.name, e.code, e.errno, e.syscall, at(e.message), e.path && at(e.path), e.dest, Object.keys(e));
  }
};
show(() => at(process.cwd()));
show(() => process.chdir('./no-such-dir'));
show(() => process.chdir('process_cwd.js'));
show(() => process.chdir(5));
show(() => process.chdir());
show(() => process.chdir('..'));
show(() => process.cwd() === require('path').dirname(start));
show(() => process.chdir(start));
show(() => at(process.cwd()));
show(() => process.umask(0o22).toString(8));
show(() => process.umask('0027').toString(8));
show(() => process.umask().toString(8));
show(() => process.umask(undefined).toString(8));
show(() => process.umask(0o1777).toString(8));
show(() => process.umask(0o22).toString(8));
show(() => process.umask(null));
show(() => process.umask('abc'));
show(() => process.umask('0o22'));
show(() => process.umask(-1));
show(() => process.umask(1.5));
show(() => process.umask(2 ** 32));
show(() => process.umask({}));

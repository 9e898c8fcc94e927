// `os`: facts about this machine (from the kernel, through the natives in
// globals/node/os.rs). networkInterfaces, getPriority and setPriority are
// not provided yet.
'use strict';
const env = () => shared.process.env;

const uname = () => host.osUname();
const arch = () => shared.process.arch;
const availableParallelism = () => host.osParallelism();
const endianness = () => 'LE';
const freemem = () => host.osMem()[1];
const totalmem = () => host.osMem()[0];
const hostname = () => uname()[4];
const release = () => uname()[1];
const type = () => uname()[0];
const version = () => uname()[2];
const machine = () => uname()[3];
const platform = () => shared.process.platform;
const uptime = () => host.osUptime();
const loadavg = () => host.osLoadavg();

function homedir() {
  const home = env().HOME;
  return typeof home === 'string' && home !== '' ? home : (host.osUserInfo()[3] || '');
}

function tmpdir() {
  const e = env();
  let path = e.TMPDIR || e.TMP || e.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function cpus() {
  const flat = host.osCpus();
  const out = [];
  for (let i = 0; i < flat.length; i += 7) {
    out.push({
      model: flat[i],
      speed: flat[i + 1],
      times: { user: flat[i + 2], nice: flat[i + 3], sys: flat[i + 4], idle: flat[i + 5], irq: flat[i + 6] },
    });
  }
  return out;
}

function userInfo() {
  const [uid, gid, username = '', dir = '', shell = null] = host.osUserInfo();
  return { uid, gid, username, homedir: dir, shell };
}

for (const f of [arch, availableParallelism, endianness, freemem, totalmem, hostname, release, type, version, machine, uptime, homedir, tmpdir]) {
  f[Symbol.toPrimitive] = () => f();
}

const { errno, signals } = host.osConstants();
const constants = {
  UV_UDP_REUSEADDR: 4,
  dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 },
  errno,
  signals,
  priority: {
    PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
  },
};

const os = {
  arch,
  availableParallelism,
  cpus,
  endianness,
  freemem,
  homedir,
  hostname,
  loadavg,
  platform,
  release,
  tmpdir,
  totalmem,
  type,
  userInfo,
  uptime,
  version,
  machine,
};
Object.defineProperties(os, {
  constants: { configurable: false, enumerable: true, value: constants },
  EOL: { configurable: true, enumerable: true, writable: false, value: '\n' },
  devNull: { configurable: true, enumerable: true, writable: false, value: '/dev/null' },
});
return os;

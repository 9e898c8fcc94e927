// `os`: facts about this machine (from the kernel, through the natives in
// globals/node/os.rs and globals/node/interfaces.rs).
'use strict';
const { validateInteger, invalidArgType, uvSystemError } = shared;
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

// Node's validateInt32.
function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  validateInteger(value, name, min, max);
}

function getPriority(pid) {
  if (pid === undefined) pid = 0;
  else validateInt32(pid, 'pid');
  const [err, priority] = host.osGetPriority(pid);
  if (err !== 0) throw uvSystemError(err, 'uv_os_getpriority');
  return priority;
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);
  const err = host.osSetPriority(pid, priority);
  if (err !== 0) throw uvSystemError(err, 'uv_os_setpriority');
}

// `address/bits` for a netmask of contiguous ones, else null.
function cidr(address, netmask, family) {
  let ones = 0;
  let split = '.';
  let range = 10;
  let groupLength = 8;
  let hasZeros = false;
  if (family === 'IPv6') {
    split = ':';
    range = 16;
    groupLength = 16;
  }
  for (const part of netmask.split(split)) {
    const binary = Number.parseInt(part || '0', range).toString(2).padStart(groupLength, '0');
    for (const bit of binary) {
      if (bit === '1') {
        if (hasZeros) return null;
        ones++;
      } else {
        hasZeros = true;
      }
    }
  }
  return `${address}/${ones}`;
}

function networkInterfaces() {
  const flat = host.osInterfaces();
  const result = {};
  for (let i = 0; i < flat.length; i += 7) {
    const entry = {
      address: flat[i + 1],
      netmask: flat[i + 2],
      family: flat[i + 3],
      mac: flat[i + 4],
      internal: flat[i + 5],
      cidr: cidr(flat[i + 1], flat[i + 2], flat[i + 3]),
    };
    if (flat[i + 6] !== -1) entry.scopeid = flat[i + 6];
    const name = flat[i];
    if (result[name] === undefined) result[name] = [entry];
    else result[name].push(entry);
  }
  return result;
}

for (const f of [arch, availableParallelism, endianness, freemem, totalmem, hostname, platform, release, type, version, machine, uptime, homedir, tmpdir]) {
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
  getPriority,
  homedir,
  hostname,
  loadavg,
  networkInterfaces,
  platform,
  release,
  setPriority,
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

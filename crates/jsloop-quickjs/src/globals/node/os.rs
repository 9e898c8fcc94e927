//! `os` and `tty` (in `js/node/os.js`, `js/node/tty.js`) and the resource
//! figures of `process` (`cpuUsage`, `memoryUsage`): what the kernel says
//! about this machine and this process.

use std::ffi::CStr;

use rquickjs::{qjs, Array, Ctx, Function, Object};

/// A `uname` field as text.
fn field(raw: &[libc::c_char]) -> String {
    // SAFETY: uname fills each field with a NUL-terminated string inside it.
    unsafe { CStr::from_ptr(raw.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// `[sysname, release, version, machine, hostname]` (empty where unknown).
fn uname() -> Vec<String> {
    // SAFETY: utsname is plain data; zeroed is a valid value.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid, writable utsname.
    if unsafe { libc::uname(&mut u) } != 0 {
        return vec![String::new(); 5];
    }
    vec![
        field(&u.sysname),
        field(&u.release),
        field(&u.version),
        field(&u.machine),
        field(&u.nodename),
    ]
}

/// A `/proc/meminfo` figure in bytes.
fn meminfo(key: &str) -> f64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(key))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb * 1024.0)
        })
        .unwrap_or(0.0)
}

/// `[uid, gid, username, homedir, shell]` of the real user, from the
/// password database (names empty if it has no entry).
fn user_info<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Array<'js>> {
    // SAFETY: getuid/getgid cannot fail.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let out = Array::new(ctx)?;
    out.set(0, uid)?;
    out.set(1, gid)?;
    // SAFETY: passwd is plain data; zeroed is a valid value.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16384];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; `buf` outlives the reads below.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc == 0 && !found.is_null() {
        let text = |p: *const libc::c_char| {
            if p.is_null() {
                String::new()
            } else {
                // SAFETY: getpwuid_r's strings are NUL-terminated inside `buf`.
                unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
            }
        };
        out.set(2, text(pwd.pw_name))?;
        out.set(3, text(pwd.pw_dir))?;
        out.set(4, text(pwd.pw_shell))?;
    }
    Ok(out)
}

/// Flat `[model, speedMHz, user, nice, sys, idle, irq, ...]` per CPU (times
/// in ms), from `/proc/cpuinfo` and `/proc/stat`.
fn cpus<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Array<'js>> {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let models: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("model name"))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim()))
        .collect();
    let speeds: Vec<f64> = info
        .lines()
        .filter(|l| l.starts_with("cpu MHz"))
        .filter_map(|l| l.split_once(':').and_then(|(_, v)| v.trim().parse().ok()))
        .collect();
    // SAFETY: sysconf cannot fail for _SC_CLK_TCK on Linux.
    let tick = 1000.0 / (unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64);
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let out = Array::new(ctx)?;
    let mut i = 0;
    for (n, line) in stat
        .lines()
        .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .enumerate()
    {
        let t: Vec<f64> = line
            .split_whitespace()
            .skip(1)
            .filter_map(|v| v.parse().ok())
            .collect();
        let at = |k: usize| t.get(k).copied().unwrap_or(0.0) * tick;
        out.set(i, models.get(n).copied().unwrap_or("unknown"))?;
        out.set(i + 1, speeds.get(n).map_or(0.0, |s| s.floor()))?;
        for (j, v) in [at(0), at(1), at(2), at(3), at(5)].into_iter().enumerate() {
            out.set(i + 2 + j, v)?;
        }
        i += 7;
    }
    Ok(out)
}

/// `[user, system]` CPU time of this process in microseconds.
fn cpu_usage() -> Vec<f64> {
    // SAFETY: rusage is plain data; zeroed is a valid value.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `r` is a valid, writable rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut r) } != 0 {
        return vec![0.0, 0.0];
    }
    let us = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    vec![us(r.ru_utime), us(r.ru_stime)]
}

/// The resident set size in bytes, from `/proc/self/statm`.
fn rss() -> f64 {
    // SAFETY: sysconf cannot fail for _SC_PAGESIZE.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64;
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |pages| pages * page)
}

/// `[heapTotal, heapUsed]` of the engine, in bytes.
fn heap(ctx: &Ctx<'_>) -> [f64; 2] {
    // SAFETY: JSMemoryUsage is plain data; zeroed is a valid value.
    let mut m: qjs::JSMemoryUsage = unsafe { std::mem::zeroed() };
    // SAFETY: the context is live and locked; its runtime outlives the call.
    unsafe { qjs::JS_ComputeMemoryUsage(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()), &mut m) };
    [m.malloc_size as f64, m.memory_used_size as f64]
}

/// The terminal's `[columns, rows]` on `fd`, or nothing if it is not one.
fn window_size(fd: i32) -> Option<Vec<u16>> {
    // SAFETY: winsize is plain data; zeroed is a valid value.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize into `w`.
    let rc = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) };
    (rc == 0).then(|| vec![w.ws_col, w.ws_row])
}

/// `[0, priority]` of process `pid` (0: this one), or `[-errno, 0]`.
fn get_priority(pid: i32) -> Vec<i32> {
    // getpriority may return -1 on success: errno tells.
    // SAFETY: errno is this thread's; getpriority takes plain integers.
    let value = unsafe {
        *libc::__errno_location() = 0;
        libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t)
    };
    match std::io::Error::last_os_error().raw_os_error() {
        Some(e) if value == -1 && e != 0 => vec![-e, 0],
        _ => vec![0, value],
    }
}

/// Sets the priority of process `pid` (0: this one): 0 or `-errno`.
fn set_priority(pid: i32, priority: i32) -> i32 {
    // SAFETY: setpriority takes plain integers.
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, priority) } == 0 {
        0
    } else {
        -std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO)
    }
}

macro_rules! constants {
    ($ctx:expr, $($name:ident),* $(,)?) => {{
        let o = Object::new($ctx.clone())?;
        $(o.set(stringify!($name), libc::$name as i32)?;)*
        o
    }};
}

/// `os.constants.signals` and `os.constants.errno` of this platform.
fn os_constants<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let signals = constants!(
        ctx, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGIOT, SIGBUS, SIGFPE, SIGKILL,
        SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGSTKFLT, SIGCONT, SIGSTOP,
        SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO,
        SIGPOLL, SIGPWR, SIGSYS,
    );
    let errno = constants!(
        ctx,
        E2BIG,
        EACCES,
        EADDRINUSE,
        EADDRNOTAVAIL,
        EAFNOSUPPORT,
        EAGAIN,
        EALREADY,
        EBADF,
        EBADMSG,
        EBUSY,
        ECANCELED,
        ECHILD,
        ECONNABORTED,
        ECONNREFUSED,
        ECONNRESET,
        EDEADLK,
        EDESTADDRREQ,
        EDOM,
        EDQUOT,
        EEXIST,
        EFAULT,
        EFBIG,
        EHOSTUNREACH,
        EIDRM,
        EILSEQ,
        EINPROGRESS,
        EINTR,
        EINVAL,
        EIO,
        EISCONN,
        EISDIR,
        ELOOP,
        EMFILE,
        EMLINK,
        EMSGSIZE,
        EMULTIHOP,
        ENAMETOOLONG,
        ENETDOWN,
        ENETRESET,
        ENETUNREACH,
        ENFILE,
        ENOBUFS,
        ENODATA,
        ENODEV,
        ENOENT,
        ENOEXEC,
        ENOLCK,
        ENOLINK,
        ENOMEM,
        ENOMSG,
        ENOPROTOOPT,
        ENOSPC,
        ENOSR,
        ENOSTR,
        ENOSYS,
        ENOTCONN,
        ENOTDIR,
        ENOTEMPTY,
        ENOTSOCK,
        ENOTSUP,
        ENOTTY,
        ENXIO,
        EOPNOTSUPP,
        EOVERFLOW,
        EPERM,
        EPIPE,
        EPROTO,
        EPROTONOSUPPORT,
        EPROTOTYPE,
        ERANGE,
        EROFS,
        ESPIPE,
        ESRCH,
        ESTALE,
        ETIME,
        ETIMEDOUT,
        ETXTBSY,
        EWOULDBLOCK,
        EXDEV,
    );
    let out = Object::new(ctx.clone())?;
    out.set("signals", signals)?;
    out.set("errno", errno)?;
    Ok(out)
}

/// Puts the `os`, `tty` and process-resource natives on the host object:
/// `osUname`, `osMem`, `osUptime`, `osLoadavg`, `osCpus`, `osInterfaces`,
/// `osGetPriority`, `osSetPriority`, `osUserInfo`,
/// `osParallelism`, `osConstants`, `isatty`, `windowSize`, `cpuUsage`,
/// `memoryUsage`, `rss`, `quickjsVersion`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> rquickjs::Result<()> {
    o.set("osUname", Function::new(ctx.clone(), uname)?)?;
    o.set(
        "osMem",
        Function::new(ctx.clone(), || {
            vec![meminfo("MemTotal:"), meminfo("MemAvailable:")]
        })?,
    )?;
    o.set(
        "osUptime",
        Function::new(ctx.clone(), || {
            std::fs::read_to_string("/proc/uptime")
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
                .unwrap_or(0.0)
        })?,
    )?;
    o.set(
        "osLoadavg",
        Function::new(ctx.clone(), || {
            let s = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
            let mut it = s
                .split_whitespace()
                .map(|v| v.parse::<f64>().unwrap_or(0.0));
            (0..3).map(|_| it.next().unwrap_or(0.0)).collect::<Vec<_>>()
        })?,
    )?;
    o.set("osCpus", Function::new(ctx.clone(), cpus)?)?;
    o.set(
        "osInterfaces",
        Function::new(ctx.clone(), super::interfaces::interfaces)?,
    )?;
    o.set("osGetPriority", Function::new(ctx.clone(), get_priority)?)?;
    o.set("osSetPriority", Function::new(ctx.clone(), set_priority)?)?;
    o.set("osUserInfo", Function::new(ctx.clone(), user_info)?)?;
    o.set(
        "osParallelism",
        Function::new(ctx.clone(), || {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })?,
    )?;
    o.set(
        "osConstants",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| os_constants(&ctx))?,
    )?;
    o.set(
        "isatty",
        Function::new(ctx.clone(), |fd: i32| {
            // SAFETY: isatty only reads the descriptor number.
            unsafe { libc::isatty(fd) == 1 }
        })?,
    )?;
    o.set("windowSize", Function::new(ctx.clone(), window_size)?)?;
    o.set("cpuUsage", Function::new(ctx.clone(), cpu_usage)?)?;
    o.set("rss", Function::new(ctx.clone(), rss)?)?;
    o.set(
        "memoryUsage",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| {
            let [total, used] = heap(&ctx);
            vec![rss(), total, used]
        })?,
    )?;
    // SAFETY: JS_GetVersion returns a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(qjs::JS_GetVersion()) };
    o.set("quickjsVersion", version.to_string_lossy().as_ref())
}

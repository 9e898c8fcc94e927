//! `process.resourceUsage`, `constrainedMemory` and `availableMemory`:
//! getrusage(2) and the cgroup memory limits, read as libuv reads them.

use rquickjs::{Ctx, Function, Object};

/// cgroup v1's "no limit" (`LONG_MAX` rounded down to a page).
const CGROUP1_UNLIMITED: u64 = 0x7FFF_FFFF_FFFF_F000;

/// getrusage(RUSAGE_SELF) in node's order: user and system CPU time (µs),
/// maxRSS (KiB), then the kernel's counters.
fn resource_usage() -> Vec<f64> {
    // SAFETY: rusage is plain data; zeroed is a valid value.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `r` is a valid, writable rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut r) } != 0 {
        return vec![0.0; 16];
    }
    let us = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    vec![
        us(r.ru_utime),
        us(r.ru_stime),
        r.ru_maxrss as f64,
        r.ru_ixrss as f64,
        r.ru_idrss as f64,
        r.ru_isrss as f64,
        r.ru_minflt as f64,
        r.ru_majflt as f64,
        r.ru_nswap as f64,
        r.ru_inblock as f64,
        r.ru_oublock as f64,
        r.ru_msgsnd as f64,
        r.ru_msgrcv as f64,
        r.ru_nsignals as f64,
        r.ru_nvcsw as f64,
        r.ru_nivcsw as f64,
    ]
}

/// A cgroup file's number: `max` is unlimited, anything unreadable 0.
fn read_u64(path: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let text = text.trim();
    if text == "max" {
        return u64::MAX;
    }
    match text.parse::<u64>() {
        Ok(CGROUP1_UNLIMITED) => u64::MAX,
        Ok(n) => n,
        Err(_) => 0,
    }
}

/// The cgroup of this process: `(v2 path)` or `(v1 memory controller path)`.
enum Cgroup {
    V2(String),
    V1(Option<String>),
}

fn cgroup() -> Cgroup {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    if let [only] = lines.as_slice() {
        if let Some(path) = only.strip_prefix("0::") {
            return Cgroup::V2(path.to_owned());
        }
    }
    let memory = lines.iter().find_map(|l| {
        let mut parts = l.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        controllers
            .split(',')
            .any(|c| c == "memory")
            .then(|| path.to_owned())
    });
    Cgroup::V1(memory)
}

/// `(limit, file holding the current use)` of this process's cgroup.
fn limits() -> (u64, String) {
    match cgroup() {
        Cgroup::V2(path) => {
            let base = format!("/sys/fs/cgroup{path}");
            let high = read_u64(&format!("{base}/memory.high"));
            let max = read_u64(&format!("{base}/memory.max"));
            (high.min(max), format!("{base}/memory.current"))
        }
        Cgroup::V1(path) => {
            if let Some(path) = path {
                let base = format!("/sys/fs/cgroup/memory{path}");
                let high = read_u64(&format!("{base}/memory.soft_limit_in_bytes"));
                let max = read_u64(&format!("{base}/memory.limit_in_bytes"));
                if high != 0 && max != 0 {
                    return (high.min(max), format!("{base}/memory.usage_in_bytes"));
                }
            }
            let base = "/sys/fs/cgroup/memory";
            let high = read_u64(&format!("{base}/memory.soft_limit_in_bytes"));
            let max = read_u64(&format!("{base}/memory.limit_in_bytes"));
            (high.min(max), format!("{base}/memory.usage_in_bytes"))
        }
    }
}

/// A `/proc/meminfo` figure in bytes.
fn meminfo(key: &str) -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(key))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib * 1024)
}

/// libuv's uv_get_available_memory: what the cgroup still allows, or the
/// system's free memory where no tighter limit applies.
fn available_memory() -> f64 {
    let (limit, current) = limits();
    let free = meminfo("MemAvailable:");
    if limit == 0 || limit > meminfo("MemTotal:") {
        return free as f64;
    }
    limit.saturating_sub(read_u64(&current)) as f64
}

/// Puts `resourceUsage`, `constrainedMemory` and `availableMemory` on the
/// host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> rquickjs::Result<()> {
    o.set("resourceUsage", Function::new(ctx.clone(), resource_usage)?)?;
    o.set(
        "constrainedMemory",
        Function::new(ctx.clone(), || limits().0 as f64)?,
    )?;
    o.set(
        "availableMemory",
        Function::new(ctx.clone(), available_memory)?,
    )?;
    Ok(())
}

//! `process` (in `js/process.js`): the natives it stands on — the exit
//! signal, the process facts, and the one clock every JavaScript time API
//! reads (the loop's, virtual clock included).

mod credentials;
mod usage;

use std::rc::Rc;

use rquickjs::function::Opt;
use rquickjs::{Array, Ctx, Exception, Function, Object};

use crate::host::Host;

/// What the script sees as `process.argv`, `process.env` and friends.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProcessInfo {
    pub(crate) argv: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) cwd: String,
}

/// `process.execPath`: the running executable's absolute path (links
/// resolved, as node's), else `argv[0]`.
fn exec_path(info: &ProcessInfo) -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .or_else(|| info.argv.first().cloned())
        .unwrap_or_default()
}

/// `process.argv0` (and the initial `process.title`): the process's first
/// argument as it was given, as node's.
fn argv0(exec_path: &str) -> String {
    std::env::args_os()
        .next()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_else(|| exec_path.to_owned())
}

/// Puts the process natives on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
    info: &ProcessInfo,
) -> rquickjs::Result<()> {
    let weak = Rc::downgrade(host);
    let h = weak.clone();
    o.set(
        "exit",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, code: f64, uncaught: Opt<bool>| -> rquickjs::Result<()> {
                if let Some(host) = h.upgrade() {
                    if uncaught.0 == Some(true) {
                        host.end_run(code as i32);
                    } else {
                        host.set_exit(code as i32);
                    }
                }
                let signal = Exception::from_message(ctx.clone(), "process.exit")?;
                Err(crate::ffi::throw_uncatchable(&ctx, signal.into_value()))
            },
        )?,
    )?;
    let h = weak.clone();
    o.set(
        "exiting",
        Function::new(ctx.clone(), move || -> bool {
            h.upgrade().is_none_or(|host| host.exit_code().is_some())
        })?,
    )?;
    let h = weak.clone();
    o.set(
        "now",
        Function::new(ctx.clone(), move || -> f64 {
            h.upgrade()
                .map_or(0.0, |host| host.now().as_secs_f64() * 1000.0)
        })?,
    )?;
    o.set("timeOrigin", host.time_origin)?;
    let argv = Array::new(ctx.clone())?;
    for (i, a) in info.argv.iter().enumerate() {
        argv.set(i, a.as_str())?;
    }
    o.set("argv", argv)?;
    let exec_path = exec_path(info);
    o.set("argv0", argv0(&exec_path))?;
    o.set("execPath", exec_path)?;
    let env = Object::new(ctx.clone())?;
    for (k, v) in &info.env {
        env.set(k.as_str(), v.as_str())?;
    }
    o.set("env", env)?;
    o.set("cwd", info.cwd.as_str())?;
    o.set("pid", std::process::id())?;
    o.set("ppid", parent_pid())?;
    o.set("platform", std::env::consts::OS)?;
    o.set("arch", arch())?;
    o.set("version", env!("CARGO_PKG_VERSION"))?;
    credentials::natives(ctx, o)?;
    usage::natives(ctx, o)
}

/// Node's name for this CPU architecture.
fn arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "x86" => "ia32",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64",
        other => other,
    }
}

/// The parent's process id (0 where it cannot be read).
fn parent_pid() -> u32 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            after.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

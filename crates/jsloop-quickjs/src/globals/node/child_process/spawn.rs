//! Starting a child: the options JavaScript normalised, turned into a
//! [`Command`].

use std::ffi::OsString;
use std::fs::File;
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use rquickjs::{Object, Value};

/// What one of the child's standard descriptors is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A pipe to this process.
    Pipe,
    /// This process's own descriptor.
    Inherit,
    /// `/dev/null`.
    Ignore,
    /// A descriptor of this process.
    Fd(i32),
}

/// A spawn request: Node's normalised options.
#[derive(Debug)]
pub(super) struct Spec {
    file: String,
    /// `args[0]` is the child's `argv[0]`.
    args: Vec<String>,
    env: Option<Vec<(OsString, OsString)>>,
    cwd: Option<String>,
    pub(super) stdio: [Mode; 3],
    detached: bool,
    uid: Option<u32>,
    gid: Option<u32>,
}

impl Spec {
    /// Reads `{file, args, envPairs, cwd, stdio, detached, uid, gid}`.
    ///
    /// # Errors
    ///
    /// The engine's error for a value of the wrong type.
    pub(super) fn from_js(o: &Object<'_>) -> rquickjs::Result<Self> {
        let env = o.get::<_, Option<Vec<String>>>("envPairs")?.map(|pairs| {
            pairs
                .into_iter()
                .map(|p| match p.split_once('=') {
                    Some((k, v)) => (k.into(), v.into()),
                    None => (p.into(), OsString::new()),
                })
                .collect()
        });
        let stdio: Vec<Value> = o.get("stdio")?;
        let mut modes = [Mode::Pipe; 3];
        for (mode, v) in modes.iter_mut().zip(stdio) {
            *mode = if let Some(n) = v.as_number() {
                Mode::Fd(n as i32)
            } else {
                match v.as_string().map(|s| s.to_string()).transpose()?.as_deref() {
                    Some("inherit") => Mode::Inherit,
                    Some("ignore") => Mode::Ignore,
                    _ => Mode::Pipe,
                }
            };
        }
        Ok(Self {
            file: o.get("file")?,
            args: o.get("args")?,
            env,
            cwd: o.get::<_, Option<String>>("cwd")?.filter(|c| !c.is_empty()),
            stdio: modes,
            detached: o.get::<_, Option<bool>>("detached")?.unwrap_or(false),
            // As libuv: the id's bits, a negative one included.
            uid: o.get::<_, Option<i32>>("uid")?.map(|v| v as u32),
            gid: o.get::<_, Option<i32>>("gid")?.map(|v| v as u32),
        })
    }

    /// Starts the child.
    ///
    /// # Errors
    ///
    /// The OS error of the fork, `exec` (a missing command: `ENOENT`) or
    /// `chdir` (a missing `cwd`).
    pub(super) fn spawn(&self) -> std::io::Result<Child> {
        let mut cmd = Command::new(&self.file);
        if let Some(arg0) = self.args.first() {
            cmd.arg0(arg0);
        }
        cmd.args(self.args.iter().skip(1));
        if let Some(env) = &self.env {
            cmd.env_clear();
            cmd.envs(env.iter().map(|(k, v)| (k, v)));
        }
        if let Some(cwd) = &self.cwd {
            cmd.current_dir(cwd);
        }
        cmd.stdin(stdio(self.stdio[0])?);
        cmd.stdout(stdio(self.stdio[1])?);
        cmd.stderr(stdio(self.stdio[2])?);
        if let Some(uid) = self.uid {
            cmd.uid(uid);
        }
        if let Some(gid) = self.gid {
            cmd.gid(gid);
        }
        let detached = self.detached;
        // SAFETY: the closure runs in the forked child before exec and
        // calls only sigaction and setsid, which are async-signal-safe.
        unsafe {
            cmd.pre_exec(move || {
                reset_signals();
                if detached && libc::setsid() == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        cmd.spawn()
    }
}

/// Gives every signal its default action in the child, as libuv does (an
/// ignored signal would otherwise stay ignored across exec). On Linux
/// through the system call itself: the C library refuses the signals it
/// keeps for its threads (32 and 33), which a parent may have ignored.
///
/// # Safety
///
/// Called in a forked child before exec (async-signal-safe calls only).
unsafe fn reset_signals() {
    for signal in 1..65 {
        if signal == libc::SIGKILL || signal == libc::SIGSTOP {
            continue;
        }
        #[cfg(target_os = "linux")]
        // SAFETY: the kernel's sigaction is handler, flags, restorer and
        // mask (or a prefix of them): all zero is SIG_DFL with no flags;
        // the mask is 8 bytes; unknown signals only make the call fail.
        unsafe {
            let action = [0u64; 4];
            libc::syscall(
                libc::SYS_rt_sigaction,
                signal,
                action.as_ptr(),
                std::ptr::null_mut::<u64>(),
                8usize,
            );
        }
        #[cfg(not(target_os = "linux"))]
        // SAFETY: a zeroed sigaction with SIG_DFL is a valid argument;
        // unknown signal numbers only make sigaction fail.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

fn stdio(mode: Mode) -> std::io::Result<Stdio> {
    Ok(match mode {
        Mode::Pipe => Stdio::piped(),
        Mode::Inherit => Stdio::inherit(),
        Mode::Ignore => Stdio::null(),
        Mode::Fd(fd) => {
            // SAFETY: dup only reads the descriptor number; the copy it
            // returns is ours alone.
            let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
            if copy < 0 {
                return Err(std::io::Error::last_os_error());
            }
            // SAFETY: `copy` is a fresh descriptor owned by nothing else.
            Stdio::from(unsafe { File::from_raw_fd(copy) })
        }
    })
}

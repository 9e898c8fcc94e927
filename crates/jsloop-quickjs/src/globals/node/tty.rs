//! Terminal modes for `tty.ReadStream#setRawMode` (`js/node/tty.js`).
//!
//! Raw mode is libuv's: no echo, no line editing, no signals from keys,
//! no input translation, bytes as typed (`VMIN` 1). A terminal's mode
//! before its first change is kept and put back by `setRawMode(false)`.
//! As Node does for its standard streams, a changed mode of descriptors
//! 0 to 2 is restored when the process exits (an `atexit` hook: normal
//! end, `process.exit`, uncaught error) and when SIGINT or SIGTERM kills
//! it (a handler that restores the mode, then lets the signal act as
//! before; it does nothing while JavaScript listens to that signal).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once, OnceLock};

use rquickjs::{Ctx, Function, Object};

/// The signals that restore the terminal before killing the process
/// (Node's: the ones it handles itself to reset its standard streams).
const FATAL: [i32; 2] = [libc::SIGINT, libc::SIGTERM];

/// Each standard descriptor's mode before its first change.
static SAVED: [OnceLock<libc::termios>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
/// Whether a standard descriptor's mode was changed since.
static CHANGED: [AtomicBool; 3] = [
    AtomicBool::new(false),
    AtomicBool::new(false),
    AtomicBool::new(false),
];
/// JavaScript listeners per fatal signal (while any, the signal does not
/// kill and the terminal is left alone).
static LISTENING: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];
/// The disposition each fatal signal had before the handler here.
static PREVIOUS: [OnceLock<libc::sigaction>; 2] = [OnceLock::new(), OnceLock::new()];
/// The mode before the first change of the other descriptors.
static OTHERS: Mutex<Option<HashMap<i32, libc::termios>>> = Mutex::new(None);
static HOOKS: Once = Once::new();

fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

fn get_mode(fd: i32) -> Result<libc::termios, i32> {
    // SAFETY: termios is plain data; zeroed is a valid value.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid out pointer.
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(-errno());
    }
    Ok(t)
}

fn set_mode(fd: i32, t: &libc::termios) -> i32 {
    loop {
        // SAFETY: `t` points to a valid termios.
        if unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, t) } == 0 {
            return 0;
        }
        let e = errno();
        if e != libc::EINTR {
            return -e;
        }
    }
}

/// libuv's raw mode, from `t`.
fn raw(mut t: libc::termios) -> libc::termios {
    t.c_iflag &= !(libc::BRKINT | libc::ICRNL | libc::INPCK | libc::ISTRIP | libc::IXON);
    t.c_oflag |= libc::ONLCR;
    t.c_cflag |= libc::CS8;
    t.c_lflag &= !(libc::ECHO | libc::ICANON | libc::IEXTEN | libc::ISIG);
    t.c_cc[libc::VMIN] = 1;
    t.c_cc[libc::VTIME] = 0;
    t
}

/// Puts back the changed modes of descriptors 0 to 2; async-signal-safe
/// (atomic loads, reads of set `OnceLock`s, `tcsetattr`).
fn reset_stdio() {
    for (fd, saved) in SAVED.iter().enumerate() {
        if CHANGED[fd].swap(false, Ordering::SeqCst) {
            if let Some(t) = saved.get() {
                // SAFETY: `t` points to a valid termios; tcsetattr is
                // async-signal-safe.
                unsafe { libc::tcsetattr(fd as i32, libc::TCSANOW, t) };
            }
        }
    }
}

extern "C" fn at_exit() {
    reset_stdio();
}

/// The handler of SIGINT and SIGTERM: restores the terminal when the
/// signal is about to kill (no JavaScript listener), then does what the
/// previous disposition did (signal-hook's handler, the default action,
/// or nothing when it was ignored).
extern "C" fn on_fatal(signal: i32, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    let Some(i) = FATAL.iter().position(|s| *s == signal) else {
        return;
    };
    let listened = LISTENING[i].load(Ordering::SeqCst) > 0;
    if !listened {
        reset_stdio();
    }
    let Some(prev) = PREVIOUS[i].get() else {
        return;
    };
    let handler = prev.sa_sigaction;
    if handler == libc::SIG_IGN {
        return;
    }
    if handler == libc::SIG_DFL {
        if !listened {
            // SAFETY: signal, sigemptyset, sigaddset, sigprocmask and raise
            // are async-signal-safe; the set is a valid local.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, signal);
                libc::raise(signal);
                libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            }
        }
        return;
    }
    if prev.sa_flags & libc::SA_SIGINFO != 0 {
        // SAFETY: with SA_SIGINFO the previous handler is a three-argument
        // handler, called as the kernel would have.
        let f: extern "C" fn(i32, *mut libc::siginfo_t, *mut libc::c_void) =
            unsafe { std::mem::transmute(handler) };
        f(signal, info, context);
    } else {
        // SAFETY: without SA_SIGINFO the previous handler takes the signal.
        let f: extern "C" fn(i32) = unsafe { std::mem::transmute(handler) };
        f(signal);
    }
}

/// Installs the exit hook and the fatal signals' handler, once.
fn install_hooks() {
    HOOKS.call_once(|| {
        // SAFETY: `at_exit` is a plain extern "C" function.
        unsafe { libc::atexit(at_exit) };
        for (i, signal) in FATAL.iter().enumerate() {
            // SAFETY: a zeroed sigaction is valid; sigaction fills `old`.
            let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
            // SAFETY: as above.
            let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
            action.sa_sigaction = on_fatal as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
            // SAFETY: the mask is a valid field of `action`.
            unsafe { libc::sigemptyset(&mut action.sa_mask) };
            // SAFETY: reads the current disposition only.
            if unsafe { libc::sigaction(*signal, std::ptr::null(), &mut old) } != 0 {
                continue;
            }
            let _ = PREVIOUS[i].set(old);
            // SAFETY: `on_fatal` is async-signal-safe and chains to `old`.
            unsafe { libc::sigaction(*signal, &action, std::ptr::null_mut()) };
        }
    });
}

/// `ttySetRawMode(fd, raw)`: 0, or a negative errno.
fn set_raw_mode(fd: i32, on: bool) -> i32 {
    let current = match get_mode(fd) {
        Ok(t) => t,
        Err(e) => return e,
    };
    let original = match usize::try_from(fd).ok().filter(|f| *f < 3) {
        Some(f) => *SAVED[f].get_or_init(|| current),
        None => {
            let mut others = OTHERS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *others
                .get_or_insert_with(HashMap::new)
                .entry(fd)
                .or_insert(current)
        }
    };
    if on {
        install_hooks();
    }
    let rc = set_mode(fd, &if on { raw(original) } else { original });
    if rc == 0 && (0..3).contains(&fd) {
        CHANGED[fd as usize].store(on, Ordering::SeqCst);
    }
    rc
}

fn count(signal: i32, delta: isize) {
    if let Some(i) = FATAL.iter().position(|s| *s == signal) {
        if delta > 0 {
            LISTENING[i].fetch_add(1, Ordering::SeqCst);
        } else {
            let _ =
                LISTENING[i].fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        }
    }
}

/// Puts `ttySetRawMode(fd, raw)` and `ttyCountListener(signal, delta)`
/// (JavaScript's listeners of SIGINT and SIGTERM, told by `js/stdio.js`)
/// on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> rquickjs::Result<()> {
    o.set("ttySetRawMode", Function::new(ctx.clone(), set_raw_mode)?)?;
    o.set(
        "ttyCountListener",
        Function::new(ctx.clone(), |signal: i32, delta: i32| {
            count(signal, delta as isize)
        })?,
    )?;
    Ok(())
}

//! The binary on a real pseudo-terminal: scripts in `tests/tty/` run with
//! a pty as stdin, stdout and stderr (and controlling terminal); the test
//! types keys, each after the script showed it handled the previous ones,
//! and compares the terminal's transcript with node's, committed as
//! `NAME.out`. Regenerate from node with
//! `JSLOOP_REGEN_TTY=1 cargo test -p jsloop-cli --test tty`.
//! The terminal's mode after the script (raw mode put back at exit, on an
//! uncaught error and when a signal kills it) is checked directly.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The longest a wait may take: beyond it, the test fails (a hang).
const LIMIT: Duration = Duration::from_secs(60);

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tty")
}

fn regen() -> bool {
    std::env::var_os("JSLOOP_REGEN_TTY").is_some()
}

/// A pty pair: the master (the test's side) and the slave (the script's).
struct Pty {
    master: File,
    slave: File,
}

fn check(rc: libc::c_int, what: &str) {
    assert!(rc >= 0, "{what}: {}", std::io::Error::last_os_error());
}

fn open_pty(cols: u16, rows: u16) -> Pty {
    // SAFETY: posix_openpt returns a new descriptor or -1.
    let master = unsafe { libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
    check(master, "posix_openpt");
    // SAFETY: `master` is a descriptor we own.
    let master = unsafe { OwnedFd::from_raw_fd(master) };
    // SAFETY: grantpt/unlockpt on the master descriptor.
    check(unsafe { libc::grantpt(master.as_raw_fd()) }, "grantpt");
    // SAFETY: as above.
    check(unsafe { libc::unlockpt(master.as_raw_fd()) }, "unlockpt");
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: `name` is a writable buffer of the given length.
    let rc = unsafe { libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()) };
    assert_eq!(rc, 0, "ptsname_r");
    // SAFETY: ptsname_r wrote a NUL-terminated path.
    let slave = unsafe {
        libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        )
    };
    check(slave, "open slave");
    // SAFETY: `slave` is a descriptor we own.
    let slave = File::from(unsafe { OwnedFd::from_raw_fd(slave) });
    let pty = Pty {
        master: File::from(master),
        slave,
    };
    pty.resize(cols, rows);
    pty
}

impl Pty {
    fn resize(&self, cols: u16, rows: u16) {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads one winsize.
        check(
            unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) },
            "TIOCSWINSZ",
        );
    }

    fn mode(&self) -> libc::termios {
        // SAFETY: termios is plain data; zeroed is valid.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `t` is a valid out pointer.
        check(
            unsafe { libc::tcgetattr(self.slave.as_raw_fd(), &mut t) },
            "tcgetattr",
        );
        t
    }

    /// Runs `script` with the slave as its standard streams and
    /// controlling terminal.
    fn spawn(&self, script: &Path) -> Child {
        let mut c = if regen() {
            Command::new("node")
        } else {
            Command::new(env!("CARGO_BIN_EXE_jsloop"))
        };
        if !regen() {
            c.arg("run");
        }
        c.arg(script).env("TERM", "xterm-256color");
        // Whatever decides colours besides TERM, as the expected output had it.
        for var in [
            "NO_COLOR",
            "FORCE_COLOR",
            "NODE_DISABLE_COLORS",
            "CI",
            "TMUX",
            "COLORTERM",
            "TERM_PROGRAM",
            "TEAMCITY_VERSION",
        ] {
            c.env_remove(var);
        }
        let io = |f: &File| Stdio::from(f.try_clone().expect("dup slave"));
        c.stdin(io(&self.slave))
            .stdout(io(&self.slave))
            .stderr(io(&self.slave));
        // SAFETY: setsid and ioctl are async-signal-safe; the child makes
        // its stdin (the slave) its controlling terminal.
        unsafe {
            c.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        c.spawn().expect("spawn")
    }

    /// Reads the master into `out` until it contains `marker` (after
    /// `from`); fails past [`LIMIT`].
    fn wait_for(&mut self, out: &mut Vec<u8>, marker: &str, from: usize) -> usize {
        let start = Instant::now();
        loop {
            if let Some(at) = find(&out[from..], marker.as_bytes()) {
                return from + at + marker.len();
            }
            let left = LIMIT.saturating_sub(start.elapsed());
            assert!(
                !left.is_zero(),
                "no {marker:?} in {:?}",
                String::from_utf8_lossy(out)
            );
            self.read_some(out, left.as_millis().try_into().unwrap_or(i32::MAX));
        }
    }

    /// Reads what is there within `ms` milliseconds (all of it with 0).
    fn read_some(&mut self, out: &mut Vec<u8>, ms: i32) {
        let mut p = libc::pollfd {
            fd: self.master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut p, 1, ms) } > 0 {
            let mut buf = [0u8; 4096];
            if let Ok(n) = self.master.read(&mut buf) {
                out.extend_from_slice(&buf[..n]);
            }
        }
    }

    /// What is left to read once the script exited.
    fn drain(&mut self, out: &mut Vec<u8>) {
        loop {
            let before = out.len();
            self.read_some(out, 0);
            if out.len() == before {
                return;
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Waits for the script within [`LIMIT`]; kills it and fails past it.
fn wait_exit(child: Child) -> ExitStatus {
    let pid = i32::try_from(child.id()).expect("pid");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut child = child;
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(status) => status.expect("wait"),
        Err(_) => {
            // SAFETY: kills our own child, which did not exit in time.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("the script did not exit");
        }
    }
}

/// What the test does at a step.
enum Step {
    /// Types these bytes, then waits for the marker.
    Keys(&'static [u8], &'static str),
    /// Resizes the window, then waits for the marker.
    Resize(u16, u16, &'static str),
}

/// Runs `name.js` through `steps` and compares the transcript with
/// `name.out` (node's); returns the exit status and the terminal.
fn run(name: &str, steps: &[Step]) -> (ExitStatus, Pty) {
    let mut pty = open_pty(80, 24);
    let child = pty.spawn(&dir().join(format!("{name}.js")));
    let mut out = Vec::new();
    let mut at = pty.wait_for(&mut out, "ready", 0);
    for step in steps {
        match step {
            Step::Keys(bytes, marker) => {
                pty.master.write_all(bytes).expect("type");
                at = pty.wait_for(&mut out, marker, at);
            }
            Step::Resize(cols, rows, marker) => {
                pty.resize(*cols, *rows);
                at = pty.wait_for(&mut out, marker, at);
            }
        }
    }
    let status = wait_exit(child);
    pty.drain(&mut out);
    let path = dir().join(format!("{name}.out"));
    if regen() {
        std::fs::write(&path, &out).expect("write expected");
    } else {
        let expected = std::fs::read(&path).expect("read expected");
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&expected),
            "{name}: transcript differs from node's"
        );
    }
    (status, pty)
}

fn cooked(t: &libc::termios) -> bool {
    t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0 && t.c_lflag & libc::ISIG != 0
}

#[test]
fn raw_mode_keypresses_and_resize() {
    let (status, pty) = run(
        "raw_keys",
        &[
            Step::Resize(100, 30, "resize 100 30"),
            Step::Keys(b"a", "#1"),
            Step::Keys(b"\x03", "#2"),
            Step::Keys(b"\x1b[A", "#3"),
            Step::Keys(b"\x1b[1;5C", "#4"),
            Step::Keys("é".as_bytes(), "#5"),
            Step::Keys(b"\r", "raw false"),
        ],
    );
    assert_eq!(status.code(), Some(0));
    assert!(cooked(&pty.mode()));
}

#[test]
fn readline_edits_lines_on_a_terminal() {
    let (status, pty) = run(
        "readline_edit",
        &[
            Step::Keys(b"hel", "<1>"),
            Step::Keys(b"lo", "<2>"),
            Step::Keys(b"\x7f", "<3>"),
            Step::Keys(b"\x1b[D", "<4>"),
            Step::Keys(b"X", "<5>"),
            Step::Keys(b"\r", "<6>"),
            Step::Keys(b"\x1b[A", "<7>"),
            Step::Keys(b"!\r", "<8>"),
            Step::Keys(b"\x03", "close false"),
        ],
    );
    assert_eq!(status.code(), Some(0));
    assert!(cooked(&pty.mode()));
}

#[test]
fn console_colours_values_on_a_terminal() {
    let (status, _) = run("console_colors", &[]);
    assert_eq!(status.code(), Some(0));
}

/// Starts `raw_exit.js`, waits until it set raw mode, checks the terminal
/// is raw, and returns the child and the terminal.
fn start_raw() -> (Child, Pty, Vec<u8>) {
    let mut pty = open_pty(80, 24);
    let child = pty.spawn(&dir().join("raw_exit.js"));
    let mut out = Vec::new();
    pty.wait_for(&mut out, "ready", 0);
    assert!(!cooked(&pty.mode()), "raw mode was not set");
    (child, pty, out)
}

#[test]
fn raw_mode_is_restored_by_process_exit() {
    let (child, mut pty, _) = start_raw();
    pty.master.write_all(b"x").expect("type");
    assert_eq!(wait_exit(child).code(), Some(3));
    assert!(cooked(&pty.mode()));
}

#[test]
fn raw_mode_is_restored_after_an_uncaught_error() {
    let (child, mut pty, mut out) = start_raw();
    pty.master.write_all(b"t").expect("type");
    assert_eq!(wait_exit(child).code(), Some(1));
    pty.drain(&mut out);
    assert!(String::from_utf8_lossy(&out).contains("thrown in raw mode"));
    assert!(cooked(&pty.mode()));
}

#[test]
fn raw_mode_is_restored_when_a_signal_kills() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let (child, pty, _) = start_raw();
        let pid = i32::try_from(child.id()).expect("pid");
        // SAFETY: signals our own child.
        check(unsafe { libc::kill(pid, signal) }, "kill");
        assert_eq!(wait_exit(child).signal(), Some(signal));
        assert!(cooked(&pty.mode()), "not restored after signal {signal}");
    }
}

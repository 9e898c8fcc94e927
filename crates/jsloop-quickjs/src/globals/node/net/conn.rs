//! The sockets behind `node:net` handles: TCP or Unix streams and
//! listeners, non-blocking, with what a stream could not write yet.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::os::fd::{AsRawFd, RawFd};

use jsloop::mio::event::Source;
use jsloop::mio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use jsloop::IoId;

/// A connected (or connecting) stream socket.
pub(crate) enum Conn {
    Tcp(TcpStream),
    Unix(UnixStream),
}

/// A listening socket.
pub(crate) enum Listener {
    Tcp(TcpListener),
    Unix(UnixListener),
}

/// One handle of the table.
pub(crate) enum Handle {
    Listener(Listener, Option<IoId>),
    Stream(Box<Stream>),
}

/// A stream socket and its state.
pub(crate) struct Stream {
    pub(crate) conn: Conn,
    pub(crate) io: Option<IoId>,
    /// Bytes accepted by `write` that the socket did not take yet.
    pub(crate) unsent: Vec<u8>,
    /// Waiting for a non-blocking connect to finish.
    pub(crate) connecting: bool,
    /// JavaScript wants data (`readStart`).
    pub(crate) reading: bool,
    /// The socket may hold unread data (not drained since its last edge).
    pub(crate) pending: bool,
    /// A read of pending data is queued for the poll phase.
    pub(crate) scheduled: bool,
}

impl Stream {
    pub(crate) fn new(conn: Conn, connecting: bool) -> Self {
        Self {
            conn,
            io: None,
            unsent: Vec::new(),
            connecting,
            reading: false,
            pending: false,
            scheduled: false,
        }
    }

    /// Writes what the socket takes of `unsent`; whether all went.
    pub(crate) fn flush(&mut self) -> io::Result<bool> {
        let mut written = 0;
        while written < self.unsent.len() {
            match self.conn.write(&self.unsent[written..]) {
                Ok(0) => return Err(ErrorKind::WriteZero.into()),
                Ok(n) => written += n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.unsent.drain(..written);
        Ok(self.unsent.is_empty())
    }

    /// The status of a finished connect: 0, or the negative errno; `None`
    /// while it is still in progress.
    pub(crate) fn connect_status(&self) -> Option<i32> {
        let taken = match &self.conn {
            Conn::Tcp(s) => s.take_error(),
            Conn::Unix(s) => s.take_error(),
        };
        match taken {
            Ok(Some(e)) | Err(e) => return Some(-errno(&e)),
            Ok(None) => {}
        }
        let peer = match &self.conn {
            Conn::Tcp(s) => s.peer_addr().map(|_| ()),
            Conn::Unix(s) => s.peer_addr().map(|_| ()),
        };
        match peer {
            Ok(()) => Some(0),
            Err(e) if e.kind() == ErrorKind::NotConnected => None,
            Err(e) => Some(-errno(&e)),
        }
    }
}

/// The OS error number of `e` (`EIO` if it has none).
pub(crate) fn errno(e: &io::Error) -> i32 {
    e.raw_os_error().unwrap_or(match e.kind() {
        ErrorKind::WriteZero | ErrorKind::BrokenPipe => libc::EPIPE,
        ErrorKind::InvalidInput => libc::EINVAL,
        _ => libc::EIO,
    })
}

impl Conn {
    pub(crate) fn source(&mut self) -> &mut dyn Source {
        match self {
            Conn::Tcp(s) => s,
            Conn::Unix(s) => s,
        }
    }

    pub(crate) fn fd(&self) -> RawFd {
        match self {
            Conn::Tcp(s) => s.as_raw_fd(),
            Conn::Unix(s) => s.as_raw_fd(),
        }
    }

    pub(crate) fn shutdown(&self) -> io::Result<()> {
        match self {
            Conn::Tcp(s) => s.shutdown(Shutdown::Write),
            Conn::Unix(s) => s.shutdown(Shutdown::Write),
        }
    }

    /// The local (`peer` false) or remote address of a TCP socket.
    pub(crate) fn addr(&self, peer: bool) -> Option<SocketAddr> {
        match self {
            Conn::Tcp(s) if peer => s.peer_addr().ok(),
            Conn::Tcp(s) => s.local_addr().ok(),
            Conn::Unix(_) => None,
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Tcp(s) => s.read(buf),
            Conn::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Tcp(s) => s.write(buf),
            Conn::Unix(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Listener {
    pub(crate) fn source(&mut self) -> &mut dyn Source {
        match self {
            Listener::Tcp(l) => l,
            Listener::Unix(l) => l,
        }
    }

    /// The next pending connection, `None` once drained.
    pub(crate) fn accept(&self) -> io::Result<Option<Conn>> {
        let accepted = match self {
            Listener::Tcp(l) => l.accept().map(|(s, _)| Conn::Tcp(s)),
            Listener::Unix(l) => l.accept().map(|(s, _)| Conn::Unix(s)),
        };
        match accepted {
            Ok(c) => Ok(Some(c)),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub(crate) fn addr(&self) -> Option<SocketAddr> {
        match self {
            Listener::Tcp(l) => l.local_addr().ok(),
            Listener::Unix(_) => None,
        }
    }
}

/// Sets an integer socket option.
pub(crate) fn set_opt(fd: RawFd, level: i32, name: i32, value: i32) -> bool {
    // SAFETY: `fd` is a live socket; the option value is a valid `c_int`
    // whose size is passed.
    unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            (&raw const value).cast(),
            std::mem::size_of::<i32>() as libc::socklen_t,
        ) == 0
    }
}

/// A TCP listener on `addr` with `backlog`.
pub(crate) fn listen_tcp(addr: SocketAddr, backlog: i32) -> io::Result<Listener> {
    let l = std::net::TcpListener::bind(addr)?;
    relisten(l.as_raw_fd(), backlog);
    l.set_nonblocking(true)?;
    Ok(Listener::Tcp(TcpListener::from_std(l)))
}

/// A Unix-socket listener on `path` with `backlog`.
pub(crate) fn listen_unix(path: &str, backlog: i32) -> io::Result<Listener> {
    let l = std::os::unix::net::UnixListener::bind(path)?;
    relisten(l.as_raw_fd(), backlog);
    l.set_nonblocking(true)?;
    Ok(Listener::Unix(UnixListener::from_std(l)))
}

/// Applies the backlog (std listens with its own).
fn relisten(fd: RawFd, backlog: i32) {
    // SAFETY: `fd` is a live listening socket; listen again only resets
    // the queue length.
    unsafe {
        libc::listen(fd, backlog);
    }
}

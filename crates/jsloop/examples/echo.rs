//! A TCP echo server on the loop, through the readiness API only.
//!
//! Run: `cargo run --release -p jsloop --example echo [ADDR]` (default
//! `127.0.0.1:7878`), then e.g. `nc 127.0.0.1 7878`. `benches/io.rs`
//! measures this very server.

use std::cell::RefCell;
use std::error::Error;
use std::io::{self, ErrorKind, Read, Write};
use std::rc::Rc;

use jsloop::mio::net::{TcpListener, TcpStream};
use jsloop::{EventLoop, Interest, IoError, IoId};

/// Past this many unsent bytes a connection stops reading until its
/// peer reads (backpressure).
const HIGH_WATER: usize = 64 * 1024;

#[allow(dead_code)] // The benchmark includes this file for `serve`.
fn main() -> Result<(), Box<dyn Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:7878".into())
        .parse()?;
    let lp = EventLoop::new();
    let listener = TcpListener::bind(addr)?;
    eprintln!("echo: listening on {}", listener.local_addr()?);
    serve(&lp, listener)?;
    lp.run()?;
    Ok(())
}

/// Accepts connections on `listener` and echoes back what each sends.
pub(crate) fn serve(lp: &EventLoop, listener: TcpListener) -> Result<IoId, IoError> {
    let listener = Rc::new(RefCell::new(listener));
    let l = listener.clone();
    let mut source = listener.borrow_mut();
    lp.register(&mut *source, Interest::READABLE, move |lp, _| loop {
        // Edge-triggered: accept until the backlog is empty.
        let accepted = l.borrow().accept();
        match accepted {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                if let Err(e) = Conn::start(lp, stream) {
                    eprintln!("echo: register failed: {e}");
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => break,
            Err(e) => {
                eprintln!("echo: accept failed: {e}");
                break;
            }
        }
    })
}

/// One connection: the socket and what it could not write yet.
struct Conn {
    stream: TcpStream,
    unsent: Vec<u8>,
}

impl Conn {
    fn start(lp: &EventLoop, stream: TcpStream) -> Result<(), IoError> {
        let conn = Rc::new(RefCell::new(Conn {
            stream,
            unsent: Vec::new(),
        }));
        let c = conn.clone();
        let mut this = conn.borrow_mut();
        lp.register(
            &mut this.stream,
            Interest::READABLE,
            move |lp, readiness| {
                let id = lp.current_io().expect("inside its own callback");
                let mut conn = c.borrow_mut();
                let was_flushed = conn.unsent.is_empty();
                match conn.pump(readiness.is_read_closed()) {
                    // Watch for writability only while output waits.
                    Ok(true) if was_flushed != conn.unsent.is_empty() => {
                        let interest = if conn.unsent.is_empty() {
                            Interest::READABLE
                        } else {
                            Interest::READABLE | Interest::WRITABLE
                        };
                        let _ = lp.reregister(id, &mut conn.stream, interest);
                    }
                    Ok(true) => {}
                    // End of stream or an error: close (the callback, and the
                    // connection it holds, are dropped once it returns).
                    Ok(false) | Err(_) => {
                        let _ = lp.close_io(id, &mut conn.stream, |_| ());
                    }
                }
            },
        )?;
        Ok(())
    }

    /// Writes what is pending, then reads and echoes until the socket is
    /// drained: `WouldBlock`, or a read shorter than the buffer (the
    /// kernel had no more; new data is a new edge) unless the peer closed
    /// (`read_closed`: read on to the end); `false` once it closed.
    fn pump(&mut self, read_closed: bool) -> io::Result<bool> {
        self.flush()?;
        let mut buf = [0u8; 4096];
        while self.unsent.len() < HIGH_WATER {
            match self.stream.read(&mut buf) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.unsent.extend_from_slice(&buf[..n]);
                    self.flush()?;
                    if n < buf.len() && !read_closed {
                        break;
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// Writes as much of `unsent` as the socket takes.
    fn flush(&mut self) -> io::Result<()> {
        let mut written = 0;
        while written < self.unsent.len() {
            match self.stream.write(&self.unsent[written..]) {
                Ok(n) => written += n,
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.unsent.drain(..written);
        Ok(())
    }
}

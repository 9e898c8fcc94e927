//! TCP echo over loopback: N connections ping-ponging 64-byte messages,
//! the server and the clients on one thread, on jsloop's readiness API
//! (the server of `examples/echo.rs`) and on tokio's current-thread
//! runtime, in one run. Compare the ratios, not the absolute numbers.

#[path = "../examples/echo.rs"]
mod echo;

use std::cell::{Cell, RefCell};
use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jsloop::mio::net::{TcpListener, TcpStream};
use jsloop::{EventLoop, Interest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const MSG: [u8; 64] = [7; 64];
/// Messages per iteration, spread over the connections.
const MESSAGES: u64 = 1000;

/// A client connection: sends a message, waits for all of it back, again
/// until `left` is zero.
struct Client {
    stream: TcpStream,
    got: usize,
    left: u64,
}

/// The jsloop side: a loop with the echo server and `conns` clients.
struct JsloopEcho {
    lp: EventLoop,
    clients: Vec<Rc<RefCell<Client>>>,
    done: Rc<Cell<usize>>,
}

impl JsloopEcho {
    fn new(conns: usize) -> Self {
        let lp = EventLoop::builder().spin(Duration::ZERO).build();
        let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = listener.local_addr().unwrap();
        echo::serve(&lp, listener).unwrap();
        let done = Rc::new(Cell::new(0));
        let clients = (0..conns).map(|_| Self::client(&lp, addr, &done)).collect();
        Self { lp, clients, done }
    }

    fn client(lp: &EventLoop, addr: SocketAddr, done: &Rc<Cell<usize>>) -> Rc<RefCell<Client>> {
        let stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_nonblocking(true).unwrap();
        let stream = TcpStream::from_std(stream);
        stream.set_nodelay(true).unwrap();
        let client = Rc::new(RefCell::new(Client {
            stream,
            got: 0,
            left: 0,
        }));
        let (c, done) = (client.clone(), done.clone());
        let mut this = client.borrow_mut();
        lp.register(&mut this.stream, Interest::READABLE, move |_, readiness| {
            let mut c = c.borrow_mut();
            let mut buf = [0u8; 256];
            loop {
                match c.stream.read(&mut buf) {
                    Ok(0) => panic!("server closed"),
                    // A short read drained the socket (as tokio assumes).
                    Ok(n) if n < buf.len() && !readiness.is_read_closed() => {
                        c.got += n;
                        break;
                    }
                    Ok(n) => c.got += n,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) => panic!("read failed: {e}"),
                }
            }
            while c.got >= MSG.len() && c.left > 0 {
                c.got -= MSG.len();
                c.left -= 1;
                if c.left == 0 {
                    done.set(done.get() + 1);
                } else {
                    c.stream.write_all(&MSG).unwrap();
                }
            }
        })
        .unwrap();
        drop(this);
        client
    }

    /// Every client makes `per_conn` round trips.
    fn round(&self, per_conn: u64) {
        self.done.set(0);
        for c in &self.clients {
            let mut c = c.borrow_mut();
            c.left = per_conn;
            c.stream.write_all(&MSG).unwrap();
        }
        let n = self.clients.len();
        self.lp.run_until(|_| self.done.get() == n).unwrap();
    }
}

/// The tokio side: a current-thread runtime with an echo server task per
/// connection and `conns` client streams.
struct TokioEcho {
    rt: tokio::runtime::Runtime,
    clients: Vec<tokio::net::TcpStream>,
}

impl TokioEcho {
    fn new(conns: usize) -> Self {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let clients = rt.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move {
                loop {
                    let (mut s, _) = listener.accept().await.unwrap();
                    s.set_nodelay(true).unwrap();
                    tokio::spawn(async move {
                        let mut buf = [0u8; 4096];
                        loop {
                            match s.read(&mut buf).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => s.write_all(&buf[..n]).await.unwrap(),
                            }
                        }
                    });
                }
            });
            let mut clients = Vec::new();
            for _ in 0..conns {
                let s = tokio::net::TcpStream::connect(addr).await.unwrap();
                s.set_nodelay(true).unwrap();
                clients.push(s);
            }
            clients
        });
        Self { rt, clients }
    }

    fn round(&mut self, per_conn: u64) {
        let clients = &mut self.clients;
        self.rt.block_on(async {
            let trips = clients.iter_mut().map(|s| async move {
                let mut buf = [0u8; 64];
                for _ in 0..per_conn {
                    s.write_all(&MSG).await.unwrap();
                    s.read_exact(&mut buf).await.unwrap();
                }
            });
            futures::future::join_all(trips).await;
        });
    }
}

fn tcp_echo(c: &mut Criterion) {
    for conns in [1usize, 50] {
        let mut g = c.benchmark_group(format!("tcp_echo_{conns}"));
        g.throughput(Throughput::Elements(MESSAGES));
        g.sample_size(20);
        let per_conn = MESSAGES / conns as u64;
        let js = JsloopEcho::new(conns);
        g.bench_function("jsloop", |b| b.iter(|| js.round(per_conn)));
        drop(js);
        let mut tk = TokioEcho::new(conns);
        g.bench_function("tokio", |b| b.iter(|| tk.round(per_conn)));
        g.finish();
    }
}

criterion_group!(benches, tcp_echo);
criterion_main!(benches);

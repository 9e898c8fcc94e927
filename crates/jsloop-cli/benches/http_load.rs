//! HTTP hello-world server (benches/js/http_server.js) under a load
//! generator: keep-alive connections on 127.0.0.1, each with one request in
//! flight, a fixed request count; prints requests/s and p50/p99 latency for
//! node (when on PATH) and jsloop from the same run. Not a criterion bench.
//!
//! `cargo bench -p jsloop-cli --bench http_load`; env: `JSLOOP_BIN` (default
//! `target/release/jsloop`), `HTTP_LOAD_REQUESTS` (20000),
//! `HTTP_LOAD_CONNECTIONS` (50).

use std::env;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{mpsc, Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

/// The bound on every wait: server start, connect, one response, shutdown.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Requests sent on each connection before the measured run.
const WARM_UP_PER_CONNECTION: usize = 20;

/// The hello-world body the server answers with.
const BODY: &[u8] = b"hello world";

/// A server process, killed on drop unless it already exited.
struct Server {
    name: String,
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts `program args... http_server.js` and reads the port it prints.
    fn start(name: &str, program: &Path, args: &[&str], script: &Path) -> Result<Self, String> {
        let mut child = Command::new(program)
            .args(args)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("{name}: cannot start {}: {e}", program.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let read = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(read.map(|_| line));
        });
        let mut server = Self {
            name: name.to_owned(),
            child,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        };
        let line = match rx.recv_timeout(TIMEOUT) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(format!("{name}: reading the port: {e}")),
            Err(_) => return Err(format!("{name}: no port printed within {TIMEOUT:?}")),
        };
        let port: u16 = line
            .trim()
            .parse()
            .map_err(|_| format!("{name}: expected a port on stdout, got {line:?}"))?;
        server.addr.set_port(port);
        Ok(server)
    }

    /// Closes stdin (the server closes on its end), waits, then kills.
    fn stop(mut self) -> Result<(), String> {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    return Err(format!("{}: server exited with {status}", self.name))
                }
                Ok(None) => thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(format!("{}: waiting for the server: {e}", self.name)),
            }
        }
        Err(format!(
            "{}: server still running {TIMEOUT:?} after stdin closed",
            self.name
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// One keep-alive connection.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    line: String,
}

impl Connection {
    fn open(addr: SocketAddr) -> Result<Self, String> {
        let stream =
            TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| format!("connect: {e}"))?;
        stream
            .set_nodelay(true)
            .map_err(|e| format!("set_nodelay: {e}"))?;
        stream
            .set_read_timeout(Some(TIMEOUT))
            .map_err(|e| format!("set_read_timeout: {e}"))?;
        stream
            .set_write_timeout(Some(TIMEOUT))
            .map_err(|e| format!("set_write_timeout: {e}"))?;
        let writer = stream.try_clone().map_err(|e| format!("try_clone: {e}"))?;
        Ok(Self {
            reader: BufReader::new(stream),
            writer,
            line: String::new(),
        })
    }

    /// Sends `GET /` and reads the whole response.
    fn request(&mut self) -> Result<(), String> {
        self.writer
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .map_err(|e| format!("write: {e}"))?;
        self.read_line()?;
        if !self.line.starts_with("HTTP/1.1 200 ") {
            return Err(format!("unexpected status line {:?}", self.line.trim_end()));
        }
        let mut length = None;
        let mut chunked = false;
        loop {
            self.read_line()?;
            let header = self.line.trim_end();
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                return Err(format!("malformed header {header:?}"));
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .parse::<usize>()
                        .map_err(|_| format!("bad content-length {value:?}"))?,
                );
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.eq_ignore_ascii_case("chunked");
            } else if name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close")
            {
                return Err("server closes the connection (no keep-alive)".to_owned());
            }
        }
        let body = match (length, chunked) {
            (_, true) => self.read_chunked()?,
            (Some(n), false) => self.read_exact(n)?,
            (None, false) => return Err("response without a length".to_owned()),
        };
        if body != BODY {
            return Err(format!(
                "unexpected body {:?}",
                String::from_utf8_lossy(&body)
            ));
        }
        Ok(())
    }

    fn read_line(&mut self) -> Result<(), String> {
        self.line.clear();
        match self.reader.read_line(&mut self.line) {
            Ok(0) => Err("connection closed by the server".to_owned()),
            Ok(_) => Ok(()),
            Err(e) => Err(format!("read: {e}")),
        }
    }

    fn read_exact(&mut self, n: usize) -> Result<Vec<u8>, String> {
        let mut body = vec![0; n];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| format!("read body: {e}"))?;
        Ok(body)
    }

    fn read_chunked(&mut self) -> Result<Vec<u8>, String> {
        let mut body = Vec::new();
        loop {
            self.read_line()?;
            let size = self.line.trim_end().split(';').next().unwrap_or("");
            let size =
                usize::from_str_radix(size, 16).map_err(|_| format!("bad chunk size {size:?}"))?;
            if size == 0 {
                self.read_line()?;
                return Ok(body);
            }
            body.extend(self.read_exact(size)?);
            self.read_line()?;
        }
    }
}

/// The outcome of one measured run.
struct Report {
    requests: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Report {
    fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: usize) -> Duration {
        let n = self.latencies.len();
        self.latencies[(n * p).div_ceil(100).clamp(1, n) - 1]
    }
}

/// Drives `addr` with `connections` keep-alive connections, `total` requests
/// in all (after a warm-up), one in flight per connection.
fn load(addr: SocketAddr, connections: usize, total: usize) -> Result<Report, String> {
    let barrier = Arc::new(Barrier::new(connections + 1));
    let workers: Vec<_> = (0..connections)
        .map(|i| {
            let barrier = Arc::clone(&barrier);
            let count = total / connections + usize::from(i < total % connections);
            thread::spawn(move || {
                let mut prepared = Connection::open(addr).and_then(|mut c| {
                    (0..WARM_UP_PER_CONNECTION)
                        .try_for_each(|_| c.request())
                        .map(|()| c)
                });
                barrier.wait();
                let mut latencies = Vec::with_capacity(count);
                if let Ok(connection) = &mut prepared {
                    for _ in 0..count {
                        let start = Instant::now();
                        connection.request()?;
                        latencies.push(start.elapsed());
                    }
                }
                prepared.map(|_| latencies)
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    let mut latencies = Vec::with_capacity(total);
    let mut first_error = None;
    for worker in workers {
        match worker.join() {
            Ok(Ok(mut own)) => latencies.append(&mut own),
            Ok(Err(e)) => first_error = first_error.or(Some(e)),
            Err(_) => first_error = first_error.or(Some("a load thread panicked".to_owned())),
        }
    }
    let elapsed = start.elapsed();
    if let Some(e) = first_error {
        return Err(e);
    }
    latencies.sort_unstable();
    Ok(Report {
        requests: total,
        elapsed,
        latencies,
    })
}

fn env_count(name: &str, default: usize) -> Result<usize, String> {
    match env::var(name) {
        Ok(v) => v
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{name} must be a positive integer, got {v:?}")),
        Err(_) => Ok(default),
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn run(
    name: &str,
    program: &Path,
    args: &[&str],
    connections: usize,
    total: usize,
) -> Result<Report, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let server = Server::start(name, program, args, &root.join("benches/js/http_server.js"))?;
    let report = load(server.addr, connections, total).map_err(|e| format!("{name}: {e}"))?;
    server.stop()?;
    Ok(report)
}

fn main() -> ExitCode {
    if !env::args().any(|a| a == "--bench") {
        println!("http_load: run with `cargo bench -p jsloop-cli --bench http_load`");
        return ExitCode::SUCCESS;
    }
    match bench() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("http_load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench() -> Result<(), String> {
    let total = env_count("HTTP_LOAD_REQUESTS", 20_000)?;
    let connections = env_count("HTTP_LOAD_CONNECTIONS", 50)?;
    let jsloop = env::var_os("JSLOOP_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/jsloop"),
        PathBuf::from,
    );
    if !jsloop.is_file() {
        return Err(format!(
            "jsloop binary not found at {} (cargo build --release -p jsloop-cli, or set JSLOOP_BIN)",
            jsloop.display()
        ));
    }
    println!("http_load: {total} requests, {connections} keep-alive connections, 127.0.0.1");
    let mut reports = Vec::new();
    match find_on_path("node") {
        Some(node) => reports.push(("node", run("node", &node, &[], connections, total)?)),
        None => println!("node not found on PATH: jsloop only"),
    }
    reports.push((
        "jsloop",
        run("jsloop", &jsloop, &["run"], connections, total)?,
    ));
    for (name, r) in &reports {
        println!(
            "{name:<8} {:>10.0} requests/s  p50 {:>8.3} ms  p99 {:>8.3} ms",
            r.per_second(),
            r.percentile(50).as_secs_f64() * 1e3,
            r.percentile(99).as_secs_f64() * 1e3,
        );
    }
    if let [(_, node), (_, jsloop)] = &reports[..] {
        println!(
            "ratio    {:>10.2} (jsloop / node requests/s)",
            jsloop.per_second() / node.per_second()
        );
    }
    Ok(())
}

//! [`Worker`]: a runtime on a thread of its own, driven from any thread
//! or async executor through `Send` futures; [`WorkerPool`]: several, one
//! loop each, each call going to the worker with the fewest in flight.
//!
//! Ground rules:
//! - The [`Runtime`] never leaves its thread: calls travel as `Send`
//!   closures through the loop's [`jsloop::Handle`] and find the runtime in
//!   a thread-local; answers come back through [`reply`] slots.
//! - A [`jsloop::Hold`] keeps the worker's loop alive while the `Worker`
//!   lives; [`Worker::shutdown`] drops it, so the loop finishes what is in
//!   flight, runs `beforeExit`/`exit`, and the thread ends.
//! - The thread records how it ended before exiting; calls it never
//!   answered report that end.

mod pool;
mod reply;

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub use pool::WorkerPool;
pub use reply::WorkerCall;

use reply::{End, Sender, Shared};

use crate::embed::Handle;
use crate::error::Error;
use crate::runtime::Runtime;
use crate::value::JsValue;

thread_local! {
    /// The runtime of the worker running on this thread.
    static RUNTIME: RefCell<Option<Rc<Runtime>>> = const { RefCell::new(None) };
}

/// A [`Runtime`] living on its own thread, usable from any thread: a
/// `Send + Sync` handle whose calls return `Send` futures (no executor
/// dependency: tokio, async-std or a plain `block_on` all work).
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{JsValue, Runtime, Worker};
///
/// let worker = Worker::spawn(|| {
///     let rt = Runtime::new()?;
///     rt.eval("globalThis.slowDouble = (n) => new Promise((ok) => setTimeout(ok, 5, n * 2))")?;
///     Ok(rt)
/// })
/// .unwrap();
/// let call = worker.call("slowDouble", vec![21.into()]);
/// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     struct W(std::thread::Thread);
/// #     impl std::task::Wake for W { fn wake(self: std::sync::Arc<Self>) { self.0.unpark() } }
/// #     let waker = std::sync::Arc::new(W(std::thread::current())).into();
/// #     let mut cx = std::task::Context::from_waker(&waker);
/// #     let mut f = std::pin::pin!(f);
/// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v } std::thread::park() }
/// # }
/// assert_eq!(block_on(call).unwrap(), JsValue::from(42));
/// assert_eq!(worker.shutdown().unwrap(), 0);
/// ```
pub struct Worker {
    handle: jsloop::Handle,
    hold: Mutex<Option<jsloop::Hold>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("in_flight", &self.in_flight())
            .finish_non_exhaustive()
    }
}

/// What a call asks of the worker's runtime.
enum Job {
    Eval(String),
    Call(String, Vec<JsValue>),
    CallHandle(Handle, Vec<JsValue>),
    Import(String),
}

impl Worker {
    /// Starts a thread, builds its runtime with `build` there (register
    /// host functions, evaluate setup scripts), and returns once it is
    /// ready.
    ///
    /// # Errors
    ///
    /// What `build` returned; [`Error::Panicked`] if it panicked.
    pub fn spawn<F>(build: F) -> Result<Worker, Error>
    where
        F: FnOnce() -> Result<Runtime, Error> + Send + 'static,
    {
        let (ready_tx, ready_rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("jsloop-worker".into())
            .spawn(move || {
                let end = catch_unwind(AssertUnwindSafe(|| serve(build, ready_tx)));
                let end = end
                    .unwrap_or_else(|payload| End::Panicked(crate::ffi::panic_message(&*payload)));
                thread_shared.set_end(end);
            })
            .map_err(|e| Error::Panicked(format!("cannot start the worker thread: {e}")))?;
        match ready_rx.recv() {
            Ok(Ok((handle, hold))) => Ok(Worker {
                handle,
                hold: Mutex::new(Some(hold)),
                thread: Mutex::new(Some(thread)),
                shared,
            }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => {
                let _ = thread.join();
                match shared.end() {
                    Some(End::Panicked(message)) => Err(Error::Panicked(message)),
                    _ => Err(Error::Closed),
                }
            }
        }
    }

    /// Evaluates `source` as a global script on the worker; the future
    /// resolves when the promise it returns settles.
    pub fn eval(&self, source: impl Into<String>) -> WorkerCall {
        self.send(Job::Eval(source.into()))
    }

    /// Calls the worker's global function `name`; the future resolves
    /// when the promise it returns settles.
    pub fn call(&self, name: impl Into<String>, args: Vec<JsValue>) -> WorkerCall {
        self.send(Job::Call(name.into(), args))
    }

    /// Calls a function the worker handed out (a [`JsValue::Function`]
    /// from an earlier answer); the future resolves when the promise it
    /// returns settles.
    pub fn call_function(&self, function: &Handle, args: Vec<JsValue>) -> WorkerCall {
        self.send(Job::CallHandle(function.clone(), args))
    }

    /// Imports the ES module `specifier` on the worker (as
    /// [`Runtime::import_async`]); the future resolves to its namespace,
    /// whose functions [`Worker::call_function`] calls.
    pub fn import(&self, specifier: impl Into<String>) -> WorkerCall {
        self.send(Job::Import(specifier.into()))
    }

    /// How many calls were sent and not answered yet.
    pub fn in_flight(&self) -> usize {
        self.shared
            .in_flight
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Stops the worker now: calls in flight fail with [`Error::Closed`]
    /// once the running callback returns (a busy script is not
    /// interrupted; bound it with
    /// [`Builder::cpu_limit`](crate::Builder::cpu_limit)). Timers and
    /// immediates still pending never run.
    pub fn terminate(&self) {
        self.handle.shutdown();
        self.release_hold();
    }

    /// Ends the worker gracefully: no new calls are needed, calls in flight
    /// finish, the loop runs dry, `beforeExit` and `exit` run, and the
    /// thread ends. Returns the exit code.
    ///
    /// # Errors
    ///
    /// [`Error::Panicked`] if the thread panicked.
    pub fn shutdown(self) -> Result<i32, Error> {
        self.release_hold();
        let thread = self.thread.lock().ok().and_then(|mut t| t.take());
        if let Some(thread) = thread {
            if let Err(payload) = thread.join() {
                return Err(Error::Panicked(crate::ffi::panic_message(&*payload)));
            }
        }
        match self.shared.end() {
            Some(End::Exited(code) | End::Finished(code)) => Ok(code),
            Some(End::Panicked(message)) => Err(Error::Panicked(message)),
            None => Ok(0),
        }
    }

    fn release_hold(&self) {
        let hold = self.hold.lock().ok().and_then(|mut h| h.take());
        drop(hold);
    }

    fn send(&self, job: Job) -> WorkerCall {
        let (sender, call) = reply::channel(&self.shared);
        // A refused task is dropped with its sender: the call reports the
        // worker's end.
        let _ = self.handle.submit(move |_| run_job(job, sender));
        call
    }
}

impl Drop for Worker {
    /// Lets the worker end gracefully, without waiting for it.
    fn drop(&mut self) {
        self.release_hold();
    }
}

/// The worker thread: builds the runtime, serves calls until the hold is
/// released or the script exits, and says how it ended.
fn serve<F>(build: F, ready: mpsc::Sender<Result<(jsloop::Handle, jsloop::Hold), Error>>) -> End
where
    F: FnOnce() -> Result<Runtime, Error>,
{
    let rt = match build() {
        Ok(rt) => Rc::new(rt),
        Err(e) => {
            let _ = ready.send(Err(e));
            return End::Finished(0);
        }
    };
    let handle = rt.event_loop().handle();
    let Ok(hold) = handle.hold() else {
        let _ = ready.send(Err(Error::Closed));
        return End::Finished(0);
    };
    if ready.send(Ok((handle.clone(), hold))).is_err() {
        return End::Finished(0);
    }
    RUNTIME.with(|slot| *slot.borrow_mut() = Some(rt.clone()));
    // Cleared even if the loop panics: the runtime must not be left to the
    // thread-local's destructor.
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            let rt = RUNTIME.with(|slot| slot.borrow_mut().take());
            drop(rt);
        }
    }
    let clear = Clear;
    // An uncaught error ends a run, not the worker: it serves on while
    // held (calls in flight go on), until it closes or is released.
    let code = loop {
        let Ok(code) = rt.run() else { break 1 };
        let lp = rt.event_loop();
        if rt.has_exited() || lp.handle().is_terminated() || !lp.is_alive() {
            break code;
        }
    };
    drop(clear);
    let exited = rt.has_exited();
    drop(rt);
    if exited {
        End::Exited(code)
    } else {
        End::Finished(code)
    }
}

/// On the worker thread: starts `job` and answers when it settles.
fn run_job(job: Job, sender: Sender) {
    let Some(rt) = RUNTIME.with(|slot| slot.borrow().clone()) else {
        return;
    };
    let future = match job {
        Job::Eval(source) => rt.eval_async(&source),
        Job::Call(name, args) => rt.call_global_async(&name, args),
        Job::CallHandle(f, args) => rt.call_async(&f, args),
        Job::Import(specifier) => rt.import_async(&specifier),
    };
    // The task answers through `sender`; its own promise is not needed.
    drop(rt.event_loop().spawn_local(async move {
        sender.send(future.await);
    }));
}

//! [`Runtime`]: QuickJS on a jsloop [`EventLoop`], run the way Node runs a script.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::{Rc, Weak};
use std::time::{Duration, Instant};

use jsloop::{EventLoop, Exit, Handle, Hold, VirtualClock};
use rquickjs::{CatchResultExt, Context, Ctx, Function, Module, Persistent, Value};

use crate::error::Error;
use crate::globals::{self, ProcessInfo};
use crate::host::{EngineJobs, Host};
use crate::modules::{FileLoader, FileResolver};
use crate::output::{Output, Stream};
use crate::value::JsValue;

thread_local! {
    /// The hosts of this thread's runtimes, for settling from other threads.
    static HOSTS: RefCell<HashMap<u64, Weak<Host>>> = RefCell::new(HashMap::new());
}

/// The CommonJS wrapper a script runs in (Node's module wrapper).
const CJS_PREFIX: &str = "(function (exports, require, module, __filename, __dirname) {";

static NEXT_RUNTIME: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Configures a [`Runtime`].
#[derive(Debug, Default)]
pub struct Builder {
    argv: Vec<String>,
    output: Output,
    memory_limit: Option<usize>,
    cpu_limit: Option<Duration>,
    virtual_clock: Option<VirtualClock>,
}

impl Builder {
    /// `process.argv` as the script will see it (`[node, script, args...]`).
    pub fn argv(mut self, argv: Vec<String>) -> Self {
        self.argv = argv;
        self
    }

    /// Where console output and error reports go (default: the process's).
    pub fn output(mut self, output: Output) -> Self {
        self.output = output;
        self
    }

    /// The most memory the engine may allocate, in bytes.
    pub fn memory_limit(mut self, bytes: usize) -> Self {
        self.memory_limit = Some(bytes);
        self
    }

    /// The longest one entry into JavaScript (a script, a callback) may run
    /// before it is interrupted with an uncatchable error.
    pub fn cpu_limit(mut self, limit: Duration) -> Self {
        self.cpu_limit = Some(limit);
        self
    }

    /// Runs timers on a virtual clock (jumps to the next deadline instead
    /// of sleeping), for tests.
    pub fn virtual_clock(mut self, clock: VirtualClock) -> Self {
        self.virtual_clock = Some(clock);
        self
    }

    /// Builds the runtime on a new event loop on this thread.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if QuickJS cannot be initialised.
    pub fn build(self) -> Result<Runtime, Error> {
        let lp = match self.virtual_clock {
            Some(clock) => EventLoop::builder().clock(clock).build(),
            None => EventLoop::new(),
        };
        let engine = rquickjs::Runtime::new()?;
        if let Some(limit) = self.memory_limit {
            engine.set_memory_limit(limit);
        }
        engine.set_loader(FileResolver, FileLoader);
        let context = Context::full(&engine)?;
        let host = Host::new(&lp, context.clone(), engine.clone(), self.output);
        let id = NEXT_RUNTIME.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        HOSTS.with(|h| h.borrow_mut().insert(id, Rc::downgrade(&host)));

        let weak = Rc::downgrade(&host);
        engine.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, handled: bool| {
                if let Some(host) = weak.upgrade() {
                    host.track(&ctx, promise, reason, handled);
                }
            },
        )));
        if let Some(limit) = self.cpu_limit {
            host.cpu_limited.set(true);
            let weak = Rc::downgrade(&host);
            engine.set_interrupt_handler(Some(Box::new(move || {
                weak.upgrade()
                    .and_then(|h| h.entered.get())
                    .is_some_and(|t| t.elapsed() > limit)
            })));
        }
        lp.set_job_queue(Some(Rc::new(EngineJobs(Rc::downgrade(&host)))));

        let cwd = std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let info = ProcessInfo {
            argv: self.argv,
            env: std::env::vars().collect(),
            cwd,
        };
        context.with(|ctx| {
            crate::ffi::attach(&ctx, Rc::downgrade(&host));
            let installed = globals::install(&ctx, &host, &info);
            if installed.is_err() {
                crate::ffi::detach(&ctx);
            }
            installed
        })?;
        Ok(Runtime {
            id,
            lp,
            host,
            context,
            engine,
        })
    }
}

/// QuickJS bound to an [`EventLoop`]: Node's timers, microtasks, promises
/// and process events, on the loop thread.
///
/// The runtime owns its loop (one engine, one loop, one thread): it plugs
/// the engine's job queue into the loop's checkpoint, which only works for
/// a loop it controls. Rust code schedules work beside the scripts through
/// [`Runtime::event_loop`], and other threads through its `handle()`.
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{Output, Runtime, Stream};
///
/// let out = Output::capture();
/// let rt = Runtime::builder().output(out.clone()).build().unwrap();
/// rt.run_script("main.js", "setTimeout(() => console.log('later'), 1); console.log('now')")
///     .unwrap();
/// assert_eq!(rt.run(), 0);
/// assert_eq!(out.captured(Stream::Stdout), "now\nlater\n");
/// ```
pub struct Runtime {
    id: u64,
    lp: EventLoop,
    host: Rc<Host>,
    context: Context,
    engine: rquickjs::Runtime,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// A runtime with the defaults: process output, no limits.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if QuickJS cannot be initialised.
    pub fn new() -> Result<Self, Error> {
        Builder::default().build()
    }

    /// A builder for argv, output, limits and the clock.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The event loop the runtime owns and runs on.
    pub fn event_loop(&self) -> &EventLoop {
        &self.lp
    }

    /// Runs `source` as the main script, as Node does: an exception it
    /// throws goes to `uncaughtException` listeners or ends the process
    /// (exit code 1, error on stderr). Call [`Runtime::run`] afterwards.
    ///
    /// # Errors
    ///
    /// [`Error::Exiting`] if the runtime already exited.
    pub fn run_script(&self, name: &str, source: &str) -> Result<(), Error> {
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        let mut options = rquickjs::context::EvalOptions::default();
        options.global = true;
        options.strict = false;
        options.filename = Some(name.to_string());
        // As Node's CommonJS loader: the script is a function body, `this`
        // is `module.exports`, and `var`s stay local to the script.
        let wrapped = format!("{CJS_PREFIX}{source}\n}})");
        let dir = Path::new(name)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.enter(|ctx| {
            let f: Function = match ctx.eval_with_options(wrapped, options) {
                Ok(f) => f,
                Err(_) => {
                    let exception = ctx.catch();
                    self.report_syntax_error(name, source, &exception);
                    self.host.fatal(&ctx, exception);
                    return;
                }
            };
            let r: rquickjs::Result<()> = (|| {
                let module = rquickjs::Object::new(ctx.clone())?;
                let exports = rquickjs::Object::new(ctx.clone())?;
                module.set("exports", exports.clone())?;
                let require: Function = ctx.globals().get("require")?;
                f.call((
                    rquickjs::function::This(exports.clone()),
                    exports,
                    require,
                    module,
                    name,
                    dir.as_str(),
                ))
            })();
            if r.is_err() {
                let exception = ctx.catch();
                self.host.fatal(&ctx, exception);
            }
        });
        Ok(())
    }

    /// Prints where a script failed to compile, as Node does (`file:line`,
    /// the line, a caret), and takes the CommonJS wrapper out of the
    /// position in the error's stack.
    fn report_syntax_error<'js>(&self, name: &str, source: &str, e: &Value<'js>) {
        let Some(obj) = e.as_object() else { return };
        let Ok(stack) = obj.get::<_, String>("stack") else {
            return;
        };
        let marker = format!("{name}:");
        let Some(at) = stack.find(&marker) else {
            return;
        };
        let rest = &stack[at + marker.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let mut parts = rest[..end].split(':').map(str::parse::<usize>);
        let (Some(Ok(line)), Some(Ok(mut column))) = (parts.next(), parts.next()) else {
            return;
        };
        if line == 1 {
            column = column.saturating_sub(CJS_PREFIX.len()).max(1);
        }
        let fixed = format!("{}{name}:{line}:{column}{}", &stack[..at], &rest[end..]);
        let _ = obj.set("stack", fixed);
        let text = source.lines().nth(line - 1).unwrap_or("");
        let caret = " ".repeat(column - 1);
        self.host.output.write(
            Stream::Stderr,
            &format!("{name}:{line}\n{text}\n{caret}^\n\n"),
        );
    }

    /// Reads and runs a script file.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] if the file cannot be read; [`Error::Exiting`] as
    /// for [`Runtime::run_script`].
    pub fn run_file(&self, path: &Path) -> Result<(), Error> {
        let source = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let source = source.strip_prefix("#!").map_or(source.as_str(), |rest| {
            rest.find('\n').map_or("", |i| &rest[i..])
        });
        self.run_script(&Self::script_path(path).display().to_string(), source)
    }

    /// Runs an ES module file; relative `import`s load from the file system.
    /// Top-level `await` works; a rejection of the module's evaluation is
    /// reported like an uncaught exception.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] if the file cannot be read; [`Error::Exiting`] as
    /// for [`Runtime::run_script`].
    pub fn run_module(&self, path: &Path) -> Result<(), Error> {
        let source = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        let name = Self::script_path(path).display().to_string();
        self.enter(|ctx| {
            let r = Module::evaluate(ctx.clone(), name.as_str(), source.as_str());
            match r {
                Ok(promise) => {
                    // Report a failed evaluation once the promise settles.
                    let on_err = fatal_fn(&ctx, Rc::downgrade(&self.host));
                    if let Ok(on_err) = on_err {
                        let then: rquickjs::Result<Function> = promise.get("catch");
                        if let Ok(catch) = then {
                            let _ = catch.call::<_, Value>((
                                rquickjs::function::This(promise.clone()),
                                on_err,
                            ));
                        }
                    }
                }
                Err(_) => {
                    let exception = ctx.catch();
                    self.host.fatal(&ctx, exception);
                }
            }
        });
        Ok(())
    }

    /// Runs the loop until the script is done, as Node does: when the loop
    /// empties, `beforeExit` listeners may schedule more; then `exit`
    /// listeners run. Returns the exit code.
    pub fn run(&self) -> i32 {
        loop {
            let exit = self.lp.run();
            if self.host.exit_code().is_some() || !matches!(exit, Ok(Exit::Idle)) {
                break;
            }
            self.host.before_exit();
            if self.host.exit_code().is_some() || !self.lp.is_alive() {
                break;
            }
        }
        let code = self.host.finish();
        self.host.output.flush();
        code
    }

    /// Evaluates `source` and copies its value out (for embedders; the
    /// exception, if any, is returned rather than reported).
    ///
    /// # Errors
    ///
    /// [`Error::Exception`] with the printed exception.
    pub fn eval(&self, source: &str) -> Result<JsValue, Error> {
        self.enter(|ctx| {
            let r: rquickjs::Result<Value> = ctx.eval(source);
            match r.catch(&ctx) {
                Ok(v) => Ok(JsValue::from_js(&v)),
                Err(e) => Err(Error::Exception(e.to_string())),
            }
        })
    }

    /// Calls the global function `name` with `args` and copies its result.
    ///
    /// # Errors
    ///
    /// [`Error::Exception`] if it throws or is not a function.
    pub fn call_global(&self, name: &str, args: Vec<JsValue>) -> Result<JsValue, Error> {
        self.enter(|ctx| {
            let r: rquickjs::Result<Value> = (|| {
                let f: Function = ctx.globals().get(name)?;
                let mut a = rquickjs::function::Args::new(ctx.clone(), args.len());
                for v in args {
                    a.push_arg(v)?;
                }
                f.call_arg(a)
            })();
            match r.catch(&ctx) {
                Ok(v) => Ok(JsValue::from_js(&v)),
                Err(e) => Err(Error::Exception(e.to_string())),
            }
        })
    }

    /// Exposes a Rust function to JavaScript as the global `name`. It gets
    /// the arguments as [`JsValue`]s; `Err(message)` throws an `Error`.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the global cannot be defined.
    pub fn register_fn<F>(&self, name: &str, f: F) -> Result<(), Error>
    where
        F: Fn(Vec<JsValue>) -> Result<JsValue, String> + 'static,
    {
        let f = Rc::new(f);
        self.context.with(|ctx| {
            let func = sync_fn(&ctx, f)?;
            func.set_name(name)?;
            ctx.globals().set(name, func)
        })?;
        Ok(())
    }

    /// Exposes an asynchronous Rust function: the JavaScript call returns a
    /// promise; `f` gets the arguments and a [`Settler`] that resolves or
    /// rejects it later, from any thread. The loop stays alive until then.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the global cannot be defined.
    pub fn register_async_fn<F>(&self, name: &str, f: F) -> Result<(), Error>
    where
        F: Fn(Vec<JsValue>, Settler) + 'static,
    {
        let f = Rc::new(f);
        let weak = Rc::downgrade(&self.host);
        let (runtime, handle) = (self.id, self.lp.handle());
        self.context.with(|ctx| {
            let func = async_fn(&ctx, weak, runtime, handle, f)?;
            func.set_name(name)?;
            ctx.globals().set(name, func)
        })?;
        Ok(())
    }

    /// Runs `f` inside the engine, marking the entry for the CPU limit.
    fn enter<R>(&self, f: impl FnOnce(Ctx<'_>) -> R) -> R {
        self.host.entered.set(Some(Instant::now()));
        let r = self.context.with(f);
        self.host.entered.set(None);
        r
    }

    /// The path `process.argv[1]` shows for a script path.
    pub fn script_path(path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }

    /// Writes to the runtime's output (for the CLI's own messages).
    pub fn write(&self, stream: Stream, text: &str) {
        self.host.output.write(stream, text);
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Order matters: QuickJS aborts if an engine object outlives the
        // engine. Drop the loop's pending work (its callbacks hold only weak
        // references, but queued closures may own engine values through the
        // host), then every handle the host keeps, then the context.
        self.lp.set_job_queue(None);
        self.lp.close();
        let _ = self.lp.run_nowait();
        self.host.release();
        self.context.with(|ctx| crate::ffi::detach(&ctx));
        HOSTS.with(|h| h.borrow_mut().remove(&self.id));
        self.engine.set_host_promise_rejection_tracker(None);
        self.engine.set_interrupt_handler(None);
    }
}

/// Settles the promise an async host function returned, from any thread.
///
/// Dropped unused, it rejects the promise with an `Error`.
#[derive(Debug)]
pub struct Settler {
    handle: Handle,
    hold: Option<Hold>,
    runtime: u64,
    key: u64,
}

impl Settler {
    /// Fulfils the promise with `value`.
    pub fn resolve(mut self, value: JsValue) {
        self.send(Ok(value));
    }

    /// Rejects the promise with `new Error(message)`.
    pub fn reject(mut self, message: impl Into<String>) {
        self.send(Err(message.into()));
    }

    fn send(&mut self, outcome: Result<JsValue, String>) {
        let Some(hold) = self.hold.take() else {
            return;
        };
        let (runtime, key) = (self.runtime, self.key);
        let _ = self
            .handle
            .submit(move |_: &EventLoop| settle(runtime, key, outcome));
        drop(hold);
    }
}

impl Drop for Settler {
    fn drop(&mut self) {
        self.send(Err("async host function dropped its settler".into()));
    }
}

/// On the loop thread: calls the stored resolve or reject function.
fn settle(runtime: u64, key: u64, outcome: Result<JsValue, String>) {
    let Some(host) = HOSTS.with(|h| h.borrow().get(&runtime).and_then(Weak::upgrade)) else {
        return;
    };
    let Some((resolve, reject)) = host.settlers.borrow_mut().remove(&key) else {
        return;
    };
    host.context.with(|ctx| {
        let r: rquickjs::Result<()> = (|| match outcome {
            Ok(v) => resolve.restore(&ctx)?.call((v,)),
            Err(message) => {
                let error = rquickjs::Exception::from_message(ctx.clone(), &message)?;
                reject.restore(&ctx)?.call((error,))
            }
        })();
        if r.is_err() {
            let _ = ctx.catch();
        }
    });
}

/// A JavaScript function that hands its argument to the fatal path.
fn fatal_fn<'js>(ctx: &Ctx<'js>, weak: Weak<Host>) -> rquickjs::Result<Function<'js>> {
    Function::new(ctx.clone(), move |ctx: Ctx<'js>, e: Value<'js>| {
        if let Some(host) = weak.upgrade() {
            host.fatal(&ctx, e);
        }
    })
}

type SyncHostFn = dyn Fn(Vec<JsValue>) -> Result<JsValue, String>;
type AsyncHostFn = dyn Fn(Vec<JsValue>, Settler);

fn sync_fn<'js>(ctx: &Ctx<'js>, f: Rc<SyncHostFn>) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let args = args.0.iter().map(JsValue::from_js).collect();
            match f(args) {
                Ok(v) => rquickjs::IntoJs::into_js(v, &ctx),
                Err(message) => Err(rquickjs::Exception::throw_message(&ctx, &message)),
            }
        },
    )
}

fn async_fn<'js>(
    ctx: &Ctx<'js>,
    weak: Weak<Host>,
    runtime: u64,
    handle: Handle,
    f: Rc<AsyncHostFn>,
) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let (promise, resolve, reject) = ctx.promise()?;
            let Some(host) = weak.upgrade() else {
                return Ok(promise.into_value());
            };
            let key = host.next_settler.get();
            host.next_settler.set(key + 1);
            host.settlers.borrow_mut().insert(
                key,
                (
                    Persistent::save(&ctx, resolve),
                    Persistent::save(&ctx, reject),
                ),
            );
            let settler = Settler {
                handle: handle.clone(),
                hold: handle.hold().ok(),
                runtime,
                key,
            };
            f(args.0.iter().map(JsValue::from_js).collect(), settler);
            Ok(promise.into_value())
        },
    )
}

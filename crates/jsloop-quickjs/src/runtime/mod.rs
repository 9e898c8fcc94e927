//! [`Runtime`]: QuickJS on a jsloop [`EventLoop`], run the way Node runs a script.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::{Rc, Weak};
use std::time::Instant;

use jsloop::{EventLoop, Exit};
use rquickjs::{CatchResultExt, Context, Ctx, Function, Module, Value};

use crate::error::Error;
use crate::host::Host;
use crate::output::Stream;
use crate::value::JsValue;

mod builder;
mod embed;

pub use builder::Builder;
pub use embed::Settler;

thread_local! {
    /// The hosts of this thread's runtimes, for settling from other threads.
    static HOSTS: RefCell<HashMap<u64, Weak<Host>>> = RefCell::new(HashMap::new());
}

/// The CommonJS wrapper a script runs in (Node's module wrapper).
const CJS_PREFIX: &str = "(function (exports, require, module, __filename, __dirname) {";

static NEXT_RUNTIME: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

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
                Ok(v) => Ok(JsValue::from_js(&ctx, &v)?),
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
                Ok(v) => Ok(JsValue::from_js(&ctx, &v)?),
                Err(e) => Err(Error::Exception(e.to_string())),
            }
        })
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

/// A JavaScript function that hands its argument to the fatal path.
fn fatal_fn<'js>(ctx: &Ctx<'js>, weak: Weak<Host>) -> rquickjs::Result<Function<'js>> {
    Function::new(ctx.clone(), move |ctx: Ctx<'js>, e: Value<'js>| {
        if let Some(host) = weak.upgrade() {
            host.fatal(&ctx, e);
        }
    })
}

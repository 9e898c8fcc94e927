//! [`Runtime`]: QuickJS on a jsloop [`EventLoop`], run the way Node runs a script.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use jsloop::{EventLoop, Exit};
use rquickjs::{Context, Function, Module, Value};

use crate::error::Error;
use crate::host::{Entry, Host};
use crate::modules::{Format, Modules};
use crate::output::Stream;

mod builder;
mod bytes;
mod call;
mod embed;
mod native;

pub use builder::Builder;
pub(crate) use builder::PanicHook;
pub use embed::Settler;
pub use native::NativeModule;

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
/// assert_eq!(rt.run().unwrap(), 0);
/// assert_eq!(out.captured(Stream::Stdout), "now\nlater\n");
/// ```
///
/// # Lifecycle
///
/// A runtime serves any number of *runs*. A run starts with the first
/// script, module or call after the previous run (or the build) and ends
/// when [`Runtime::run`] returns its exit code:
///
/// - **Natural end**: the loop ran dry; `beforeExit` listeners ran (and
///   may have scheduled more), then `exit` listeners. Code: `process.exitCode`
///   or 0.
/// - **Uncaught error** (no `uncaughtException` listener took it): the
///   error is printed and `exit` listeners run, as in Node; no more
///   JavaScript runs in that run, and [`Runtime::run`] returns 1 (or the
///   `exitCode` a listener set) once the loop's turn ends. Work the run left
///   pending (timers, open handles, promises) stays with the runtime and
///   goes on in the next run, as in Node's REPL. A [`Runtime::block_on`]
///   waiting meanwhile gives [`Error::Exiting`].
/// - **`process.exit`**: ends the runtime for good (its loop closes, pending
///   work is dropped; everything afterwards gives [`Error::Exiting`]), unless
///   built with [`Builder::exit_ends_runtime`]`(false)`: then it ends the
///   run like an uncaught error does.
///
/// After a run ended, the next script or call starts a new run with its
/// own `beforeExit`/`exit` events and exit code; listeners, globals and
/// modules stay. Between an early end and [`Runtime::run`] returning,
/// starting more gives [`Error::Exiting`]. Dropping the runtime closes it
/// (pending work is dropped, handles kept by the embedder go dead).
///
/// ```
/// use jsloop_quickjs::{Output, Runtime, Stream};
///
/// let out = Output::capture();
/// let rt = Runtime::builder().output(out.clone()).build().unwrap();
/// rt.run_script("bad.js", "process.on('exit', (c) => console.log('exit', c)); setTimeout(() => { throw new TypeError('nope') }, 1)").unwrap();
/// assert_eq!(rt.run().unwrap(), 1);
/// rt.run_script("good.js", "console.log('again')").unwrap();
/// assert_eq!(rt.run().unwrap(), 0);
/// assert_eq!(out.captured(Stream::Stdout), "exit 1\nagain\nexit 0\n");
/// ```
pub struct Runtime {
    lp: EventLoop,
    host: Rc<Host>,
    context: Context,
    engine: rquickjs::Runtime,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
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

    /// Runs `f` with the engine locked, for tests that reach inside it.
    #[cfg(test)]
    pub(crate) fn with_ctx<R>(&self, f: impl FnOnce(&rquickjs::Ctx<'_>) -> R) -> R {
        self.host.with_ctx(f)
    }

    /// Runs `source` as the main script, as Node does: in the CommonJS
    /// wrapper (`this` is `module.exports`, `var`s stay local), with the
    /// script's own line and column numbers in stack traces; an exception
    /// it throws goes to `uncaughtException` listeners or ends the process
    /// (exit code 1, error on stderr). Call [`Runtime::run`] afterwards.
    ///
    /// # Errors
    ///
    /// [`Error::Exiting`] if the runtime already exited.
    pub fn run_script(&self, name: &str, source: &str) -> Result<(), Error> {
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        self.host.with_ctx(|ctx| {
            let f = match crate::globals::module::compile(ctx, &self.host, source, name) {
                Ok(f) => f,
                Err(_) => {
                    let exception = ctx.catch();
                    self.report_syntax_error(name, source, &exception);
                    self.host.fatal(ctx, exception, false);
                    return;
                }
            };
            self.host.budgeted(|| {
                let r: rquickjs::Result<()> = (|| {
                    let dispatch = self.host.dispatch().ok_or(rquickjs::Error::Unknown)?;
                    let run: Function = dispatch.get(ctx, Entry::RunMain)?;
                    run.call((f, name))
                })();
                if let Err(e) = r {
                    self.host.route(ctx, e);
                }
            });
        });
        Ok(())
    }

    /// Prints where a script failed to compile, as Node does (`file:line`,
    /// the line, a caret under the column).
    fn report_syntax_error(&self, name: &str, source: &str, e: &Value<'_>) {
        let Some(obj) = e.as_object() else { return };
        let Ok(stack) = obj.get::<_, rquickjs::Coerced<String>>("stack") else {
            return;
        };
        let marker = format!("{name}:");
        let Some(at) = stack.0.find(&marker) else {
            return;
        };
        let rest = &stack.0[at + marker.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let mut parts = rest[..end].split(':').map(str::parse::<usize>);
        let (Some(Ok(line)), Some(Ok(column))) = (parts.next(), parts.next()) else {
            return;
        };
        let Some(text) = line.checked_sub(1).and_then(|i| source.lines().nth(i)) else {
            return;
        };
        let caret = " ".repeat(column.saturating_sub(1));
        self.host.output.write(
            Stream::Stderr,
            &format!("{name}:{line}\n{text}\n{caret}^\n\n"),
        );
    }

    /// Reads and runs a script file (bytes that are not UTF-8 decode to
    /// U+FFFD, as Node reads source; a leading `#!` line is skipped).
    ///
    /// # Errors
    ///
    /// [`Error::Read`] if the file cannot be read; [`Error::Exiting`] as
    /// for [`Runtime::run_script`].
    pub fn run_file(&self, path: &Path) -> Result<(), Error> {
        let source = read_source(path)?;
        let source = source
            .strip_prefix("#!")
            .map_or(&*source, |rest| rest.find('\n').map_or("", |i| &rest[i..]));
        let name = Self::script_path(path).display().to_string();
        let (format, typeless) = self.host.modules.main_format(Path::new(&name));
        if format == Format::Module {
            return self.run_module_source(&name, source);
        }
        if typeless
            && Modules::has_module_syntax(source)
            && !self.compiles_as_commonjs(&name, source)
        {
            // As Node 20.20: a file no "type" claims that does not parse as
            // CommonJS but has module syntax runs as an ES module.
            let warns = Modules::warns_when_detected(source);
            if let Some(pj) = warns
                .then(|| self.host.modules.typeless_warning(Path::new(&name)))
                .flatten()
            {
                self.warn_typeless(&name, &pj);
            }
            return self.run_module_source(&name, source);
        }
        self.run_script(&name, source)
    }

    /// Whether `source` compiles as a CommonJS module (nothing runs).
    fn compiles_as_commonjs(&self, name: &str, source: &str) -> bool {
        self.host
            .with_ctx(|ctx| crate::globals::module::parses_as_commonjs(ctx, source, name))
    }

    /// Node's MODULE_TYPELESS_PACKAGE_JSON warning.
    fn warn_typeless(&self, file: &str, package_json: &Path) {
        self.host
            .enter(|ctx| crate::modules::esm::warn_typeless(ctx, file, package_json));
    }

    /// Loads `specifier` before the main script, as `node -r` does: resolved
    /// from the working directory (CommonJS, a built-in or a native module);
    /// an error it throws is reported like any uncaught error.
    ///
    /// # Errors
    ///
    /// [`Error::Exiting`] if the runtime already exited.
    pub fn preload(&self, specifier: &str) -> Result<(), Error> {
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        self.host.enter(|ctx| {
            let dispatch = self.host.dispatch().ok_or(rquickjs::Error::Unknown)?;
            let preload: Function = dispatch.get(ctx, Entry::Preload)?;
            preload.call::<_, ()>((specifier,))
        });
        Ok(())
    }

    /// Imports `specifier` before the main script, as `node --import` does:
    /// resolved from the working directory as an `import` (a file, a
    /// package or a built-in), and evaluated to its end — top-level `await`
    /// included — before this returns: the loop runs meanwhile, so timers
    /// it sets may fire. An error it throws is reported like any uncaught
    /// error (the process then exits and [`Runtime::run`] gives its code).
    ///
    /// # Errors
    ///
    /// [`Error::Exiting`] if the runtime already exited;
    /// [`Error::Reentrant`] if called from inside the loop.
    pub fn import_preload(&self, specifier: &str) -> Result<(), Error> {
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        if self.host.is_locked() {
            return Err(Error::Reentrant);
        }
        let settled = Rc::new(std::cell::Cell::new(false));
        let flag = settled.clone();
        self.host.enter(|ctx| {
            let dispatch = self.host.dispatch().ok_or(rquickjs::Error::Unknown)?;
            let import: Function = dispatch.get(ctx, Entry::ImportPreload)?;
            let done = Function::new(ctx.clone(), move || flag.set(true))?;
            import.call::<_, ()>((specifier, done))
        });
        self.lp
            .run_until(|_| settled.get() || self.host.exit_code().is_some())
            .map_err(|_| Error::Reentrant)?;
        Ok(())
    }

    /// How many module files the runtime read (each at most once).
    pub fn modules_read(&self) -> usize {
        self.host.modules.reads()
    }

    /// Runs an ES module file; `import`s resolve as in Node (built-ins,
    /// relative files, packages under `node_modules`), files only as the
    /// [`Permissions`](crate::Permissions) allow.
    /// Top-level `await` works; a rejection of the module's evaluation is
    /// reported like an uncaught exception, and an evaluation that never
    /// settles ends with exit code 13, as in Node.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] if the file cannot be read; [`Error::Exiting`] as
    /// for [`Runtime::run_script`].
    pub fn run_module(&self, path: &Path) -> Result<(), Error> {
        let source = read_source(path)?;
        let name = Self::script_path(path).display().to_string();
        self.run_module_source(&name, &source)
    }

    /// Runs `source` as an ES module named `name` (an absolute path: its
    /// `import`s resolve from its directory and `import.meta` describes
    /// it), as `node --input-type=module` runs code that is not in a file.
    ///
    /// # Errors
    ///
    /// [`Error::Exiting`] as for [`Runtime::run_script`].
    pub fn run_module_source(&self, name: &str, source: &str) -> Result<(), Error> {
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        self.host.with_ctx(|ctx| {
            let evaluated = self.host.budgeted(|| {
                let source = self.host.modules.note_declared(name, source);
                let module = Module::declare(ctx.clone(), name, source)?;
                crate::modules::esm::set_meta(ctx, &module, Path::new(name))?;
                module.eval().map(|(_, promise)| promise)
            });
            let r = evaluated.and_then(|promise| {
                let dispatch = self.host.dispatch().ok_or(rquickjs::Error::Unknown)?;
                let watch: Function = dispatch.get(ctx, Entry::MainModule)?;
                let package = self.host.modules.module_package(Path::new(name));
                let package = package.map(|p| p.display().to_string());
                watch.call::<_, ()>((promise, package))
            });
            if let Err(e) = r {
                let exception = match e {
                    rquickjs::Error::Exception => ctx.catch(),
                    other => {
                        self.host.route(ctx, other);
                        return;
                    }
                };
                self.node_link_error(&exception);
                self.host.fatal(ctx, exception, false);
            }
        });
        Ok(())
    }

    /// Rewrites the engine's "export not found" link error to Node's words.
    fn node_link_error(&self, exception: &Value<'_>) {
        let Some(obj) = exception.as_object() else {
            return;
        };
        let Ok(message) = obj.get::<_, String>("message") else {
            return;
        };
        if let Some(node) = self.host.modules.link_error_message(&message) {
            let _ = obj.set("message", node.as_str());
            // Linking runs no JavaScript: the one frame names that step.
            let _ = obj.set(
                "stack",
                format!("SyntaxError: {node}\n    at link (<anonymous>)"),
            );
        }
    }

    /// Runs the loop until the script is done, as Node does: when the loop
    /// empties, `beforeExit` listeners may schedule more (their ticks and
    /// microtasks run right after them); then `exit` listeners run.
    /// Returns the exit status a process would end with: the code the
    /// script set, as its low 8 bits (`process.exit(-1)` gives 255,
    /// `process.exit(300)` 44), as in Node.
    ///
    /// The runtime can evaluate and run again afterwards; see
    /// [the lifecycle](Runtime#lifecycle).
    ///
    /// # Errors
    ///
    /// [`Error::Reentrant`] when called from inside the runtime (a host
    /// function or a loop callback).
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{Output, Runtime, Stream};
    ///
    /// let out = Output::capture();
    /// let rt = Runtime::builder().output(out.clone()).build().unwrap();
    /// rt.run_script("one.js", "process.on('exit', (c) => console.log('exit', c)); process.exitCode = 3").unwrap();
    /// assert_eq!(rt.run().unwrap(), 3);
    /// rt.run_script("two.js", "setTimeout(() => console.log('again'), 1)").unwrap();
    /// assert_eq!(rt.run().unwrap(), 0);
    /// assert_eq!(out.captured(Stream::Stdout), "exit 3\nagain\nexit 0\n");
    /// ```
    pub fn run(&self) -> Result<i32, Error> {
        if self.host.is_locked() {
            return Err(Error::Reentrant);
        }
        if self.host.loop_start.get().is_none() {
            self.host.loop_start.set(Some(self.lp.hrtime()));
        }
        loop {
            // An uncaught error ends the run at the end of its turn.
            let exit = self
                .lp
                .run_until(|_| self.host.exit_code().is_some())
                .map_err(|_| Error::Reentrant)?;
            if self.host.exit_code().is_some() || !matches!(exit, Exit::Idle) {
                break;
            }
            self.host.before_exit();
            // A checkpoint: the ticks and microtasks beforeExit queued.
            self.lp.run_until(|_| true).map_err(|_| Error::Reentrant)?;
            if self.host.exit_code().is_some() || !self.lp.is_alive() {
                break;
            }
        }
        self.host.loop_exit.set(Some(self.lp.hrtime()));
        let code = self.host.finish();
        self.host.output.flush();
        self.host.next_run();
        Ok(code & 0xff)
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

/// A source file as text: invalid UTF-8 decodes to U+FFFD (the WHATWG
/// decoder's rule, as Node reads source files), a byte-order mark is
/// dropped.
fn read_source(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = match String::from_utf8_lossy(&bytes) {
        Cow::Borrowed(s) => s.to_owned(),
        Cow::Owned(s) => s,
    };
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Order matters: QuickJS aborts if an engine object outlives the
        // engine. Drop the loop's pending work (its callbacks own engine
        // handles), then every handle the host keeps, then the context's.
        self.lp.set_job_queue(None);
        self.lp.close();
        let _ = self.lp.run_nowait();
        self.host.release();
        self.context.with(|ctx| crate::globals::uninstall(&ctx));
        self.engine.set_host_promise_rejection_tracker(None);
        self.engine.set_interrupt_handler(None);
    }
}

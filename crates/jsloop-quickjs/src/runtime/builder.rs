//! [`Builder`]: how a [`Runtime`] is made.

use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, PanicReport, VirtualClock};
use rquickjs::{Context, Ctx, Value};

use super::Runtime;
use crate::error::Error;
use crate::globals::{self, ProcessInfo};
use crate::heap::EngineHeap;
use crate::host::{EngineJobs, Host};
use crate::modules::esm::{EsmLoader, EsmResolver};
use crate::modules::{Modules, Permissions};
use crate::output::Output;

/// A panic hook shared by the loop and the host functions.
pub(crate) type PanicHook = Rc<dyn Fn(&PanicReport)>;

/// Configures a [`Runtime`].
#[derive(Default)]
pub struct Builder {
    argv: Vec<String>,
    output: Output,
    memory_limit: Option<usize>,
    gc_threshold: Option<usize>,
    fatal_heap_limit: Option<usize>,
    cpu_limit: Option<Duration>,
    virtual_clock: Option<VirtualClock>,
    panic_hook: Option<PanicHook>,
    permissions: Permissions,
    exit_ends_runtime: Option<bool>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("argv", &self.argv)
            .field("memory_limit", &self.memory_limit)
            .field("gc_threshold", &self.gc_threshold)
            .field("cpu_limit", &self.cpu_limit)
            .finish_non_exhaustive()
    }
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

    /// When the engine first runs its cycle collector: once it holds more
    /// than `bytes` (QuickJS's default is 256 KiB). Setting it also keeps
    /// QuickJS's own schedule, where after each run the next threshold is
    /// half as much again as what is still live; by default a run that
    /// freed less than an eighth of the heap sets it to twice what is live,
    /// so a heap growing with live data is not scanned again and again.
    /// `usize::MAX` turns automatic collection off: garbage without
    /// cycles is still freed at once (reference counting), cycles only
    /// when the runtime is dropped. For instruction-exact profiles, whose
    /// counts must not depend on where a collection happens to fall.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::Runtime;
    ///
    /// let rt = Runtime::builder().gc_threshold(usize::MAX).build()?;
    /// rt.run_script("main.js", "let a = {}; a.self = a;")?;
    /// assert_eq!(rt.run()?, 0);
    /// # Ok::<(), jsloop_quickjs::Error>(())
    /// ```
    pub fn gc_threshold(mut self, bytes: usize) -> Self {
        self.gc_threshold = Some(bytes);
        self
    }

    /// Ends the process as node does at its heap limit once the engine
    /// holds more than `bytes`: prints node's `FATAL ERROR: Reached heap
    /// limit Allocation failed - JavaScript heap out of memory` line to
    /// stderr and aborts (SIGABRT; a shell reports exit code 134). No
    /// script can catch it. Off by default: only a program that stands for
    /// the whole process, such as the `jsloop` command, should ask for it.
    pub fn fatal_heap_limit(mut self, bytes: usize) -> Self {
        self.fatal_heap_limit = Some(bytes);
        self
    }

    /// The longest one entry into JavaScript (a script, a callback, one
    /// microtask checkpoint's promise jobs) may run, measured on the
    /// loop's clock, before it is interrupted with an uncatchable error.
    /// Time the loop spends waiting never counts.
    pub fn cpu_limit(mut self, limit: Duration) -> Self {
        self.cpu_limit = Some(limit);
        self
    }

    /// Runs timers on a virtual clock (jumps to the next deadline instead
    /// of sleeping), for tests; every JavaScript time API reads it too.
    pub fn virtual_clock(mut self, clock: VirtualClock) -> Self {
        self.virtual_clock = Some(clock);
        self
    }

    /// What scripts may reach outside the engine (default: nothing; the
    /// `jsloop` command grants everything, as `node` does).
    pub fn permissions(mut self, permissions: Permissions) -> Self {
        self.permissions = permissions;
        self
    }

    /// Whether `process.exit` ends the runtime for good (default: yes,
    /// as it ends Node's process). With `false` it ends only the run, as
    /// an uncaught error does: [`Runtime::run`] returns its code and the
    /// runtime can run again (a plugin host whose plugins may call it).
    /// See [the lifecycle](Runtime#lifecycle).
    pub fn exit_ends_runtime(mut self, ends: bool) -> Self {
        self.exit_ends_runtime = Some(ends);
        self
    }

    /// Called with every panic the runtime catches: in loop callbacks and
    /// in host functions (which also throw a JavaScript error where they
    /// were called). Default: a line on stderr.
    pub fn panic_hook(mut self, hook: impl Fn(&PanicReport) + 'static) -> Self {
        self.panic_hook = Some(Rc::new(hook));
        self
    }

    /// Builds the runtime on a new event loop on this thread.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if QuickJS cannot be initialised.
    pub fn build(self) -> Result<Runtime, Error> {
        let hook: PanicHook = self.panic_hook.unwrap_or_else(|| {
            Rc::new(|report: &PanicReport| {
                eprintln!(
                    "jsloop: a {} callback panicked: {}",
                    report.kind,
                    report.message().unwrap_or("a non-string payload")
                );
            })
        });
        let mut lp = EventLoop::builder().track_idle_time(true);
        if let Some(clock) = self.virtual_clock {
            lp = lp.clock(clock);
        }
        let h = hook.clone();
        let lp = lp.panic_hook(move |report| h(report)).build();
        // An explicit threshold without a limit leaves nothing for the
        // counting allocator to do: QuickJS's own allocator then.
        let heap = (self.fatal_heap_limit.is_some() || self.gc_threshold.is_none())
            .then(|| EngineHeap::new(self.fatal_heap_limit, self.gc_threshold.is_none()));
        let engine = match &heap {
            Some(heap) => rquickjs::Runtime::new_with_alloc(heap.allocator())?,
            None => rquickjs::Runtime::new()?,
        };
        if let Some(limit) = self.memory_limit {
            engine.set_memory_limit(limit);
        }
        if let Some(bytes) = self.gc_threshold {
            engine.set_gc_threshold(bytes);
        }
        let env: Vec<_> = std::env::vars()
            .filter(|(name, _)| self.permissions.may_read_env(name))
            .collect();
        let modules = Rc::new(Modules::new(self.permissions));
        engine.set_loader(EsmResolver(modules.clone()), EsmLoader(modules.clone()));
        let context = Context::full(&engine)?;
        if let Some(heap) = &heap {
            context.with(|ctx| heap.attach(&ctx));
        }
        let host = Host::new(
            &lp,
            context.clone(),
            engine.clone(),
            self.output,
            modules,
            self.cpu_limit,
            hook,
        );
        host.exit_ends_runtime
            .set(self.exit_ends_runtime.unwrap_or(true));

        let weak = Rc::downgrade(&host);
        engine.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, handled: bool| {
                if let Some(host) = weak.upgrade() {
                    host.track(&ctx, promise, reason, handled);
                }
            },
        )));
        if self.cpu_limit.is_some() {
            let weak = Rc::downgrade(&host);
            engine.set_interrupt_handler(Some(Box::new(move || {
                weak.upgrade().is_some_and(|h| h.interrupt_now())
            })));
        }
        lp.set_job_queue(Some(Rc::new(EngineJobs(Rc::downgrade(&host)))));

        let cwd = std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let info = ProcessInfo {
            argv: self.argv,
            env,
            cwd,
        };
        context.with(|ctx| {
            let installed = globals::install(&ctx, &host, &info);
            if installed.is_err() {
                globals::uninstall(&ctx);
            }
            installed
        })?;
        Ok(Runtime {
            lp,
            host,
            context,
            engine,
        })
    }
}

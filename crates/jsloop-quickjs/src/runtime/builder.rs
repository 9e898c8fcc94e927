//! [`Builder`]: how a [`Runtime`] is made.

use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, VirtualClock};
use rquickjs::{Context, Ctx, Value};

use super::{Runtime, HOSTS, NEXT_RUNTIME};
use crate::error::Error;
use crate::globals::{self, ProcessInfo};
use crate::host::{EngineJobs, Host};
use crate::modules::{FileLoader, FileResolver};
use crate::output::Output;

/// Configures a [`Runtime`].
#[derive(Debug, Default)]
pub struct Builder {
    argv: Vec<String>,
    output: Output,
    memory_limit: Option<usize>,
    fatal_heap_limit: Option<usize>,
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
        let heap = self.fatal_heap_limit.map(crate::heap::HeapLimit::new);
        let engine = match &heap {
            Some(heap) => rquickjs::Runtime::new_with_alloc(heap.allocator())?,
            None => rquickjs::Runtime::new()?,
        };
        if let Some(limit) = self.memory_limit {
            engine.set_memory_limit(limit);
        }
        engine.set_loader(FileResolver, FileLoader);
        let context = Context::full(&engine)?;
        if let Some(heap) = &heap {
            context.with(|ctx| heap.attach(&ctx));
        }
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

//! Host jobs in the engine's own FIFO (what `queueMicrotask` needs).

use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::mem::{align_of, size_of};
use std::ptr;

use rquickjs::qjs;

/// The job [`enqueue_call`] queues: calls its one argument with no arguments and
/// `this` undefined, as `queueMicrotask` does.
unsafe extern "C" fn call_job(
    ctx: *mut qjs::JSContext,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc < 1 {
        return qjs::JS_UNDEFINED;
    }
    // SAFETY: QuickJS passes the values given to JS_EnqueueJob (one, the
    // callback), owned by the job for the duration of this call; JS_Call
    // does not take ownership of the function or `this`.
    unsafe { qjs::JS_Call(ctx, *argv, qjs::JS_UNDEFINED, 0, std::ptr::null_mut()) }
}

/// Puts a job calling `callback` (with no arguments, `this` undefined)
/// at the end of the engine's job queue; false (an exception pending) if
/// it could not.
///
/// # Safety
///
/// `ctx` is live and locked, `callback` a live value of it (the job takes
/// its own reference).
pub(crate) unsafe fn enqueue_call(ctx: *mut qjs::JSContext, mut callback: qjs::JSValue) -> bool {
    // SAFETY: per the contract; JS_EnqueueJob copies the one value.
    unsafe { qjs::JS_EnqueueJob(ctx, Some(call_job), 1, &mut callback) >= 0 }
}

/// The bytes QuickJS allocates for a job of one argument: its
/// `JSJobEntry` (list link, context, function, argument count) and one
/// `JSValue`. A block of this size comes from the same arena size class.
pub(crate) const ONE_ARGUMENT_JOB: usize = {
    let head = 4 * size_of::<*const c_void>() + size_of::<c_int>();
    let align = align_of::<qjs::JSValue>();
    head.div_ceil(align) * align + size_of::<qjs::JSValue>()
};

/// One engine block of a one-argument job's size, held to keep an arena
/// of that size class from emptying.
///
/// QuickJS frees an arena as soon as its last block is freed. With every
/// arena of the class full, a chain of jobs each queueing the next puts
/// every other entry alone in a new arena, freed when that job has run:
/// an arena made and freed every other job. A block [`renew`](Self::renew)ed
/// right after a job landed in a new arena shares that arena and keeps it.
pub(crate) struct SpareJob(Cell<*mut c_void>);

impl SpareJob {
    pub(crate) const fn new() -> Self {
        Self(Cell::new(ptr::null_mut()))
    }

    /// Takes a new block of a job's size (from the arena of that class
    /// with room that QuickJS made last) and frees the one held before;
    /// keeps the old one if the engine has no memory for a new one.
    ///
    /// # Safety
    ///
    /// `ctx` is live and locked, of the runtime any held block came from.
    pub(crate) unsafe fn renew(&self, ctx: *mut qjs::JSContext) {
        // SAFETY: per the contract; js_malloc_rt only allocates (it throws
        // nothing and returns null on failure).
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx);
            let block = qjs::js_malloc_rt(rt, ONE_ARGUMENT_JOB as _);
            if !block.is_null() {
                qjs::js_free_rt(rt, self.0.replace(block));
            }
        }
    }

    /// Frees the held block, if any.
    ///
    /// # Safety
    ///
    /// As for [`renew`](Self::renew).
    pub(crate) unsafe fn release(&self, ctx: *mut qjs::JSContext) {
        // SAFETY: per the contract; js_free_rt ignores null.
        unsafe { qjs::js_free_rt(qjs::JS_GetRuntime(ctx), self.0.replace(ptr::null_mut())) }
    }
}

impl std::fmt::Debug for SpareJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SpareJob")
            .field(&!self.0.get().is_null())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::c_int;

    use rquickjs::{qjs, Context, Ctx, Runtime, Value};

    /// `defer(fn)`: a job calling `fn`.
    unsafe extern "C" fn defer(
        ctx: *mut qjs::JSContext,
        _func: qjs::JSValue,
        _this: qjs::JSValue,
        argc: c_int,
        argv: *mut qjs::JSValue,
        _flags: c_int,
    ) -> qjs::JSValue {
        assert!(argc >= 1);
        // SAFETY: a raw call: live context, one live argument.
        if unsafe { super::enqueue_call(ctx, *argv) } {
            qjs::JS_UNDEFINED
        } else {
            qjs::JS_EXCEPTION
        }
    }

    fn defer_function<'js>(ctx: &Ctx<'js>) -> Value<'js> {
        crate::ffi::function(ctx, defer, c"defer", 1).unwrap()
    }

    #[test]
    fn deferred_calls_run_in_fifo_order_with_promise_jobs() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let defer = defer_function(&ctx);
            ctx.globals().set("defer", defer).unwrap();
            let _: () = ctx
                .eval(
                    "globalThis.log = [];
                     defer(function () { log.push('a:' + (this === undefined) + arguments.length); });
                     Promise.resolve().then(() => log.push('b'));
                     defer(() => log.push('c'));",
                )
                .unwrap();
        });
        while rt.execute_pending_job().unwrap() {}
        ctx.with(|ctx| {
            let log: String = ctx.eval("log.join()").unwrap();
            assert_eq!(log, "a:true0,b,c");
        });
    }

    #[test]
    fn a_throwing_deferred_call_is_the_job_error() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let defer = defer_function(&ctx);
            ctx.globals().set("defer", defer).unwrap();
            let _: () = ctx
                .eval("defer(() => { throw new Error('boom'); })")
                .unwrap();
        });
        let err = rt.execute_pending_job().unwrap_err();
        err.0.with(|ctx| {
            let e = ctx.catch();
            let message: String = e.as_object().unwrap().get("message").unwrap();
            assert_eq!(message, "boom");
        });
    }
}

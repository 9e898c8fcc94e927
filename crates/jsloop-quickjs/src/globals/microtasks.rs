//! `queueMicrotask`: a host job in the engine's own FIFO, the queue
//! promise reactions use.
//!
//! A job that lands in an arena the engine has just made is followed by a
//! spare block of its size ([`ffi::SpareJob`]), so that a chain of jobs
//! each queueing the next does not make and free an arena every other job.

use rquickjs::{qjs, Ctx, Object};

use super::timers::throw_callback_error;
use super::{slot, Slot};
use crate::ffi::{self, raw_fn, RawFn};
use crate::heap;

raw_fn!(
/// `queueMicrotask(callback)`; Node's `ERR_INVALID_ARG_TYPE` for a
/// non-function.
queue_microtask, |ctx, argc, argv| {
    let callback = ffi::arg(argc, argv, 0);
    if !ffi::is_function(ctx, callback) {
        return not_a_function(ctx, callback);
    }
    let made = heap::arenas_made();
    if !ffi::enqueue_call(ctx, callback) {
        return ffi::exception();
    }
    if heap::arenas_made() != made {
        keep_new_arena(ctx);
    }
    ffi::undefined()
});

/// Pins the arena the job just queued landed in (alone: it was made for
/// it) with a spare block of its size class.
///
/// # Safety
///
/// `ctx` is the live, locked context of a raw call.
#[cold]
#[inline(never)]
unsafe fn keep_new_arena(ctx: *mut qjs::JSContext) {
    // SAFETY: per the contract; the slot's block is of this runtime.
    unsafe {
        if let Some(slot) = ffi::slot::<Slot>(ctx) {
            slot.spare_job.renew(ctx);
        }
    }
}

/// `queueMicrotask` as a plain C function: as a class hook
/// ([`ffi::function`]) it made `microtask_chain` ~40% slower (see
/// `ffi::native`).
unsafe extern "C" fn queue_microtask_c(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let f: RawFn = queue_microtask;
    // SAFETY: QuickJS calls a C function as it calls a raw one (live
    // context, `argc` live values at `argv`); the hook's other arguments
    // are unused.
    unsafe { f(ctx, qjs::JS_UNDEFINED, this, argc, argv, 0) }
}

/// Throws Node's error for a non-function callback (out of line, so the
/// hot path keeps a small frame).
///
/// # Safety
///
/// `ctx` is the live, locked context of a raw call and `callback` a live
/// value of it.
#[cold]
#[inline(never)]
unsafe fn not_a_function(ctx: *mut qjs::JSContext, callback: qjs::JSValue) -> qjs::JSValue {
    // SAFETY: per the contract.
    let Some((_, host)) = (unsafe { slot(ctx) }) else {
        return ffi::undefined();
    };
    // SAFETY: per the contract.
    throw_callback_error(&unsafe { ffi::ctx_of(ctx) }, &host, callback)
}

/// Puts `queueMicrotask` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set(
        "queueMicrotask",
        ffi::c_function(ctx, queue_microtask_c, c"queueMicrotask", 1)?,
    )
}

#[cfg(test)]
mod tests {
    use std::ffi::c_void;

    use rquickjs::qjs;

    use crate::{ffi, heap, Runtime};

    /// Fills the arenas of a one-argument job's size class but for one
    /// block: takes blocks of that size until one needs a new arena, then
    /// frees that one (and its arena with it) and the one before. Returns
    /// the blocks held.
    fn fill_job_arenas(rt: &Runtime) -> Vec<*mut c_void> {
        rt.with_ctx(|ctx| {
            // SAFETY: `ctx` is live and locked.
            let engine = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
            let mut held = Vec::new();
            loop {
                let made = heap::arenas_made();
                // SAFETY: as above.
                let block = unsafe { qjs::js_malloc_rt(engine, ffi::ONE_ARGUMENT_JOB as _) };
                assert!(!block.is_null());
                if heap::arenas_made() != made {
                    let last = held.pop().expect("a block before a new arena");
                    // SAFETY: both were taken from this engine.
                    unsafe {
                        qjs::js_free_rt(engine, block);
                        qjs::js_free_rt(engine, last);
                    }
                    return held;
                }
                held.push(block);
            }
        })
    }

    fn free_blocks(rt: &Runtime, blocks: Vec<*mut c_void>) {
        rt.with_ctx(|ctx| {
            // SAFETY: `ctx` is live and locked.
            let engine = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
            for block in blocks {
                // SAFETY: each was taken from this engine and is held.
                unsafe { qjs::js_free_rt(engine, block) };
            }
        });
    }

    #[test]
    fn a_chain_of_microtasks_does_not_churn_arenas_when_they_are_full() {
        const JOBS: u32 = 2000;
        let rt = Runtime::new().unwrap();
        rt.eval(&format!(
            "globalThis.n = 0;
             globalThis.step = () => {{ if (++n < {JOBS}) queueMicrotask(step); }};
             queueMicrotask(() => {{}});"
        ))
        .unwrap();
        rt.run().unwrap();
        let held = fill_job_arenas(&rt);
        let made = heap::arenas_made();
        rt.call_global("step", vec![]).unwrap();
        rt.run().unwrap();
        let churned = heap::arenas_made() - made;
        free_blocks(&rt, held);
        assert_eq!(rt.eval("n").unwrap(), crate::JsValue::Number(JOBS.into()));
        // Without the spare block: an arena every other job.
        assert!(churned < 10, "{churned} arenas made for {JOBS} jobs");
    }

    fn engine_blocks(rt: &Runtime) -> i64 {
        rt.with_ctx(|ctx| {
            let mut usage = std::mem::MaybeUninit::<qjs::JSMemoryUsage>::uninit();
            // SAFETY: `ctx` is live and locked; the call fills `usage`.
            unsafe {
                qjs::JS_ComputeMemoryUsage(
                    qjs::JS_GetRuntime(ctx.as_raw().as_ptr()),
                    usage.as_mut_ptr(),
                );
                usage.assume_init().malloc_count
            }
        })
    }

    #[test]
    fn many_queued_microtasks_leave_one_spare_block_at_most() {
        let rt = Runtime::new().unwrap();
        rt.eval(
            "globalThis.ran = 0;
             const tick = () => ran++;
             globalThis.burst = () => { for (let i = 0; i < 10000; i++) queueMicrotask(tick); };",
        )
        .unwrap();
        let mut blocks = Vec::new();
        let made = heap::arenas_made();
        for _ in 0..3 {
            rt.call_global("burst", vec![]).unwrap();
            rt.run().unwrap();
            blocks.push(engine_blocks(&rt));
        }
        assert!(heap::arenas_made() - made > 300, "the jobs took new arenas");
        assert_eq!(rt.eval("ran").unwrap(), crate::JsValue::Number(30000.0));
        assert_eq!(blocks[1], blocks[2], "blocks after each burst: {blocks:?}");
    }
}

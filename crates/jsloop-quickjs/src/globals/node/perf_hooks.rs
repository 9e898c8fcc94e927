//! The natives of `node:perf_hooks` (`js/node/perf_hooks.js`): histograms
//! (the core's [`jsloop::Histogram`]), the event-loop delay monitor
//! ([`jsloop::DelayMonitor`]) and the loop's idle time and milestones.

use std::rc::{Rc, Weak};
use std::time::Duration;

use jsloop::{DelayMonitor, Histogram};
use rquickjs::class::{JsClass, Trace, Tracer};
use rquickjs::function::Constructor;
use rquickjs::{Array, Class, Ctx, Function, JsLifetime, Object};

use crate::host::Host;

/// A recordable histogram, or a snapshot of the delay monitor's.
pub(crate) struct Hist(Histogram);

/// An event-loop delay monitor.
pub(crate) struct Delay(DelayMonitor);

macro_rules! plain_class {
    ($ty:ident) => {
        impl<'js> Trace<'js> for $ty {
            fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
        }

        // SAFETY: the type holds no engine values; it is the same type at
        // every lifetime.
        unsafe impl<'js> JsLifetime<'js> for $ty {
            type Changed<'to> = $ty;
        }

        impl<'js> JsClass<'js> for $ty {
            const NAME: &'static str = stringify!($ty);
            type Mutable = rquickjs::class::Writable;

            fn constructor(_ctx: &Ctx<'js>) -> rquickjs::Result<Option<Constructor<'js>>> {
                Ok(None)
            }
        }
    };
}

plain_class!(Hist);
plain_class!(Delay);

/// `histNew()`: an empty histogram.
fn hist_new(ctx: Ctx<'_>) -> rquickjs::Result<Class<'_, Hist>> {
    Class::instance(ctx, Hist(Histogram::new()))
}

/// `histRecord(h, value)`: records a whole, positive value (validated by
/// the caller).
fn hist_record(h: Class<'_, Hist>, value: f64) {
    h.borrow_mut().0.record(value as u64);
}

/// `histStats(h)`: `[count, min, max, mean, stddev, exceeds]`; min, max,
/// mean and stddev are `NaN` when empty.
fn hist_stats<'js>(ctx: Ctx<'js>, h: Class<'js, Hist>) -> rquickjs::Result<Array<'js>> {
    let h = h.borrow();
    let h = &h.0;
    let out = Array::new(ctx)?;
    out.set(0, h.count() as f64)?;
    out.set(1, h.min().map_or(f64::NAN, |v| v as f64))?;
    out.set(2, h.max().map_or(f64::NAN, |v| v as f64))?;
    out.set(3, h.mean().unwrap_or(f64::NAN))?;
    out.set(4, h.stddev().unwrap_or(f64::NAN))?;
    out.set(5, h.exceeds() as f64)?;
    Ok(out)
}

/// `histPercentile(h, p)`: the value at percentile `p`, 0 when empty.
fn hist_percentile(h: Class<'_, Hist>, p: f64) -> f64 {
    h.borrow().0.percentile(p).map_or(0.0, |v| v as f64)
}

/// `histPercentiles(h)`: `[p, value, p, value, …]` as Node lists them
/// (empty when nothing was recorded).
fn hist_percentiles<'js>(ctx: Ctx<'js>, h: Class<'js, Hist>) -> rquickjs::Result<Array<'js>> {
    let out = Array::new(ctx)?;
    for (i, (p, v)) in h.borrow().0.percentiles().into_iter().enumerate() {
        out.set(2 * i, p)?;
        out.set(2 * i + 1, v as f64)?;
    }
    Ok(out)
}

/// `histReset(h)`: forgets every value.
fn hist_reset(h: Class<'_, Hist>) {
    h.borrow_mut().0.reset();
}

/// `histAdd(h, other)`: adds `other`'s values to `h`.
fn hist_add<'js>(h: Class<'js, Hist>, other: Class<'js, Hist>) {
    let other = other.borrow().0.clone();
    h.borrow_mut().0.add(&other);
}

/// `delayEnable(d)` / `delayDisable(d)`: whether the state changed.
fn delay_enable(d: Class<'_, Delay>) -> bool {
    d.borrow().0.enable()
}

fn delay_disable(d: Class<'_, Delay>) -> bool {
    d.borrow().0.disable()
}

/// `delaySnapshot(d)`: a copy of the monitor's histogram so far.
fn delay_snapshot<'js>(ctx: Ctx<'js>, d: Class<'js, Delay>) -> rquickjs::Result<Class<'js, Hist>> {
    let h = d.borrow().0.histogram();
    Class::instance(ctx, Hist(h))
}

/// `delayReset(d)`: forgets the monitor's samples.
fn delay_reset(d: Class<'_, Delay>) {
    d.borrow().0.reset();
}

/// Milliseconds of `d`, or -1.
fn ms(d: Option<Duration>) -> f64 {
    d.map_or(-1.0, |d| d.as_secs_f64() * 1000.0)
}

/// Puts the `perf_hooks` natives on the host object as `host.perf`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    me: &Rc<Host>,
) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    o.set("histNew", Function::new(ctx.clone(), hist_new)?)?;
    o.set("histRecord", Function::new(ctx.clone(), hist_record)?)?;
    o.set("histStats", Function::new(ctx.clone(), hist_stats)?)?;
    o.set(
        "histPercentile",
        Function::new(ctx.clone(), hist_percentile)?,
    )?;
    o.set(
        "histPercentiles",
        Function::new(ctx.clone(), hist_percentiles)?,
    )?;
    o.set("histReset", Function::new(ctx.clone(), hist_reset)?)?;
    o.set("histAdd", Function::new(ctx.clone(), hist_add)?)?;
    o.set("delayEnable", Function::new(ctx.clone(), delay_enable)?)?;
    o.set("delayDisable", Function::new(ctx.clone(), delay_disable)?)?;
    o.set("delaySnapshot", Function::new(ctx.clone(), delay_snapshot)?)?;
    o.set("delayReset", Function::new(ctx.clone(), delay_reset)?)?;
    let weak: Weak<Host> = Rc::downgrade(me);
    let h = weak.clone();
    o.set(
        "delayNew",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, resolution: f64| -> rquickjs::Result<Option<Class<'js, Delay>>> {
                let Some(lp) = h.upgrade().and_then(|host| host.lp.upgrade()) else {
                    return Ok(None);
                };
                let monitor = lp.monitor_delay(Duration::from_secs_f64(resolution / 1000.0));
                Class::instance(ctx, Delay(monitor)).map(Some)
            },
        )?,
    )?;
    let h = weak.clone();
    o.set(
        "idleTime",
        Function::new(ctx.clone(), move || -> f64 {
            let u = h
                .upgrade()
                .and_then(|host| host.lp.upgrade()?.utilization());
            ms(u.map(|u| u.idle()))
        })?,
    )?;
    let h = weak.clone();
    o.set(
        "loopStart",
        Function::new(ctx.clone(), move || -> f64 {
            ms(h.upgrade().and_then(|host| host.loop_start.get()))
        })?,
    )?;
    let h = weak;
    o.set(
        "loopExit",
        Function::new(ctx.clone(), move || -> f64 {
            ms(h.upgrade().and_then(|host| host.loop_exit.get()))
        })?,
    )?;
    host.set("perf", o)
}

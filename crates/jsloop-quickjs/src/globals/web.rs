//! The web-platform globals Node has: `performance`, `Event`, `EventTarget`,
//! `AbortController`, `AbortSignal`, `DOMException`, `structuredClone`,
//! `atob`, `btoa` and `crypto`.
//!
//! The files under `js/` are evaluated as one function body with
//! `(host, util)`: `host` holds the native primitives (monotonic time,
//! time origin, random bytes), `util` the formatting of `inspect.js` (for
//! Node's argument error messages). Only the globals reach `globalThis`.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rquickjs::{Ctx, Exception, Function, Object, TypedArray};

use super::console::{run_with_host, util};

const SOURCES: [&str; 7] = [
    include_str!("js/dom.js"),
    include_str!("js/events.js"),
    include_str!("js/abort.js"),
    include_str!("js/clone.js"),
    include_str!("js/encoding.js"),
    include_str!("js/crypto.js"),
    include_str!("js/performance.js"),
];

/// The most bytes one `crypto.getRandomValues` call may fill (as Node).
const MAX_RANDOM: usize = 65536;

/// `n` bytes from the OS's entropy source.
fn random_bytes<'js>(ctx: Ctx<'js>, n: usize) -> rquickjs::Result<TypedArray<'js, u8>> {
    let mut buf = vec![0u8; n.min(MAX_RANDOM)];
    if getrandom::fill(&mut buf).is_err() {
        return Err(Exception::throw_message(&ctx, "no entropy available"));
    }
    TypedArray::new(ctx, buf)
}

/// Installs the web globals. `performance.now()` counts from this call.
///
/// # Errors
///
/// Fails if the engine cannot evaluate the globals' JavaScript (out of memory).
pub(crate) fn install(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let util = util(ctx)?;
    let host = Object::new(ctx.clone())?;
    let started = Instant::now();
    host.set(
        "now",
        Function::new(ctx.clone(), move || {
            started.elapsed().as_secs_f64() * 1000.0
        })?,
    )?;
    let origin = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    host.set("timeOrigin", origin)?;
    host.set("randomBytes", Function::new(ctx.clone(), random_bytes)?)?;
    run_with_host(
        ctx,
        "web.js",
        "host, util",
        &SOURCES.join("\n"),
        (host, util),
    )?;
    Ok(())
}

//! The web-platform globals Node has (`js/dom.js`, `events.js`,
//! `abort.js`, `clone.js`, `encoding.js`, `crypto.js`, `performance.js`):
//! their one native, the OS's entropy for `crypto`.

use rquickjs::{Ctx, Function, Object, TypedArray};

/// The most bytes one `crypto.getRandomValues` call may fill (as Node).
const MAX_RANDOM: usize = 65536;

/// `n` bytes from the OS's entropy source.
fn random_bytes<'js>(ctx: Ctx<'js>, n: usize) -> rquickjs::Result<TypedArray<'js, u8>> {
    let mut buf = vec![0u8; n.min(MAX_RANDOM)];
    if getrandom::fill(&mut buf).is_err() {
        return Err(crate::host::js_error(&ctx, "no entropy available")?.throw());
    }
    TypedArray::new(ctx, buf)
}

/// Puts `randomBytes(n)` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("randomBytes", Function::new(ctx.clone(), random_bytes)?)
}

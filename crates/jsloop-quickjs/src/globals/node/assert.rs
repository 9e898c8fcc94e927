//! `assert.ok`'s one native: the text of the script that called it, from
//! which Node quotes the failing expression.

use rquickjs::{Ctx, Function, Object};

/// The UTF-8 text of the file at `path`, `None` if it cannot be read.
fn read_source(path: String) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Puts `readSource(path)` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("readSource", Function::new(ctx.clone(), read_source)?)
}

//! The native halves of Node's built-in modules (`js/node/*.js`), one
//! file per module, each putting its functions on the host object.

pub(crate) mod assert;
pub(crate) mod encoding;
pub(crate) mod util;

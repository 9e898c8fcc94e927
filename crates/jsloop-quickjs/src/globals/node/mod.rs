//! The Rust halves of Node's built-in modules (`js/node/NAME.js`), one
//! file per module, each putting its natives on the host object.

pub(crate) mod assert;
pub(crate) mod buffer;
pub(crate) mod child_process;
pub(crate) mod crypto;
pub(crate) mod dotenv;
pub(crate) mod encoding;
pub(crate) mod fs;
pub(crate) mod interfaces;
pub(crate) mod messaging;
pub(crate) mod net;
pub(crate) mod os;
pub(crate) mod perf_hooks;
pub(crate) mod proc;
pub(crate) mod stdio;
pub(crate) mod tls;
pub(crate) mod tty;
pub(crate) mod url;
pub(crate) mod util;
pub(crate) mod uv_errors;
pub(crate) mod zlib;
pub(crate) mod zlib_inflate;
pub(crate) mod zlib_stream;

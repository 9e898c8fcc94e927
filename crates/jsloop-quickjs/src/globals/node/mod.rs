//! The Rust halves of Node's built-in modules (`js/node/NAME.js`), one
//! file per module, each putting its natives on the host object.

pub(crate) mod buffer;

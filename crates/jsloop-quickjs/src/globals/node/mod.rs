//! The natives of Node's built-in modules (`js/node/NAME.js`), one file
//! per module, each putting its functions on the host object.

pub(crate) mod os;
pub(crate) mod url;

//! jsloop-quickjs

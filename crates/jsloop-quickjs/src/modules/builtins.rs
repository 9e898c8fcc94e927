//! The registry of Node's built-in module names: which exist in Node 20,
//! and which jsloop provides so far.

/// Every Node 20 built-in loadable without the `node:` prefix
/// (`require('module').builtinModules`).
pub(crate) const NODE_BUILTINS: [&str; 68] = [
    "_http_agent",
    "_http_client",
    "_http_common",
    "_http_incoming",
    "_http_outgoing",
    "_http_server",
    "_stream_duplex",
    "_stream_passthrough",
    "_stream_readable",
    "_stream_transform",
    "_stream_wrap",
    "_stream_writable",
    "_tls_common",
    "_tls_wrap",
    "assert",
    "assert/strict",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "dns/promises",
    "domain",
    "events",
    "fs",
    "fs/promises",
    "http",
    "http2",
    "https",
    "inspector",
    "inspector/promises",
    "module",
    "net",
    "os",
    "path",
    "path/posix",
    "path/win32",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "readline/promises",
    "repl",
    "stream",
    "stream/consumers",
    "stream/promises",
    "stream/web",
    "string_decoder",
    "sys",
    "timers",
    "timers/promises",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "util/types",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// Built-ins Node 20 knows only with the `node:` prefix.
pub(crate) const PREFIX_ONLY: [&str; 2] = ["test", "test/reporters"];

/// The built-ins `js/module.js` makes itself; the others jsloop provides
/// are files of [`crate::globals::builtins`].
const CORE: [&str; 4] = ["module", "process", "console", "timers"];

/// Whether jsloop provides the built-in `name` (a bare name).
pub(crate) fn is_provided(name: &str) -> bool {
    CORE.contains(&name) || crate::globals::builtins::has(name)
}

/// What a specifier names among the built-ins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// A built-in jsloop provides, by its bare name.
    Provided(String),
    /// A Node built-in jsloop does not provide yet.
    Unsupported(String),
    /// `node:x` where Node has no `x`.
    Unknown(String),
}

/// Looks `specifier` up: `node:x` always names a built-in (known or not);
/// a bare `x` only when Node allows the bare name.
pub(crate) fn lookup(specifier: &str) -> Option<Builtin> {
    let (name, prefixed) = match specifier.strip_prefix("node:") {
        Some(name) => (name, true),
        None => (specifier, false),
    };
    let known = NODE_BUILTINS.contains(&name) || (prefixed && PREFIX_ONLY.contains(&name));
    if !known {
        return prefixed.then(|| Builtin::Unknown(specifier.to_owned()));
    }
    Some(if is_provided(name) {
        Builtin::Provided(name.to_owned())
    } else {
        Builtin::Unsupported(name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::{lookup, Builtin};

    #[test]
    fn prefixed_names_are_always_builtins_and_bare_ones_only_when_node_allows() {
        assert_eq!(
            lookup("node:module"),
            Some(Builtin::Provided("module".into()))
        );
        assert_eq!(lookup("module"), Some(Builtin::Provided("module".into())));
        assert_eq!(lookup("http2"), Some(Builtin::Unsupported("http2".into())));
        assert_eq!(
            lookup("node:test"),
            Some(Builtin::Unsupported("test".into()))
        );
        assert_eq!(lookup("test"), None);
        assert_eq!(
            lookup("node:nope"),
            Some(Builtin::Unknown("node:nope".into()))
        );
        assert_eq!(lookup("./fs"), None);
    }
}

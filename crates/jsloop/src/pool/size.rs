//! How many threads the pool runs: a builder option, else the
//! `JSLOOP_THREADPOOL_SIZE` environment variable, else 4 (libuv's rules).

/// The environment variable read when the builder sets no size.
pub(crate) const ENV: &str = "JSLOOP_THREADPOOL_SIZE";

/// Threads when nothing says otherwise (libuv's default).
pub(crate) const DEFAULT: usize = 4;

/// The most threads a pool runs (libuv's `MAX_THREADPOOL_SIZE`).
pub(crate) const MAX: usize = 1024;

/// `n` clamped to `1..=MAX`, as libuv clamps `UV_THREADPOOL_SIZE`.
pub(crate) fn clamp(n: usize) -> usize {
    n.clamp(1, MAX)
}

/// The size an environment value asks for: a decimal number clamped to
/// `1..=MAX` (0 gives 1); anything else (unset, empty, negative, not a
/// number) gives [`DEFAULT`].
pub(crate) fn from_env_value(value: Option<&str>) -> usize {
    match value.map(|v| v.trim().parse::<u64>()) {
        Some(Ok(n)) => clamp(usize::try_from(n).unwrap_or(MAX)),
        _ => DEFAULT,
    }
}

/// The size to use: `configured` if the builder set one, else the
/// environment's.
pub(crate) fn resolve(configured: Option<usize>) -> usize {
    configured.map(clamp).unwrap_or_else(|| {
        let value = std::env::var(ENV).ok();
        from_env_value(value.as_deref())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_values_clamp_or_fall_back() {
        assert_eq!(from_env_value(None), DEFAULT);
        assert_eq!(from_env_value(Some("")), DEFAULT);
        assert_eq!(from_env_value(Some("abc")), DEFAULT);
        assert_eq!(from_env_value(Some("-3")), DEFAULT);
        assert_eq!(from_env_value(Some("2.5")), DEFAULT);
        assert_eq!(from_env_value(Some("0")), 1);
        assert_eq!(from_env_value(Some(" 8 ")), 8);
        assert_eq!(from_env_value(Some("1024")), 1024);
        assert_eq!(from_env_value(Some("1025")), MAX);
        assert_eq!(from_env_value(Some("99999999999999999999999")), DEFAULT);
        assert_eq!(from_env_value(Some("18446744073709551615")), MAX);
    }

    #[test]
    fn configured_sizes_clamp() {
        assert_eq!(resolve(Some(0)), 1);
        assert_eq!(resolve(Some(3)), 3);
        assert_eq!(resolve(Some(5000)), MAX);
    }
}

//! libuv's names and descriptions of the socket errors, over the file
//! errors of `node:fs`.

/// The `code` and message text of an OS error number.
pub(crate) fn describe(errno: i32) -> (&'static str, &'static str) {
    use libc::*;
    match errno {
        EADDRINUSE => ("EADDRINUSE", "address already in use"),
        EADDRNOTAVAIL => ("EADDRNOTAVAIL", "address not available"),
        EAFNOSUPPORT => ("EAFNOSUPPORT", "address family not supported"),
        EALREADY => ("EALREADY", "connection already in progress"),
        ECONNABORTED => ("ECONNABORTED", "software caused connection abort"),
        ECONNREFUSED => ("ECONNREFUSED", "connection refused"),
        ECONNRESET => ("ECONNRESET", "connection reset by peer"),
        EHOSTUNREACH => ("EHOSTUNREACH", "host is unreachable"),
        EISCONN => ("EISCONN", "socket is already connected"),
        ENETDOWN => ("ENETDOWN", "network is down"),
        ENETUNREACH => ("ENETUNREACH", "network is unreachable"),
        ENOTCONN => ("ENOTCONN", "socket is not connected"),
        ENOTSOCK => ("ENOTSOCK", "socket operation on non-socket"),
        ETIMEDOUT => ("ETIMEDOUT", "connection timed out"),
        _ => crate::globals::node::fs::describe(errno),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn names_socket_and_file_errors() {
        assert_eq!(describe(libc::ECONNREFUSED).0, "ECONNREFUSED");
        assert_eq!(describe(libc::EADDRINUSE).1, "address already in use");
        assert_eq!(describe(libc::ENOENT).0, "ENOENT");
    }
}

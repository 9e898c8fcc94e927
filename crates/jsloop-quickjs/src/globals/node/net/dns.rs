//! `dns.lookup`'s native: the system resolver (`getaddrinfo`, as libuv
//! calls it) on the loop's pool.

use std::ffi::CString;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::rc::Rc;

use rquickjs::{Ctx, Function, IntoJs, Object, Value};

use crate::host::Host;

/// Addresses and their families (4 or 6), or libuv's `UV_EAI_*` number.
type Lookup = Result<Vec<(String, u8)>, i32>;

/// libuv's number for a `getaddrinfo` failure (`UV_EAI_*`).
fn eai_code(code: i32) -> i32 {
    match code {
        libc::EAI_AGAIN => -3001,
        libc::EAI_BADFLAGS => -3002,
        libc::EAI_FAMILY => -3005,
        libc::EAI_MEMORY => -3006,
        libc::EAI_NODATA => -3007,
        libc::EAI_NONAME => -3008,
        libc::EAI_SERVICE => -3010,
        libc::EAI_SOCKTYPE => -3011,
        _ => -3004,
    }
}

/// Resolves `name` for `family` (0 any, 4, 6) with `flags` (`AI_*`).
fn resolve(name: &str, family: u8, flags: i32) -> Lookup {
    let Ok(c_name) = CString::new(name) else {
        return Err(-3008);
    };
    // SAFETY: an all-zero `addrinfo` is a valid hints value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = match family {
        4 => libc::AF_INET,
        6 => libc::AF_INET6,
        _ => libc::AF_UNSPEC,
    };
    hints.ai_socktype = libc::SOCK_STREAM;
    hints.ai_flags = flags;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid NUL-terminated name, hints and out pointer.
    let code = unsafe { libc::getaddrinfo(c_name.as_ptr(), std::ptr::null(), &raw const hints, &raw mut list) };
    if code != 0 {
        return Err(eai_code(code));
    }
    let mut out = Vec::new();
    let mut p = list;
    while !p.is_null() {
        // SAFETY: `p` walks the list getaddrinfo returned, freed below.
        let ai = unsafe { &*p };
        if let Some(a) = address(ai) {
            out.push(a);
        }
        p = ai.ai_next;
    }
    // SAFETY: `list` came from a successful getaddrinfo, freed once.
    unsafe { libc::freeaddrinfo(list) };
    Ok(out)
}

/// The address of one `addrinfo`.
fn address(ai: &libc::addrinfo) -> Option<(String, u8)> {
    if ai.ai_addr.is_null() {
        return None;
    }
    match ai.ai_family {
        libc::AF_INET => {
            // SAFETY: an AF_INET entry's address is a `sockaddr_in`.
            let sa = unsafe { &*ai.ai_addr.cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(sa.sin_addr.s_addr));
            Some((ip.to_string(), 4))
        }
        libc::AF_INET6 => {
            // SAFETY: an AF_INET6 entry's address is a `sockaddr_in6`.
            let sa = unsafe { &*ai.ai_addr.cast::<libc::sockaddr_in6>() };
            Some((Ipv6Addr::from(sa.sin6_addr.s6_addr).to_string(), 6))
        }
        _ => None,
    }
}

/// `lookup(hostname, family, flags, callback)`: calls
/// `callback(uvErrno)` or `callback(null, [address, family, ...])`.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>, host: &Rc<Host>) -> rquickjs::Result<()> {
    let weak = Rc::downgrade(host);
    n.set(
        "lookup",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, name: String, family: u8, flags: i32, cb: Function<'js>| {
                let Some(host) = weak.upgrade() else {
                    return Ok(());
                };
                host.queue_js_work(
                    &ctx,
                    cb,
                    move || resolve(&name, family, flags),
                    |ctx, result: Lookup, f| match result {
                        Ok(list) => {
                            let flat: Vec<Value<'_>> = list
                                .into_iter()
                                .flat_map(|(a, fam)| [a.into_js(ctx), fam.into_js(ctx)])
                                .collect::<rquickjs::Result<_>>()?;
                            f.call((Value::new_null(ctx.clone()), flat))
                        }
                        Err(code) => f.call((code,)),
                    },
                )
            },
        )?,
    )?;
    Ok(())
}

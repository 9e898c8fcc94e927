//! `os.networkInterfaces()`'s native: the addresses of the interfaces that
//! are up and running, from `getifaddrs`, as libuv lists them (IPv4 and
//! IPv6 entries in the kernel's order, each with its interface's MAC).

use std::ffi::CStr;
use std::net::{Ipv4Addr, Ipv6Addr};

use rquickjs::{Array, Ctx};

/// One address of an interface.
struct Address {
    name: String,
    address: String,
    netmask: String,
    ipv6: bool,
    internal: bool,
    scope_id: Option<u32>,
}

/// An IPv4 or IPv6 address out of a `sockaddr`, with its scope id (IPv6).
///
/// # Safety
///
/// `sa` is null or points to a valid sockaddr of its `sa_family`.
unsafe fn ip_of(sa: *const libc::sockaddr) -> Option<(String, bool, u32)> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: `sa` is valid (caller) and every sockaddr starts with a family.
    match i32::from(unsafe { (*sa).sa_family }) {
        libc::AF_INET => {
            // SAFETY: an AF_INET sockaddr is a sockaddr_in.
            let sin = unsafe { &*sa.cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            Some((ip.to_string(), false, 0))
        }
        libc::AF_INET6 => {
            // SAFETY: an AF_INET6 sockaddr is a sockaddr_in6.
            let sin6 = unsafe { &*sa.cast::<libc::sockaddr_in6>() };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Some((ip.to_string(), true, sin6.sin6_scope_id))
        }
        _ => None,
    }
}

/// The addresses of the interfaces that are up and running, and the MAC
/// address of each interface name (from its `AF_PACKET` entry).
fn list() -> (Vec<Address>, Vec<(String, [u8; 6])>) {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: `head` is a valid out-pointer; freed below with freeifaddrs.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return (Vec::new(), Vec::new());
    }
    let mut addresses = Vec::new();
    let mut macs = Vec::new();
    let mut at = head;
    while !at.is_null() {
        // SAFETY: `at` is a node of the list getifaddrs made, not yet freed.
        let ifa = unsafe { &*at };
        at = ifa.ifa_next;
        let up = libc::IFF_UP as u32 | libc::IFF_RUNNING as u32;
        if ifa.ifa_flags & up != up || ifa.ifa_addr.is_null() || ifa.ifa_name.is_null() {
            continue;
        }
        // SAFETY: the name is a NUL-terminated string of the list.
        let name = unsafe { CStr::from_ptr(ifa.ifa_name) }
            .to_string_lossy()
            .into_owned();
        // SAFETY: ifa_addr is non-null and valid for its family.
        if i32::from(unsafe { (*ifa.ifa_addr).sa_family }) == libc::AF_PACKET {
            // SAFETY: an AF_PACKET address is a sockaddr_ll.
            let ll = unsafe { &*ifa.ifa_addr.cast::<libc::sockaddr_ll>() };
            let mut mac = [0u8; 6];
            mac.copy_from_slice(&ll.sll_addr[..6]);
            macs.push((name, mac));
            continue;
        }
        // SAFETY: the list's sockaddrs are valid for their family.
        let Some((address, ipv6, scope)) = (unsafe { ip_of(ifa.ifa_addr) }) else {
            continue;
        };
        // SAFETY: as above; a missing netmask reads as all zeros.
        let netmask = unsafe { ip_of(ifa.ifa_netmask) }.map_or_else(
            || {
                if ipv6 {
                    "::".to_owned()
                } else {
                    "0.0.0.0".to_owned()
                }
            },
            |(mask, _, _)| mask,
        );
        addresses.push(Address {
            name,
            address,
            netmask,
            ipv6,
            internal: ifa.ifa_flags & libc::IFF_LOOPBACK as u32 != 0,
            scope_id: ipv6.then_some(scope),
        });
    }
    // SAFETY: `head` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(head) };
    (addresses, macs)
}

/// Flat `[name, address, netmask, family, mac, internal, scopeid, …]`
/// (`scopeid` -1 for IPv4), as `os.js` turns it into node's objects.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn interfaces<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Array<'js>> {
    let (addresses, macs) = list();
    let out = Array::new(ctx)?;
    for (i, a) in addresses.into_iter().enumerate() {
        let mac = macs
            .iter()
            .find(|(n, _)| *n == a.name)
            .map_or([0u8; 6], |(_, m)| *m);
        let mac = mac
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(":");
        let at = 7 * i;
        out.set(at, a.name)?;
        out.set(at + 1, a.address)?;
        out.set(at + 2, a.netmask)?;
        out.set(at + 3, if a.ipv6 { "IPv6" } else { "IPv4" })?;
        out.set(at + 4, mac)?;
        out.set(at + 5, a.internal)?;
        out.set(at + 6, a.scope_id.map_or(-1.0, f64::from))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::list;

    #[test]
    fn loopback_is_internal() {
        let (addresses, _) = list();
        if let Some(lo) = addresses.iter().find(|a| a.address == "127.0.0.1") {
            assert!(lo.internal);
            assert_eq!(lo.netmask, "255.0.0.0");
        }
    }
}

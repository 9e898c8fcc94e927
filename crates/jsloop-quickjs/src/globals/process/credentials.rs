//! The POSIX credentials of `process` (`getuid` … `initgroups`): ids in,
//! results as numbers (libuv's convention: 0, a negative errno, or a
//! positive "unknown name" marker); `js/process.js` makes Node's errors.

use std::ffi::CString;

use rquickjs::{Ctx, Function, Object, Value};

/// What a setter is given: a numeric id or a name to look up.
enum Id {
    Number(u32),
    Name(String),
}

impl Id {
    /// An id as JavaScript validated it (a uint32 or a string).
    fn of(v: &Value<'_>) -> Option<Self> {
        if let Some(s) = v.as_string() {
            return s.to_string().ok().map(Id::Name);
        }
        v.as_number().map(|n| Id::Number(n as u32))
    }
}

/// The last OS error as a negative errno.
fn last_errno() -> i32 {
    -std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// A user's uid and primary gid by name.
fn user(name: &str) -> Option<(libc::uid_t, libc::gid_t)> {
    let name = CString::new(name).ok()?;
    // SAFETY: passwd is plain data; zeroed is a valid value.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16384];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; `buf` outlives it.
    let rc = unsafe {
        libc::getpwnam_r(
            name.as_ptr(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        )
    };
    (rc == 0 && !found.is_null()).then_some((pwd.pw_uid, pwd.pw_gid))
}

/// A group's gid by name.
fn group(name: &str) -> Option<libc::gid_t> {
    let name = CString::new(name).ok()?;
    // SAFETY: group is plain data; zeroed is a valid value.
    let mut grp: libc::group = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16384];
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; `buf` outlives it.
    let rc = unsafe {
        libc::getgrnam_r(
            name.as_ptr(),
            &mut grp,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        )
    };
    (rc == 0 && !found.is_null()).then_some(grp.gr_gid)
}

fn uid_of(id: Id) -> Option<libc::uid_t> {
    match id {
        Id::Number(n) => Some(n),
        Id::Name(name) => user(&name).map(|(uid, _)| uid),
    }
}

fn gid_of(id: Id) -> Option<libc::gid_t> {
    match id {
        Id::Number(n) => Some(n),
        Id::Name(name) => group(&name),
    }
}

/// `[uid, euid, gid, egid]`.
fn ids() -> Vec<u32> {
    // SAFETY: these calls cannot fail.
    unsafe {
        vec![
            libc::getuid(),
            libc::geteuid(),
            libc::getgid(),
            libc::getegid(),
        ]
    }
}

/// The supplementary groups, with the effective gid added when missing
/// (as node's), or `[negative errno]`.
fn groups() -> Vec<f64> {
    // SAFETY: a zero-sized query only counts the groups.
    let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if n < 0 {
        return vec![f64::from(last_errno())];
    }
    let mut list: Vec<libc::gid_t> = vec![0; usize::try_from(n).unwrap_or(0)];
    // SAFETY: `list` has room for `n` gids.
    let got = unsafe { libc::getgroups(n, list.as_mut_ptr()) };
    if got < 0 {
        return vec![f64::from(last_errno())];
    }
    list.truncate(usize::try_from(got).unwrap_or(0));
    // SAFETY: getegid cannot fail.
    let egid = unsafe { libc::getegid() };
    if !list.contains(&egid) {
        list.push(egid);
    }
    list.into_iter().map(f64::from).collect()
}

/// `which` (0 setuid, 1 seteuid, 2 setgid, 3 setegid) to `id`: 0, 1 for an
/// unknown name, or a negative errno.
fn set_id(which: i32, id: Value<'_>) -> i32 {
    let Some(id) = Id::of(&id) else {
        return -libc::EINVAL;
    };
    let rc = match which {
        0 | 1 => uid_of(id).map(|u| {
            // SAFETY: setuid/seteuid take a plain integer.
            unsafe {
                if which == 0 {
                    libc::setuid(u)
                } else {
                    libc::seteuid(u)
                }
            }
        }),
        _ => gid_of(id).map(|g| {
            // SAFETY: setgid/setegid take a plain integer.
            unsafe {
                if which == 2 {
                    libc::setgid(g)
                } else {
                    libc::setegid(g)
                }
            }
        }),
    };
    match rc {
        None => 1,
        Some(0) => 0,
        Some(_) => last_errno(),
    }
}

/// `setgroups(list)`: 0, the 1-based index of an unknown group name, or a
/// negative errno.
fn set_groups(list: Vec<Value<'_>>) -> i32 {
    let mut gids = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        match Id::of(v).and_then(gid_of) {
            Some(g) => gids.push(g),
            None => return i32::try_from(i + 1).unwrap_or(i32::MAX),
        }
    }
    // SAFETY: `gids` holds `len` gids.
    if unsafe { libc::setgroups(gids.len(), gids.as_ptr()) } == 0 {
        0
    } else {
        last_errno()
    }
}

/// `initgroups(user, extraGroup)`: 0, 1 for an unknown user, 2 for an
/// unknown group, or a negative errno.
fn init_groups(user_id: Value<'_>, extra: Value<'_>) -> i32 {
    // A name goes to initgroups(3) as given; a uid must have a name.
    let name = match Id::of(&user_id) {
        Some(Id::Name(name)) => Some(name),
        Some(Id::Number(uid)) => user_name(uid),
        None => None,
    };
    let Some(name) = name else {
        return 1;
    };
    let Some(gid) = Id::of(&extra).and_then(gid_of) else {
        return 2;
    };
    let Ok(cname) = CString::new(name) else {
        return 1;
    };
    // SAFETY: `cname` is NUL-terminated and outlives the call.
    if unsafe { libc::initgroups(cname.as_ptr(), gid) } == 0 {
        0
    } else {
        last_errno()
    }
}

/// A user's name by uid.
fn user_name(uid: libc::uid_t) -> Option<String> {
    // SAFETY: passwd is plain data; zeroed is a valid value.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0 as libc::c_char; 16384];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; `buf` outlives it.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
    if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r's strings are NUL-terminated inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

/// Puts `credentialIds`, `credentialGroups`, `setCredential`,
/// `setGroups` and `initGroups` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> rquickjs::Result<()> {
    o.set("credentialIds", Function::new(ctx.clone(), ids)?)?;
    o.set("credentialGroups", Function::new(ctx.clone(), groups)?)?;
    o.set("setCredential", Function::new(ctx.clone(), set_id)?)?;
    o.set("setGroups", Function::new(ctx.clone(), set_groups)?)?;
    o.set("initGroups", Function::new(ctx.clone(), init_groups)?)?;
    Ok(())
}

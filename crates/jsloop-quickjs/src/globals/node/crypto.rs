//! The natives of `node:crypto` (`js/node/crypto.js`): message digests,
//! HMAC and PBKDF2 through the RustCrypto crates, and filling a byte view
//! from the OS's entropy. The callback forms of PBKDF2 and random bytes
//! run on the loop's pool, as Node's on libuv's.
//!
//! Ground rules: a byte slice taken from a typed array lives only inside
//! one native call, which runs no JavaScript while holding it.

use digest::DynDigest;
use hmac::{Hmac, Mac};
use rquickjs::class::{JsClass, Trace, Tracer};
use rquickjs::function::Constructor;
use std::rc::Rc;

use rquickjs::{Class, Ctx, Function, JsLifetime, Object, TypedArray, Value};

use crate::host::Host;

/// A running digest (`Hash` or `Hmac`); `None` once finalized.
pub(crate) struct Digest(Option<Box<dyn DynDigest>>);

impl<'js> Trace<'js> for Digest {
    fn trace<'a>(&self, _tracer: Tracer<'a, 'js>) {}
}

// SAFETY: `Digest` holds no engine values; it is the same type at every lifetime.
unsafe impl<'js> JsLifetime<'js> for Digest {
    type Changed<'to> = Digest;
}

impl<'js> JsClass<'js> for Digest {
    const NAME: &'static str = "Digest";
    type Mutable = rquickjs::class::Writable;

    fn constructor(_ctx: &Ctx<'js>) -> rquickjs::Result<Option<Constructor<'js>>> {
        Ok(None)
    }
}

/// A fresh hasher for the (lowercase) algorithm name, if known.
fn hasher(alg: &str) -> Option<Box<dyn DynDigest>> {
    Some(match alg {
        "md5" => Box::new(md5::Md5::default()),
        "sha1" => Box::new(sha1::Sha1::default()),
        "sha224" => Box::new(sha2::Sha224::default()),
        "sha256" => Box::new(sha2::Sha256::default()),
        "sha384" => Box::new(sha2::Sha384::default()),
        "sha512" => Box::new(sha2::Sha512::default()),
        _ => return None,
    })
}

/// A keyed HMAC for the (lowercase) algorithm name, if known.
fn keyed(alg: &str, key: &[u8]) -> Option<Box<dyn DynDigest>> {
    fn make<M: Mac + digest::KeyInit + DynDigest + 'static>(key: &[u8]) -> Box<dyn DynDigest> {
        Box::new(<M as digest::KeyInit>::new_from_slice(key).expect("hmac takes any key length"))
    }
    Some(match alg {
        "md5" => make::<Hmac<md5::Md5>>(key),
        "sha1" => make::<Hmac<sha1::Sha1>>(key),
        "sha224" => make::<Hmac<sha2::Sha224>>(key),
        "sha256" => make::<Hmac<sha2::Sha256>>(key),
        "sha384" => make::<Hmac<sha2::Sha384>>(key),
        "sha512" => make::<Hmac<sha2::Sha512>>(key),
        _ => return None,
    })
}

/// Copies the bytes of `a` (empty if detached).
fn copy_of(a: &TypedArray<'_, u8>) -> Vec<u8> {
    // SAFETY: no JavaScript runs while the slice is alive.
    unsafe { a.as_bytes() }.unwrap_or_default().to_vec()
}

/// Wraps a digest state in its class object.
fn wrap<'js>(
    ctx: Ctx<'js>,
    d: Option<Box<dyn DynDigest>>,
) -> rquickjs::Result<Option<Class<'js, Digest>>> {
    d.map(|d| Class::instance(ctx, Digest(Some(d)))).transpose()
}

/// `hashNew(alg)`: a digest, or `null` for an unknown algorithm.
fn hash_new<'js>(ctx: Ctx<'js>, alg: String) -> rquickjs::Result<Option<Class<'js, Digest>>> {
    wrap(ctx, hasher(&alg))
}

/// `hmacNew(alg, key)`: a keyed digest, or `null` for an unknown algorithm.
fn hmac_new<'js>(
    ctx: Ctx<'js>,
    alg: String,
    key: TypedArray<'js, u8>,
) -> rquickjs::Result<Option<Class<'js, Digest>>> {
    let key = copy_of(&key);
    wrap(ctx, keyed(&alg, &key))
}

/// `hashUpdate(d, bytes)`: feeds bytes; false once finalized.
fn hash_update<'js>(d: Class<'js, Digest>, data: TypedArray<'js, u8>) -> bool {
    let mut d = d.borrow_mut();
    let Some(state) = d.0.as_mut() else {
        return false;
    };
    // SAFETY: no JavaScript runs while the slice is alive.
    if let Some(bytes) = unsafe { data.as_bytes() } {
        state.update(bytes);
    }
    true
}

/// `hashDigest(d)`: the result, finalizing `d`; `null` if already done.
fn hash_digest<'js>(
    ctx: Ctx<'js>,
    d: Class<'js, Digest>,
) -> rquickjs::Result<Option<TypedArray<'js, u8>>> {
    let state = d.borrow_mut().0.take();
    state
        .map(|s| TypedArray::new(ctx, s.finalize().into_vec()))
        .transpose()
}

/// `hashCopy(d)`: an independent copy, `null` if `d` is finalized.
fn hash_copy<'js>(
    ctx: Ctx<'js>,
    d: Class<'js, Digest>,
) -> rquickjs::Result<Option<Class<'js, Digest>>> {
    let state = d.borrow().0.as_ref().map(|s| s.box_clone());
    wrap(ctx, state)
}

/// PBKDF2-HMAC of `alg` (lowercase), or `None` for an unknown algorithm.
fn derive(p: &[u8], s: &[u8], iterations: u32, keylen: usize, alg: &str) -> Option<Vec<u8>> {
    let mut out = vec![0u8; keylen];
    match alg {
        "md5" => pbkdf2::pbkdf2_hmac::<md5::Md5>(p, s, iterations, &mut out),
        "sha1" => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(p, s, iterations, &mut out),
        "sha224" => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(p, s, iterations, &mut out),
        "sha256" => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(p, s, iterations, &mut out),
        "sha384" => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(p, s, iterations, &mut out),
        "sha512" => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(p, s, iterations, &mut out),
        _ => return None,
    }
    Some(out)
}

/// `pbkdf2(password, salt, iterations, keylen, alg)`: the derived key, or
/// `null` for an unknown algorithm.
fn pbkdf2<'js>(
    ctx: Ctx<'js>,
    password: TypedArray<'js, u8>,
    salt: TypedArray<'js, u8>,
    iterations: u32,
    keylen: usize,
    alg: String,
) -> rquickjs::Result<Option<TypedArray<'js, u8>>> {
    derive(
        &copy_of(&password),
        &copy_of(&salt),
        iterations,
        keylen,
        &alg,
    )
    .map(|out| TypedArray::new(ctx, out))
    .transpose()
}

/// Hands `bytes` (or `null`) to `callback` on the loop thread.
fn deliver<'js>(
    ctx: &Ctx<'js>,
    bytes: Option<Vec<u8>>,
    callback: Function<'js>,
) -> rquickjs::Result<()> {
    let value = match bytes {
        Some(b) => TypedArray::new(ctx.clone(), b)?.into_value(),
        None => Value::new_null(ctx.clone()),
    };
    callback.call::<_, ()>((value,))
}

/// `randomFill(view)`: fills the bytes of `view` from the OS's entropy.
fn random_fill<'js>(ctx: Ctx<'js>, view: TypedArray<'js, u8>) -> rquickjs::Result<()> {
    let Some(raw) = view.as_raw() else {
        return Ok(());
    };
    // SAFETY: the pointer is the view's live memory; no JavaScript runs
    // while the slice is alive.
    let bytes = unsafe { &mut *raw.as_ptr() };
    if getrandom::fill(bytes).is_err() {
        return Err(crate::host::js_error(&ctx, "no entropy available")?.throw());
    }
    Ok(())
}

/// `timingSafeEqual(a, b)`: whether equal-length views hold the same
/// bytes, in time independent of where they differ.
fn timing_safe_equal<'js>(a: TypedArray<'js, u8>, b: TypedArray<'js, u8>) -> bool {
    // SAFETY: no JavaScript runs while the slices are alive.
    let (a, b) = unsafe { (a.as_bytes(), b.as_bytes()) };
    let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Puts the `crypto` natives on the host object as `host.crypto`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    me: &Rc<Host>,
) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    let h = Rc::downgrade(me);
    o.set(
        "pbkdf2Job",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  password: TypedArray<'js, u8>,
                  salt: TypedArray<'js, u8>,
                  iterations: u32,
                  keylen: usize,
                  alg: String,
                  callback: Function<'js>|
                  -> rquickjs::Result<()> {
                let Some(host) = h.upgrade() else {
                    return Ok(());
                };
                let (p, s) = (copy_of(&password), copy_of(&salt));
                host.queue_js_work(
                    &ctx,
                    callback,
                    move || derive(&p, &s, iterations, keylen, &alg),
                    deliver,
                )
            },
        )?,
    )?;
    let h = Rc::downgrade(me);
    o.set(
        "randomJob",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, size: usize, callback: Function<'js>| -> rquickjs::Result<()> {
                let Some(host) = h.upgrade() else {
                    return Ok(());
                };
                host.queue_js_work(
                    &ctx,
                    callback,
                    move || {
                        let mut out = vec![0u8; size];
                        getrandom::fill(&mut out).ok().map(|()| out)
                    },
                    deliver,
                )
            },
        )?,
    )?;
    o.set("hashNew", Function::new(ctx.clone(), hash_new)?)?;
    o.set("hmacNew", Function::new(ctx.clone(), hmac_new)?)?;
    o.set("hashUpdate", Function::new(ctx.clone(), hash_update)?)?;
    o.set("hashDigest", Function::new(ctx.clone(), hash_digest)?)?;
    o.set("hashCopy", Function::new(ctx.clone(), hash_copy)?)?;
    o.set("pbkdf2", Function::new(ctx.clone(), pbkdf2)?)?;
    o.set("randomFill", Function::new(ctx.clone(), random_fill)?)?;
    o.set(
        "timingSafeEqual",
        Function::new(ctx.clone(), timing_safe_equal)?,
    )?;
    host.set("crypto", o)
}

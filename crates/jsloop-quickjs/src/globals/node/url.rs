//! `url` (in `js/node/url.js`): WHATWG URL parsing and setters through the
//! `url` crate, and the form encoding `URLSearchParams` uses.
//!
//! A parsed URL crosses to JavaScript as its serialization and the offsets
//! of its parts (see [`components`]); the getters slice the string.

use rquickjs::{qjs, Array, Ctx, Function, Object, Value};
use url::{quirks, Url};

/// A WHATWG setter (`Err` when the value is refused; the URL is unchanged).
type Setter = fn(&mut Url, &str) -> Result<(), ()>;

/// The setters `urlSet` applies, by index (as `js/node/url.js` numbers them).
const SETTERS: [Setter; 9] = [
    |u, v| quirks::set_protocol(u, v),
    |u, v| quirks::set_username(u, v),
    |u, v| quirks::set_password(u, v),
    |u, v| quirks::set_host(u, v),
    |u, v| quirks::set_hostname(u, v),
    |u, v| quirks::set_port(u, v),
    |u, v| {
        quirks::set_pathname(u, v);
        Ok(())
    },
    |u, v| {
        quirks::set_search(u, v);
        Ok(())
    },
    |u, v| {
        quirks::set_hash(u, v);
        Ok(())
    },
];

/// The offset of `part` inside `whole` (`part` is a slice of it).
fn offset(whole: &str, part: &str) -> i32 {
    (part.as_ptr() as usize - whole.as_ptr() as usize) as i32
}

/// `[href, schemeEnd, userStart, userEnd, passStart, passEnd, hostStart,
/// hostEnd, port, pathStart, queryStart, fragmentStart]`; a missing part
/// is -1 (user: 0, 0).
fn components<'js>(ctx: &Ctx<'js>, url: &Url) -> rquickjs::Result<Value<'js>> {
    let href = url.as_str();
    let user = url.username();
    let (user_start, user_end) = if user.is_empty() {
        (0, 0)
    } else {
        let s = offset(href, user);
        (s, s + user.len() as i32)
    };
    let (pass_start, pass_end) = url.password().map_or((-1, -1), |p| {
        let s = offset(href, p);
        (s, s + p.len() as i32)
    });
    let (host_start, host_end) = url.host_str().map_or((-1, -1), |h| {
        let s = offset(href, h);
        (s, s + h.len() as i32)
    });
    let parts = [
        url.scheme().len() as i32,
        user_start,
        user_end,
        pass_start,
        pass_end,
        host_start,
        host_end,
        url.port().map_or(-1, i32::from),
        offset(href, url.path()),
        url.query().map_or(-1, |q| offset(href, q)),
        url.fragment().map_or(-1, |f| offset(href, f)),
    ];
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is this thread's live context; `href` is valid for its
    // length; JS_NewArrayFrom takes ownership of the 12 values (the string
    // and plain integers) and returns a new owned value or an exception.
    unsafe {
        let text = qjs::JS_NewStringLen(raw, href.as_ptr().cast(), href.len() as _);
        if qjs::JS_IsException(text) {
            return Err(rquickjs::Error::Exception);
        }
        let mut values = [qjs::JS_MKVAL(qjs::JS_TAG_INT, 0); 12];
        values[0] = text;
        for (slot, p) in values[1..].iter_mut().zip(parts) {
            *slot = qjs::JS_MKVAL(qjs::JS_TAG_INT, p);
        }
        let array = qjs::JS_NewArrayFrom(raw, 12, values.as_ptr());
        if qjs::JS_IsException(array) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Value::from_raw(ctx.clone(), array))
    }
}

/// `input` parsed against `base` (a string or nothing); `None` if either
/// is not a valid URL.
fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    match base {
        Some(base) => Url::options()
            .base_url(Some(&Url::parse(base).ok()?))
            .parse(input)
            .ok(),
        None => Url::parse(input).ok(),
    }
}

/// Puts `urlParse`, `urlCanParse`, `urlSet`, `urlOrigin`, `domainToASCII`,
/// `domainToUnicode`, `formParse`, `percentDecode` and `formEncode` on the
/// host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> rquickjs::Result<()> {
    o.set(
        "urlParse",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, input: String, base: Option<String>| -> rquickjs::Result<Value<'js>> {
                match parse(&input, base.as_deref()) {
                    Some(url) => components(&ctx, &url),
                    None => Ok(Value::new_null(ctx)),
                }
            },
        )?,
    )?;
    o.set(
        "urlCanParse",
        Function::new(ctx.clone(), |input: String, base: Option<String>| {
            parse(&input, base.as_deref()).is_some()
        })?,
    )?;
    o.set(
        "urlSet",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             href: String,
             which: usize,
             value: String|
             -> rquickjs::Result<Value<'js>> {
                let url = if which == SETTERS.len() {
                    Url::parse(&value).ok()
                } else {
                    Url::parse(&href).ok().map(|mut url| {
                        if let Some(set) = SETTERS.get(which) {
                            // A refused value leaves the URL as it was (WHATWG).
                            let _ = set(&mut url, &value);
                        }
                        url
                    })
                };
                match url {
                    Some(url) => components(&ctx, &url),
                    None => Ok(Value::new_null(ctx)),
                }
            },
        )?,
    )?;
    o.set(
        "urlOrigin",
        Function::new(ctx.clone(), |href: String| {
            Url::parse(&href).map_or_else(|_| "null".to_owned(), |u| quirks::origin(&u))
        })?,
    )?;
    o.set(
        "domainToASCII",
        Function::new(ctx.clone(), |d: String| quirks::domain_to_ascii(&d))?,
    )?;
    o.set(
        "domainToUnicode",
        Function::new(ctx.clone(), |d: String| quirks::domain_to_unicode(&d))?,
    )?;
    o.set(
        "formParse",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, s: String| -> rquickjs::Result<Array<'js>> {
                let out = Array::new(ctx)?;
                let mut i = 0;
                for (k, v) in form_urlencoded::parse(s.as_bytes()) {
                    out.set(i, k.as_ref())?;
                    out.set(i + 1, v.as_ref())?;
                    i += 2;
                }
                Ok(out)
            },
        )?,
    )?;
    o.set(
        "percentDecode",
        Function::new(ctx.clone(), |s: String, plus: bool| {
            let s = if plus { s.replace('+', " ") } else { s };
            percent_encoding::percent_decode_str(&s)
                .decode_utf8_lossy()
                .into_owned()
        })?,
    )?;
    o.set(
        "formEncode",
        Function::new(ctx.clone(), |s: String| {
            form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
        })?,
    )
}

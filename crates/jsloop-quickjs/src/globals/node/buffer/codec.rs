//! Byte encodings of Node's `Buffer`, on plain slices: what the engine
//! glue in `buffer.rs` hands strings and typed-array bytes to.

use std::borrow::Cow;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// An encoding, by the number `buffer.js` passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// `utf8`/`utf-8`.
    Utf8,
    /// `utf16le`/`ucs2`.
    Utf16le,
    /// `latin1`/`binary`.
    Latin1,
    /// `ascii`.
    Ascii,
    /// `base64`.
    Base64,
    /// `base64url`.
    Base64url,
    /// `hex`.
    Hex,
}

impl Encoding {
    /// The encoding numbered `n` (the order of `kEncodings` in `buffer.js`).
    pub(crate) fn from_code(n: f64) -> Option<Self> {
        Some(match n as i32 {
            0 => Self::Utf8,
            1 => Self::Utf16le,
            2 => Self::Latin1,
            3 => Self::Ascii,
            4 => Self::Base64,
            5 => Self::Base64url,
            6 => Self::Hex,
            _ => return None,
        })
    }
}

/// Turns the engine's WTF-8 into UTF-8 in place: each lone surrogate
/// (`ED A0..BF xx`) becomes U+FFFD (`EF BF BD`), as Node encodes it.
pub(crate) fn replace_surrogates(bytes: &mut [u8]) {
    let mut at = 0;
    while let Some(i) = memchr::memchr(0xED, &bytes[at..]) {
        let i = at + i;
        if i + 2 < bytes.len() && (0xA0..=0xBF).contains(&bytes[i + 1]) {
            bytes[i..i + 3].copy_from_slice(&[0xEF, 0xBF, 0xBD]);
        }
        at = i + 1;
    }
}

/// The largest `n <= max` where a character of `bytes` (UTF-8) starts, so
/// that writing `bytes[..n]` never splits one.
pub(crate) fn utf8_boundary(bytes: &[u8], max: usize) -> usize {
    if max >= bytes.len() {
        return bytes.len();
    }
    let mut n = max;
    while n > 0 && bytes[n] & 0xC0 == 0x80 {
        n -= 1;
    }
    n
}

/// UTF-8 decoding with the WHATWG replacement of invalid sequences
/// (one U+FFFD per maximal subpart), as Node's `toString()`.
pub(crate) fn utf8_decode(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The value of each byte as a hex digit; `0xFF` for a non-digit.
const HEX_DIGITS: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut c = 0;
    while c < 10 {
        t[b'0' as usize + c] = c as u8;
        c += 1;
    }
    let mut c = 0;
    while c < 6 {
        t[b'a' as usize + c] = 10 + c as u8;
        t[b'A' as usize + c] = 10 + c as u8;
        c += 1;
    }
    t
};

/// Hex pairs up to the first invalid one (Node keeps what came before).
pub(crate) fn hex_decode(s: &[u8]) -> Vec<u8> {
    let mut out = vec![0; s.len() / 2];
    let mut n = 0;
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        let (h, l) = (
            HEX_DIGITS[usize::from(pair[0])],
            HEX_DIGITS[usize::from(pair[1])],
        );
        if (h | l) > 15 {
            break;
        }
        *o = h << 4 | l;
        n += 1;
    }
    out.truncate(n);
    out
}

/// Lower-case hex.
pub(crate) fn hex_encode(bytes: &[u8]) -> Vec<u8> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = vec![0; bytes.len() * 2];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 15)];
    }
    out
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_allow_trailing_bits(true)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD_PAD: GeneralPurpose =
    GeneralPurpose::new(&alphabet::STANDARD, GeneralPurposeConfig::new());
const URL_SAFE_NO_PAD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_encode_padding(false),
);

/// The value of a character of either base64 alphabet.
fn base64_digit(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    }))
}

/// Node's forgiving base64 (either alphabet whatever `url` says; other
/// characters skipped; decoding stops at the first `=`).
pub(crate) fn base64_decode(s: &[u8], url: bool) -> Vec<u8> {
    let fast = if url { &URL_SAFE } else { &STANDARD };
    if let Ok(v) = fast.decode(s) {
        return v;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in s {
        if c == b'=' {
            break;
        }
        let Some(d) = base64_digit(c) else { continue };
        acc = (acc << 6 | d) & 0xFF_FFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Base64 (padded) or base64url (unpadded), as Node writes them.
pub(crate) fn base64_encode(bytes: &[u8], url: bool) -> String {
    if url {
        URL_SAFE_NO_PAD.encode(bytes)
    } else {
        STANDARD_PAD.encode(bytes)
    }
}

/// Each byte as the character of the same number.
pub(crate) fn latin1_decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Each byte with its top bit cleared.
pub(crate) fn ascii_decode(bytes: &[u8]) -> Vec<u8> {
    bytes.iter().map(|&b| b & 0x7F).collect()
}

/// Little-endian code units (a last odd byte is dropped).
pub(crate) fn utf16le_decode(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect()
}

/// Code units as little-endian bytes.
pub(crate) fn utf16le_encode(units: &[u16]) -> Vec<u8> {
    units.iter().flat_map(|u| u.to_le_bytes()).collect()
}

/// The low byte of each code unit (Node's `latin1` and `ascii` writes).
pub(crate) fn latin1_encode(units: &[u16]) -> Vec<u8> {
    units.iter().map(|&u| u as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement() {
        let mut b = b"a\xED\xA0\xBDb".to_vec();
        replace_surrogates(&mut b);
        assert_eq!(b, "a\u{FFFD}b".as_bytes());
        let mut ok = "\u{D7FF}".as_bytes().to_vec();
        replace_surrogates(&mut ok);
        assert_eq!(ok, "\u{D7FF}".as_bytes());
    }

    #[test]
    fn boundary_does_not_split_characters() {
        let s = "aé€".as_bytes();
        assert_eq!(utf8_boundary(s, 2), 1);
        assert_eq!(utf8_boundary(s, 3), 3);
        assert_eq!(utf8_boundary(s, 5), 3);
        assert_eq!(utf8_boundary(s, 9), 6);
    }

    #[test]
    fn hex_stops_at_first_bad_pair() {
        assert_eq!(hex_decode(b"abCDz1ff"), [0xab, 0xcd]);
        assert_eq!(hex_decode(b"abc"), [0xab]);
        assert_eq!(hex_encode(&[0, 0xff]), b"00ff");
    }

    #[test]
    fn base64_is_forgiving() {
        assert_eq!(base64_decode(b"aGVsbG8=", false), b"hello");
        assert_eq!(base64_decode(b"aGVs bG8", false), b"hello");
        assert_eq!(base64_decode(b"aGVsbG8=aGVsbG8=", false), b"hello");
        assert_eq!(base64_decode(b"-_-_", false), [0xfb, 0xff, 0xbf]);
        assert_eq!(base64_decode(b"+/+/", true), [0xfb, 0xff, 0xbf]);
        assert_eq!(base64_encode(&[0xfb, 0xff], true), "-_8");
        assert_eq!(base64_encode(&[0xfb, 0xff], false), "+/8=");
    }

    #[test]
    fn utf8_replacement_by_maximal_subpart() {
        assert_eq!(utf8_decode(b"a\xF0\x9F\x98b\xFF"), "a\u{FFFD}b\u{FFFD}");
    }
}

//! A peer certificate as Node's `getPeerCertificate()` shows it: subject,
//! issuer, `subjectaltname`, validity and fingerprints.

use rquickjs::{Ctx, Object, TypedArray};
use sha2::{Digest, Sha256};
use x509_parser::prelude::{GeneralName, ParsedExtension, X509Certificate, X509Name};

/// `AB:CD:…` of `bytes`, as OpenSSL prints fingerprints and serials.
fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// The short names OpenSSL gives the usual name attributes.
fn short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "1.2.840.113549.1.9.1" => "emailAddress",
        _ => return None,
    })
}

fn name_object<'js>(ctx: &Ctx<'js>, name: &X509Name<'_>) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    for attr in name.iter_attributes() {
        let Some(key) = short_name(&attr.attr_type().to_id_string()) else {
            continue;
        };
        if let Ok(v) = attr.as_str() {
            o.set(key, v)?;
        }
    }
    Ok(o)
}

/// `Nov 30 13:00:00 2026 GMT`, OpenSSL's form of a time.
fn openssl_time(t: &x509_parser::time::ASN1Time) -> String {
    let d = t.to_datetime();
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[usize::from(u8::from(d.month())) - 1];
    format!(
        "{month} {:>2} {:02}:{:02}:{:02} {} GMT",
        d.day(),
        d.hour(),
        d.minute(),
        d.second(),
        d.year()
    )
}

fn altnames(cert: &X509Certificate<'_>) -> Option<String> {
    let names = cert
        .extensions()
        .iter()
        .find_map(|e| match e.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => Some(&san.general_names),
            _ => None,
        })?;
    let parts: Vec<String> = names
        .iter()
        .filter_map(|n| match n {
            GeneralName::DNSName(d) => Some(format!("DNS:{d}")),
            GeneralName::RFC822Name(e) => Some(format!("email:{e}")),
            GeneralName::URI(u) => Some(format!("URI:{u}")),
            GeneralName::IPAddress(ip) => match ip.len() {
                4 => Some(format!(
                    "IP Address:{}.{}.{}.{}",
                    ip[0], ip[1], ip[2], ip[3]
                )),
                16 => {
                    let a = <[u8; 16]>::try_from(*ip).ok()?;
                    Some(format!("IP Address:{}", std::net::Ipv6Addr::from(a)).to_uppercase())
                        .map(|s| s.replacen("IP ADDRESS", "IP Address", 1))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    Some(parts.join(", "))
}

/// The certificate `der` as Node's certificate object, or `None` when it
/// does not parse.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn info<'js>(ctx: &Ctx<'js>, der: &[u8]) -> rquickjs::Result<Option<Object<'js>>> {
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(der) else {
        return Ok(None);
    };
    let o = Object::new(ctx.clone())?;
    o.set("subject", name_object(ctx, cert.subject())?)?;
    o.set("issuer", name_object(ctx, cert.issuer())?)?;
    if let Some(alt) = altnames(&cert) {
        o.set("subjectaltname", alt)?;
    }
    o.set("ca", cert.is_ca())?;
    o.set("valid_from", openssl_time(&cert.validity().not_before))?;
    o.set("valid_to", openssl_time(&cert.validity().not_after))?;
    o.set(
        "serialNumber",
        colon_hex(cert.raw_serial()).replace(':', ""),
    )?;
    o.set("fingerprint256", colon_hex(&Sha256::digest(der)))?;
    o.set(
        "fingerprint",
        colon_hex(&<sha1::Sha1 as Digest>::digest(der)),
    )?;
    o.set("raw", TypedArray::new(ctx.clone(), der.to_vec())?)?;
    Ok(Some(o))
}

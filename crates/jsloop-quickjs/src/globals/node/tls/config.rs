//! rustls configurations from the options of `tls.connect` and
//! `tls.createServer` (PEM strings, ALPN names, version bounds).

use std::sync::{Arc, OnceLock};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore, ServerConfig, SupportedProtocolVersion};

use super::verify::{ClientVerifier, ServerVerifier, Slot};

/// What the JavaScript half gives a new connection.
#[derive(Debug, Default)]
pub(crate) struct Options {
    /// PEM certificates to trust instead of the system's roots.
    pub(crate) ca: Option<Vec<String>>,
    /// Our PEM certificate chain.
    pub(crate) cert: Option<String>,
    /// Our PEM private key.
    pub(crate) key: Option<String>,
    /// ALPN protocol names, preferred first.
    pub(crate) alpn: Vec<String>,
    /// `TLSv1.2` or `TLSv1.3`.
    pub(crate) min_version: String,
    /// `TLSv1.2` or `TLSv1.3`.
    pub(crate) max_version: String,
    /// A server asks clients for a certificate.
    pub(crate) request_cert: bool,
}

/// Why a configuration cannot be made; the message is the JavaScript error's.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConfigError {
    #[error("no valid certificate found in {0}")]
    NoCert(&'static str),
    #[error("no valid private key found in key")]
    NoKey,
    #[error("a server needs both key and cert")]
    ServerIdentity,
    #[error("{0}")]
    Rustls(#[from] rustls::Error),
    #[error("no protocol between {0} and {1}")]
    Versions(String, String),
}

pub(crate) fn provider() -> Arc<CryptoProvider> {
    static P: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    P.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// The system's root certificates (read once).
pub(crate) fn system_roots() -> &'static [CertificateDer<'static>] {
    static ROOTS: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    ROOTS.get_or_init(|| rustls_native_certs::load_native_certs().certs)
}

/// The certificates of the PEM file named by `NODE_EXTRA_CA_CERTS` in the
/// process's environment (read once, as node reads it at startup): trusted
/// beside the system's roots wherever no `ca` option replaces them. A file
/// that cannot be read is ignored with node's warning on stderr.
pub(crate) fn extra_roots() -> &'static [CertificateDer<'static>] {
    static EXTRA: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    EXTRA.get_or_init(|| {
        let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS").filter(|p| !p.is_empty()) else {
            return Vec::new();
        };
        let loaded = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|pem| {
                CertificateDer::pem_slice_iter(&pem)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| e.to_string())
            });
        match loaded {
            Ok(list) => list,
            Err(e) => {
                eprintln!(
                    "Warning: Ignoring extra certs from `{}`, load failed: {e}",
                    path.to_string_lossy()
                );
                Vec::new()
            }
        }
    })
}

fn certs(pem: &str, what: &'static str) -> Result<Vec<CertificateDer<'static>>, ConfigError> {
    let list: Vec<_> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .filter_map(Result::ok)
        .collect();
    if list.is_empty() {
        return Err(ConfigError::NoCert(what));
    }
    Ok(list)
}

fn roots(ca: Option<&Vec<String>>) -> Result<RootCertStore, ConfigError> {
    let mut store = RootCertStore::empty();
    match ca {
        Some(list) => {
            for pem in list {
                for c in certs(pem, "ca")? {
                    store.add(c)?;
                }
            }
        }
        None => {
            store.add_parsable_certificates(system_roots().iter().cloned());
            store.add_parsable_certificates(extra_roots().iter().cloned());
        }
    }
    Ok(store)
}

fn versions(o: &Options) -> Result<Vec<&'static SupportedProtocolVersion>, ConfigError> {
    let rank = |v: &str| match v {
        "TLSv1.3" => 3,
        "TLSv1.2" => 2,
        _ => 1,
    };
    let (lo, hi) = (rank(&o.min_version), rank(&o.max_version));
    let mut out = Vec::new();
    if lo <= 3 && hi >= 3 {
        out.push(&rustls::version::TLS13);
    }
    if lo <= 2 && hi >= 2 {
        out.push(&rustls::version::TLS12);
    }
    if out.is_empty() {
        return Err(ConfigError::Versions(
            o.min_version.clone(),
            o.max_version.clone(),
        ));
    }
    Ok(out)
}

fn identity(
    o: &Options,
) -> Result<Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>, ConfigError> {
    match (&o.cert, &o.key) {
        (Some(c), Some(k)) => {
            let chain = certs(c, "cert")?;
            let key =
                PrivateKeyDer::from_pem_slice(k.as_bytes()).map_err(|_| ConfigError::NoKey)?;
            Ok(Some((chain, key)))
        }
        _ => Ok(None),
    }
}

fn alpn(o: &Options) -> Vec<Vec<u8>> {
    o.alpn.iter().map(|s| s.as_bytes().to_vec()).collect()
}

/// A client's configuration; its verifier records failures in `slot`.
///
/// # Errors
///
/// Bad PEM input or impossible version bounds.
pub(crate) fn client(o: &Options, slot: Slot) -> Result<ClientConfig, ConfigError> {
    let p = provider();
    let verifier = ServerVerifier::new(roots(o.ca.as_ref())?, p.clone(), slot);
    let builder = ClientConfig::builder_with_provider(p)
        .with_protocol_versions(&versions(o)?)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier));
    let mut config = match identity(o)? {
        Some((chain, key)) => builder.with_client_auth_cert(chain, key)?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = alpn(o);
    Ok(config)
}

/// A server's configuration; with `request_cert`, its client verifier
/// records failures in `slot`.
///
/// # Errors
///
/// Bad or missing PEM input, or impossible version bounds.
pub(crate) fn server(o: &Options, slot: Slot) -> Result<ServerConfig, ConfigError> {
    let p = provider();
    let builder =
        ServerConfig::builder_with_provider(p.clone()).with_protocol_versions(&versions(o)?)?;
    let builder = if o.request_cert {
        let v = ClientVerifier::new(roots(o.ca.as_ref())?, p, slot);
        builder.with_client_cert_verifier(Arc::new(v))
    } else {
        builder.with_no_client_auth()
    };
    let (chain, key) = identity(o)?.ok_or(ConfigError::ServerIdentity)?;
    let mut config = builder.with_single_cert(chain, key)?;
    config.alpn_protocols = alpn(o);
    Ok(config)
}

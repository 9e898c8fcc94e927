//! Certificate verifiers that record a failed verification instead of
//! failing the handshake, so the JavaScript half decides as Node does
//! (`rejectUnauthorized`, `authorized`, `authorizationError`).

use std::sync::{Arc, Mutex, PoisonError};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::WebPkiClientVerifier;
use rustls::{
    CertificateError, DigitallySignedStruct, DistinguishedName, Error, RootCertStore,
    SignatureScheme,
};

/// A verification failure as OpenSSL (and so Node) names it: `(code, message)`.
pub(crate) type Failure = (&'static str, &'static str);

/// Where a verifier leaves its failure for the connection's owner.
pub(crate) type Slot = Arc<Mutex<Option<Failure>>>;

fn record(slot: &Slot, failure: Failure) {
    *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(failure);
}

/// Whether the DER certificate names itself as its issuer.
fn self_signed(der: &[u8]) -> bool {
    x509_parser::parse_x509_certificate(der)
        .map(|(_, c)| c.subject().as_raw() == c.issuer().as_raw())
        .unwrap_or(false)
}

/// Node's name for a chain that does not verify.
///
/// A lone self-signed certificate that does not verify is reported as
/// such whatever webpki found first (OpenSSL builds the chain first).
fn failure(e: &Error, leaf: &CertificateDer<'_>, intermediates: &[CertificateDer<'_>]) -> Failure {
    if intermediates.is_empty() && self_signed(leaf) {
        return ("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate");
    }
    match e {
        Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => {
                if intermediates.last().is_some_and(|c| self_signed(c)) {
                    (
                        "SELF_SIGNED_CERT_IN_CHAIN",
                        "self-signed certificate in certificate chain",
                    )
                } else if intermediates.is_empty() {
                    (
                        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                        "unable to verify the first certificate",
                    )
                } else {
                    (
                        "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
                        "unable to get local issuer certificate",
                    )
                }
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                ("CERT_HAS_EXPIRED", "certificate has expired")
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                ("CERT_NOT_YET_VALID", "certificate is not yet valid")
            }
            CertificateError::BadSignature => {
                ("CERT_SIGNATURE_FAILURE", "certificate signature failure")
            }
            CertificateError::Revoked => ("CERT_REVOKED", "certificate revoked"),
            _ => ("CERT_REJECTED", "certificate rejected"),
        },
        _ => ("CERT_REJECTED", "certificate rejected"),
    }
}

/// Verifies a server's chain against `roots`, leaving the name check to
/// the JavaScript half (Node's `checkServerIdentity`).
#[derive(Debug)]
pub(crate) struct ServerVerifier {
    inner: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
    slot: Slot,
}

impl ServerVerifier {
    pub(crate) fn new(roots: RootCertStore, provider: Arc<CryptoProvider>, slot: Slot) -> Self {
        let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .ok();
        Self {
            inner,
            provider,
            slot,
        }
    }
}

impl ServerCertVerifier for ServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let result = match &self.inner {
            Some(v) => v.verify_server_cert(end_entity, intermediates, server_name, ocsp, now),
            None => Err(Error::InvalidCertificate(CertificateError::UnknownIssuer)),
        };
        match result {
            Ok(_)
            | Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => {}
            Err(e) => record(&self.slot, failure(&e, end_entity, intermediates)),
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Asks clients for a certificate (`requestCert`) and verifies it against
/// `roots`; a client without one is accepted and recorded as unauthorized.
#[derive(Debug)]
pub(crate) struct ClientVerifier {
    inner: Option<Arc<dyn ClientCertVerifier>>,
    provider: Arc<CryptoProvider>,
    slot: Slot,
}

impl ClientVerifier {
    pub(crate) fn new(roots: RootCertStore, provider: Arc<CryptoProvider>, slot: Slot) -> Self {
        let inner = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .allow_unauthenticated()
            .build()
            .ok();
        record(
            &slot,
            (
                "UNABLE_TO_GET_ISSUER_CERT",
                "peer did not return a certificate",
            ),
        );
        Self {
            inner,
            provider,
            slot,
        }
    }
}

impl ClientCertVerifier for ClientVerifier {
    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        self.inner.as_ref().map_or(&[], |v| v.root_hint_subjects())
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, Error> {
        let result = match &self.inner {
            Some(v) => v
                .verify_client_cert(end_entity, intermediates, now)
                .map(|_| ()),
            None => Err(Error::InvalidCertificate(CertificateError::UnknownIssuer)),
        };
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) =
            result.err().map(|e| failure(&e, end_entity, intermediates));
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

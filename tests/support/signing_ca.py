"""A certificate authority made by the tests (cryptography): a root, and signer certificates it issues, packed
with their key and chain into a PKCS#12 the way a province's signing certificate is delivered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, pkcs12
from cryptography.x509.oid import NameOID

from kit.signing import Credentials

PASSPHRASE = b"mat-khau-thu"


@dataclass(frozen=True)
class MadeCA:
    name: str
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, name: str = "CA thử nghiệm ISO-HCC") -> MadeCA:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        certificate = (_builder(subject, subject, key.public_key())
                       .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                       .add_extension(_usage(ca=True), critical=True)
                       .sign(key, hashes.SHA256()))
        return cls(name, key, certificate)

    @property
    def root_der(self) -> bytes:
        return self.certificate.public_bytes(Encoding.DER)

    @property
    def root_pem(self) -> bytes:
        return self.certificate.public_bytes(Encoding.PEM)

    def signer(self, common_name: str, *, trusted: tuple[bytes, ...] | None = None) -> Credentials:
        """A signer certificate for `common_name` issued by this CA, as a province's Credentials; `trusted`: the
        roots those credentials verify against (this CA's when not given)."""
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                             x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
        certificate = (_builder(subject, self.certificate.subject, key.public_key())
                       .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                       .add_extension(_usage(ca=False), critical=True)
                       .sign(self.key, hashes.SHA256()))
        packed = pkcs12.serialize_key_and_certificates(b"signer", key, certificate, [self.certificate],
                                                       BestAvailableEncryption(PASSPHRASE))
        return Credentials(packed, PASSPHRASE, (self.root_der,) if trusted is None else trusted)


def _builder(subject: x509.Name, issuer: x509.Name, public_key) -> x509.CertificateBuilder:
    now = datetime.now(UTC)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365)))


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)

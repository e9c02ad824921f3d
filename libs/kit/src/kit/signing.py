"""PAdES signatures on the PDFs a province issues (ADR 30): sign with the province's PKCS#12 key and certificate
chain, and verify a signed PDF against the roots the province trusts. A province without a configured certificate
gets its PDFs unsigned.

SIGNING_CERTIFICATES names, per province, `tenant=path-of-the-p12:ENV_VAR_OF_ITS_PASSPHRASE:path-of-roots.pem`,
comma-separated; the files come from a Secret mounted in the pod, the passphrase from the environment variable it
names (never a file in the repository). The roots file may be omitted: the self-signed certificates of the chain in
the PKCS#12 are then the roots trusted.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kit.config import MissingSetting, env_str

FIELD = "ChuKySo"  # the signature field's name ("chữ ký số")
HEADER = "X-Signature"


class SignatureInvalid(RuntimeError):
    """A PDF just signed did not verify: serving it would hand out a document nobody can rely on."""


@dataclass(frozen=True)
class Verdict:
    """What a verification found: `intact` (the signed bytes are unchanged), `valid` (the signature is the
    certificate's), `trusted` (the certificate chains to a configured root) and whether the signature covers the
    whole file; `signer` is the certificate's common name."""

    intact: bool
    valid: bool
    trusted: bool
    whole_file: bool
    signer: str

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.whole_file


@dataclass(frozen=True)
class Credentials:
    """One province's signing key and certificate chain (PKCS#12) and the roots its signatures verify against."""

    pkcs12: bytes
    passphrase: bytes | None
    roots: tuple[bytes, ...] = ()  # DER certificates; empty: the self-signed ones of the PKCS#12 chain

    def trust_roots(self) -> list[bytes]:
        if self.roots:
            return list(self.roots)
        from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

        _key, own, chain = pkcs12.load_key_and_certificates(self.pkcs12, self.passphrase)
        return [c.public_bytes(Encoding.DER) for c in [*(chain or []), own] if c and c.subject == c.issuer]


def sign_pdf(pdf: bytes, credentials: Credentials, *, reason: str = "Ký số văn bản") -> bytes:
    """`pdf` signed as PAdES baseline B-B (an invisible signature field, the certificate chain embedded)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    signer = signers.SimpleSigner.load_pkcs12_data(credentials.pkcs12, other_certs=[],
                                                   passphrase=credentials.passphrase)
    metadata = signers.PdfSignatureMetadata(field_name=FIELD, subfilter=SigSeedSubFilter.PADES, reason=reason)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    return signers.PdfSigner(metadata, signer=signer).sign_pdf(writer).getvalue()


def verify_pdf(pdf: bytes, roots: list) -> Verdict | None:
    """The verdict on the last signature of `pdf` against `roots` (DER certificates), None when it has none."""
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    if not signatures:
        return None
    signature = signatures[-1]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[x509.Certificate.load(r) for r in roots]))
    covers_all = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return Verdict(intact=status.intact, valid=status.valid, trusted=status.trusted, whole_file=covers_all,
                   signer=status.signing_cert.subject.native.get("common_name", ""))


def sign_and_verify(pdf: bytes, credentials: Credentials) -> tuple[bytes, Verdict]:
    """`pdf` signed, and the verdict on what was signed; raises SignatureInvalid rather than return a signed
    file that does not verify (an expired certificate, a root that does not match the key)."""
    signed = sign_pdf(pdf, credentials)
    verdict = verify_pdf(signed, credentials.trust_roots())
    if verdict is None or not verdict.ok:
        raise SignatureInvalid(f"the signed PDF did not verify: {verdict}")
    return signed, verdict


def header_value(verdict: Verdict) -> str:
    """`valid; signer*=UTF-8''<the signer's name, percent-encoded>` (RFC 8187: a header is Latin-1)."""
    return f"valid; signer*=UTF-8''{quote(verdict.signer)}"


def keyring_from_env(environ: Mapping[str, str]) -> dict[str, Credentials]:
    """{tenant: Credentials} from SIGNING_CERTIFICATES (see the module's docstring); {} when not set."""
    keyring = {}
    for entry in filter(None, (e.strip() for e in env_str(environ, "SIGNING_CERTIFICATES", "").split(","))):
        tenant, _, spec = entry.partition("=")
        path, passphrase_var, roots = ([*spec.split(":"), "", ""])[:3]
        if not tenant or not path:
            raise MissingSetting(f"SIGNING_CERTIFICATES: {entry!r} is not tenant=p12-path[:PASSPHRASE_VAR[:roots]]")
        passphrase = env_str(environ, passphrase_var).encode() if passphrase_var else None
        keyring[tenant] = Credentials(Path(path).read_bytes(), passphrase, pem_certificates(roots) if roots else ())
    return keyring


def pem_certificates(path: str) -> tuple[bytes, ...]:
    """The certificates of a PEM file (one or several), as DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return tuple(c.public_bytes(Encoding.DER) for c in x509.load_pem_x509_certificates(Path(path).read_bytes()))

"""A self-signed certificate imported into ACM, for HTTPS listeners on the embedded sandbox (no CA there)."""
from __future__ import annotations

import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def self_signed(domain: str, days: int = 30) -> tuple[bytes, bytes]:
    """(certificate, private key) PEM for `domain`: RSA 2048, one of the key types ACM imports
    (https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()))


def imported_certificate(acm: Any, domain: str) -> str:
    """ImportCertificate of a fresh self-signed certificate for `domain` with an ACM client; its ARN."""
    certificate, key = self_signed(domain)
    return acm.import_certificate(Certificate=certificate, PrivateKey=key)["CertificateArn"]

"""RSA keys for a test GitHub App (the stand-in verifies RS256 JWTs with the public half)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppKey:
    private_pem: str
    public_pem: str


def generate_app_key(bits: int = 2048) -> AppKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,  # "BEGIN RSA PRIVATE KEY", like GitHub's
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return AppKey(private_pem, public_pem)

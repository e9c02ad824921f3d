"""A test token issuer: an RSA key, its JWKS, and tokens with any claims (including broken ones)."""

from __future__ import annotations

import json
import time

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from kit.auth import AuthSettings, TokenVerifier

ISSUER = "iso-hcc-test"
AUDIENCE = "iso-hcc"


class Issuer:
    def __init__(self, kid: str = "test-key"):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = kid
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.jwks = {"keys": [{**jwk, "kid": kid, "use": "sig", "alg": "RS256"}]}

    def verifier(self) -> TokenVerifier:
        return TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=self.jwks))

    def claims(self, *, sub: str = "tester", tenant: str | None = None, roles=("province_officer",),
               agency_id: str | None = None, **overrides) -> dict:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": sub, "iat": now, "exp": now + 600, "roles": list(roles)}
        if tenant:
            claims["tenant"] = tenant
        if agency_id:
            claims["agency_id"] = agency_id
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, **claims) -> str:
        return jwt.encode(self.claims(**claims), self.key, algorithm="RS256", headers={"kid": self.kid})

    def sign(self, claims: dict, *, kid: str | None = None) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def headers(self, **claims) -> dict:
        return {"Authorization": f"Bearer {self.token(**claims)}"}

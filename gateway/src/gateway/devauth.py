"""The development token issuer: signs RS256 tokens for seeded users. Only on with DEV_LOGIN=1.

`<tenant>.agency` is an agency ISO secretary (`agency_officer`); their `agency_id` is resolved when the first
token is issued, by `agency_resolver` (the web UI installs one that asks the registry for the tenant's Sở KH&CN,
else its first department by name), because the demo agencies' ids depend on which demo data was seeded.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# The demo provinces, and the successors of the two merged on 1/7/2025 (their users read the predecessors' archive).
DEMO_TENANTS = ("an-giang", "binh-thuan", "thai-binh", "ho-chi-minh", "lam-dong", "hung-yen")
TENANT_ROLES = {"admin": "province_admin", "officer": "province_officer", "leader": "province_leader",
                "inspector": "inspector"}
# How the demo users are named where the pages greet them (the province's name follows in the header).
TENANT_NAMES = {"admin": "Quản trị viên tỉnh", "officer": "Chuyên viên Sở KH&CN", "leader": "Lãnh đạo Sở KH&CN",
                "inspector": "Thành viên đoàn kiểm tra"}


@dataclass(frozen=True)
class DevUser:
    username: str
    name: str
    roles: tuple[str, ...]
    tenant: str | None = None
    agency_id: str | None = None


def demo_users() -> dict[str, DevUser]:
    users = [DevUser("admin", "Quản trị nền tảng", ("platform_admin",)),
             DevUser("national", "Cán bộ Bộ KH&CN", ("national_viewer",))]
    for tenant in DEMO_TENANTS:
        for suffix, role in TENANT_ROLES.items():
            users.append(DevUser(f"{tenant}.{suffix}", TENANT_NAMES[suffix], (role,), tenant))
        users.append(DevUser(f"{tenant}.agency", "Thư ký ISO", ("agency_officer",), tenant))
    return {user.username: user for user in users}


class DevIssuer:
    """Holds one RSA key; publishes it as a JWKS and signs short-lived tokens for known users."""

    def __init__(self, private_key: rsa.RSAPrivateKey, *, issuer: str, audience: str, ttl_seconds: int = 3600):
        self._key, self.issuer, self.audience, self.ttl = private_key, issuer, audience, ttl_seconds
        self.users = demo_users()
        self.agency_resolver: Callable[[str], str | None] | None = None
        self._agencies: dict[str, str] = {}
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private_key.public_key()))
        self.kid = _thumbprint(jwk)
        self._jwks = {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    @classmethod
    def from_file(cls, path: Path, **options) -> DevIssuer:
        """Load the key at `path`, creating it on first use (so tokens survive restarts)."""
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            draft = path.with_name(f".{path.name}.{os.getpid()}")
            draft.write_bytes(pem)
            draft.chmod(0o600)
            try:  # link is atomic and refuses to replace: when two processes race, the first key wins
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        return cls(serialization.load_pem_private_key(path.read_bytes(), password=None), **options)

    def jwks(self) -> dict:
        return self._jwks

    def session_secret(self) -> str:
        """A key for signing web sessions, derived from this signing key (so every worker agrees on it)."""
        pem = self._key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
        return hmac.new(pem, b"iso-hcc web session", hashlib.sha256).hexdigest()

    def issue(self, username: str, now: float | None = None) -> str:
        user = self.users[username]
        issued = int(now if now is not None else time.time())
        claims = {"iss": self.issuer, "aud": self.audience, "sub": user.username, "name": user.name,
                  "roles": list(user.roles), "iat": issued, "exp": issued + self.ttl,
                  "jti": uuid.uuid4().hex}  # each sign-in its own token, so signing out one ends only that one
        if user.tenant:
            claims["tenant"] = user.tenant
        agency = user.agency_id or self._agency_of(user)
        if agency:
            claims["agency_id"] = agency
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})

    def _agency_of(self, user: DevUser) -> str | None:
        if "agency_officer" not in user.roles or user.tenant is None or self.agency_resolver is None:
            return None
        if user.tenant not in self._agencies:
            found = self.agency_resolver(user.tenant)
            if found is None:
                return None
            self._agencies[user.tenant] = found
        return self._agencies[user.tenant]


def _thumbprint(jwk: dict) -> str:
    import base64
    import hashlib

    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()

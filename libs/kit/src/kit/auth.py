"""Bearer-token verification (RS256 through JWKS) into a `Principal`, and role checks."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import jwt

from kit import tenancy

ROLES = frozenset({
    "platform_admin", "national_viewer", "province_admin", "province_officer",
    "inspector", "province_leader", "agency_officer",
})


class Unauthorized(Exception):
    """No valid bearer token; maps to 401."""


class Forbidden(Exception):
    """A valid token without the role the route needs; maps to 403."""


@dataclass(frozen=True)
class Principal:
    """Who is asking, as verified from the token. `tenant` is None for platform and national roles."""

    subject: str
    tenant: tenancy.TenantId | None
    roles: frozenset[str]
    agency_id: str | None = None
    name: str | None = None
    token: str | None = None

    def has_any(self, roles: set[str] | frozenset[str]) -> bool:
        return bool(self.roles & set(roles))


@dataclass(frozen=True)
class AuthSettings:
    issuer: str
    audience: str
    jwks_url: str | None = None
    jwks: dict | None = None
    leeway_seconds: int = 30


class TokenVerifier:
    """Verifies RS256 tokens: signature by `kid` from the JWKS, exp/iat/iss/aud required, fixed algorithm."""

    def __init__(self, settings: AuthSettings):
        self.settings = settings
        if settings.jwks is not None:
            self._keys = {k["kid"]: jwt.PyJWK(k).key for k in settings.jwks["keys"]}
            self._client = None
        elif settings.jwks_url:
            self._client = jwt.PyJWKClient(settings.jwks_url, cache_keys=True, lifespan=300, timeout=5)
        else:
            raise ValueError("a JWKS or a JWKS URL is required")

    def verify(self, token: str) -> Principal:
        try:
            key = self._key(token)
            claims = jwt.decode(
                token, key, algorithms=["RS256"], audience=self.settings.audience, issuer=self.settings.issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]}, leeway=self.settings.leeway_seconds,
            )
            return _principal(claims, token)
        except (jwt.PyJWTError, ValueError, KeyError) as exc:
            raise Unauthorized(f"invalid token: {exc}") from exc

    def _key(self, token: str):
        if self._client is not None:
            return self._client.get_signing_key_from_jwt(token).key
        kid = jwt.get_unverified_header(token).get("kid")
        if kid not in self._keys:
            raise Unauthorized("unknown signing key")
        return self._keys[kid]


def _principal(claims: dict, token: str) -> Principal:
    roles = frozenset(r for r in claims.get("roles", []) if r in ROLES)
    tenant = claims.get("tenant")
    agency = claims.get("agency_id")
    return Principal(
        subject=str(claims["sub"]),
        tenant=tenancy.tenant_id(tenant) if tenant else None,
        roles=roles,
        agency_id=str(agency) if agency else None,
        name=claims.get("name"),
        token=token,
    )


def bearer_token(header: str | None) -> str:
    if not header:
        raise Unauthorized("missing bearer token")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("the Authorization header must be 'Bearer <token>'")
    return token.strip()


def require(*roles: str) -> Callable:
    """Route decorator: the current principal must hold one of `roles`, else 403."""
    unknown = set(roles) - ROLES
    if unknown:
        raise ValueError(f"unknown roles {unknown}")

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def checked(*args, **kwargs):
            from flask import g

            if not g.principal.has_any(frozenset(roles)):
                raise Forbidden(f"this action needs one of the roles: {', '.join(sorted(roles))}")
            return view(*args, **kwargs)

        checked.required_roles = frozenset(roles)
        return checked

    return decorate


def auth_from_env(environ) -> AuthSettings | None:
    """JWT_ISSUER, JWT_AUDIENCE (default `iso-hcc`) and JWT_JWKS_URL; None when no JWKS URL is set."""
    from kit.config import env_str

    jwks_url = env_str(environ, "JWT_JWKS_URL", None)
    if jwks_url is None:
        return None
    return AuthSettings(issuer=env_str(environ, "JWT_ISSUER"), audience=env_str(environ, "JWT_AUDIENCE", "iso-hcc"),
                        jwks_url=jwks_url)

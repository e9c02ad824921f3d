"""Bearer-token verification (RS256 through JWKS) into a `Principal`, and role checks.

The issuer's JWKS is fetched from its URL and cached (`RemoteKeys`): a token naming an unknown `kid` makes
one early refetch (at most every `min_refetch_seconds`), so a rotated key is accepted without a restart and a
removed key stops being accepted at the next refetch. A verified token is remembered (`kit.tokencache`, ADR 27)
until its `exp` and at most `cache_seconds`, while the key that verified it is still published.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import jwt

from kit import tenancy
from kit.tokencache import Verified, VerifiedTokens

log = logging.getLogger(__name__)

ROLES_CLAIM = "roles"
TENANT_CLAIM = "tenant"
AGENCY_CLAIM = "agency_id"
NAME_CLAIM = "name"

ROLES = frozenset({
    "platform_admin", "national_viewer", "province_admin", "province_officer",
    "inspector", "province_leader", "agency_officer",
})


class Unauthorized(Exception):
    """No valid bearer token; maps to 401 with `code` (kit.problems) and the words given."""

    def __init__(self, detail: str, code: str = "token_invalid"):
        super().__init__(detail)
        self.code, self.params = code, {}


class Forbidden(Exception):
    """A valid token without the role the route needs; maps to 403 with `code` and `params` (kit.problems)."""

    def __init__(self, detail: str, code: str = "forbidden", **params: object):
        super().__init__(detail)
        self.code, self.params = code, params


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
    jwks_max_age_seconds: float = 300
    jwks_min_refetch_seconds: float = 30
    # How long a verified token is remembered at most (never past its `exp`); 0: every request is verified.
    cache_seconds: float = 60
    cache_size: int = 4096


class RemoteKeys:
    """The signing keys of a JWKS URL, cached for `max_age` seconds and refetched early for an unknown `kid`.

    Fetches (successful or not) are at least `min_refetch` seconds apart, so tokens with made-up key ids
    cannot make the gateway hammer the identity provider. When a refetch fails the last good keys stay in use;
    with no good keys at all every token is refused.
    """

    def __init__(self, url: str, *, max_age: float = 300, min_refetch: float = 30, timeout: float = 5,
                 clock: Callable[[], float] = time.monotonic):
        self.url, self.max_age, self.min_refetch, self.timeout, self.clock = url, max_age, min_refetch, timeout, clock
        self.fetches = 0
        self.version = 0  # changes when the published keys do
        self._published: dict[str, dict] = {}
        self._keys: dict[str, object] = {}
        self._fetched_at: float | None = None
        self._tried_at: float | None = None
        self._lock = threading.Lock()

    def key(self, kid: str | None):
        """The public key for `kid`; raises Unauthorized when the issuer does not publish it."""
        with self._lock:
            now = self.clock()
            stale = self._fetched_at is None or now - self._fetched_at >= self.max_age
            if (stale or kid not in self._keys) and self._may_fetch(now):
                self._refresh(now)
            if kid not in self._keys:
                raise Unauthorized("Mã truy cập ký bằng khóa không rõ / unknown signing key", "token_key_unknown")
            return self._keys[kid]

    def _may_fetch(self, now: float) -> bool:
        return self._tried_at is None or now - self._tried_at >= self.min_refetch

    def _refresh(self, now: float) -> None:
        self._tried_at = now
        self.fetches += 1
        try:
            with urllib.request.urlopen(self.url, timeout=self.timeout) as reply:  # noqa: S310 (configured URL)
                document = json.load(reply)
            published = {k["kid"]: k for k in document["keys"]
                         if k.get("kid") and k.get("use", "sig") == "sig" and k.get("kty") == "RSA"}
            keys = {kid: jwt.PyJWK(k).key for kid, k in published.items()}
        except (OSError, ValueError, KeyError, TypeError, jwt.PyJWTError) as exc:
            log.warning("could not fetch the JWKS from %s (%s); keeping %d cached keys", self.url, exc,
                        len(self._keys))
            return
        self._fetched_at = now
        if published != self._published:  # the same keys keep their objects: verified tokens stay remembered
            self._keys, self._published, self.version = keys, published, self.version + 1


class TokenVerifier:
    """Verifies RS256 tokens: signature by `kid` from the JWKS, exp/iat/iss/aud required, fixed algorithm; a token
    verified before is answered from `VerifiedTokens` while its key is still the one published for its `kid`.
    `clock` paces the JWKS refetches, `wall` (epoch seconds, as `exp`) ends remembered tokens."""

    def __init__(self, settings: AuthSettings, *, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time):
        self.settings = settings
        self.cache = VerifiedTokens(size=settings.cache_size if settings.cache_seconds > 0 else 0,
                                    max_age=settings.cache_seconds, clock=wall)
        self._keys_version = 0
        if settings.jwks is not None:
            self._keys = {k["kid"]: jwt.PyJWK(k).key for k in settings.jwks["keys"]}
            self._remote = None
        elif settings.jwks_url:
            self._remote = RemoteKeys(settings.jwks_url, max_age=settings.jwks_max_age_seconds,
                                      min_refetch=settings.jwks_min_refetch_seconds, clock=clock)
        else:
            raise ValueError("a JWKS or a JWKS URL is required")

    def verify(self, token: str) -> Principal:
        cached = self.cache.get(token)
        if cached is not None and self._still_signed(token, cached):
            return cached.principal
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self._key(kid)
            claims = jwt.decode(
                token, key, algorithms=["RS256"], audience=self.settings.audience, issuer=self.settings.issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]}, leeway=self.settings.leeway_seconds,
            )
            principal = _principal(claims, token)
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("Mã truy cập đã hết hạn / the token has expired", "token_expired") from exc
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as exc:
            # The library's words stay in the log: they describe our checks to whoever probes them.
            log.info("token refused: %s", exc)
            raise Unauthorized("Mã truy cập không hợp lệ / invalid token") from exc
        self._forget_on_new_keys()
        self.cache.put(token, principal, kid, key, claims["exp"])
        return principal

    def _still_signed(self, token: str, cached: Verified) -> bool:
        """Whether the key that verified `cached` is still the one published for its kid (asking it may refetch
        the JWKS, as an uncached token would)."""
        try:
            key = self._key(cached.kid)
        except Unauthorized:
            key = None
        self._forget_on_new_keys()
        if key is cached.key:
            return True
        self.cache.forget(token)
        return False

    def _forget_on_new_keys(self) -> None:
        version = self._remote.version if self._remote is not None else 0
        if version != self._keys_version:
            self.cache.clear()
            self._keys_version = version

    def _key(self, kid: str | None):
        if self._remote is not None:
            return self._remote.key(kid)
        if kid not in self._keys:
            raise Unauthorized("Mã truy cập ký bằng khóa không rõ / unknown signing key", "token_key_unknown")
        return self._keys[kid]


def _principal(claims: dict, token: str) -> Principal:
    """The principal of verified claims, each checked by type: a claim of the wrong type refuses the token (a
    ValueError), it is never read as something else."""
    _check_types(claims)
    tenant = claims.get(TENANT_CLAIM)
    agency = claims.get(AGENCY_CLAIM)
    return Principal(
        subject=claims["sub"],
        tenant=tenancy.tenant_id(tenant) if tenant is not None else None,
        roles=frozenset(r for r in claims.get(ROLES_CLAIM, []) if r in ROLES),
        agency_id=str(uuid.UUID(agency)) if agency is not None else None,
        name=claims.get(NAME_CLAIM),
        token=token,
    )


def _check_types(claims: dict) -> None:
    """PyJWT reads `exp` with int(), so "9999999999" passes; `roles: null` or an object would be read as no role
    or as its keys; a non-UUID `agency_id` fails deep in a route."""
    for name in ("exp", "iat", "nbf"):
        if name in claims and not _is_number(claims[name]):
            raise ValueError(f"{name} is not a number")
    if not isinstance(claims["sub"], str) or not claims["sub"]:
        raise ValueError("sub is not a string")
    roles = claims.get(ROLES_CLAIM, [])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise ValueError("roles is not a list of strings")
    for name in (TENANT_CLAIM, AGENCY_CLAIM):
        if name in claims and not isinstance(claims[name], str):
            raise ValueError(f"{name} is not a string")
    if not isinstance(claims.get(NAME_CLAIM, ""), str | None):
        raise ValueError("name is not a string")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def bearer_token(header: str | None) -> str:
    if not header:
        raise Unauthorized("Thiếu mã truy cập / missing bearer token", "token_missing")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Tiêu đề Authorization phải là 'Bearer <mã>' / the Authorization header must be "
                           "'Bearer <token>'", "token_malformed")
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
                named = ", ".join(sorted(roles))
                raise Forbidden(f"Thao tác này cần một trong các vai trò: {named} / this action needs one of the "
                                f"roles: {named}", "role_required", roles=sorted(roles))
            return view(*args, **kwargs)

        checked.required_roles = frozenset(roles)
        return checked

    return decorate


def public(view: Callable) -> Callable:
    """Route decorator: no bearer token is asked for (kit.http), because the URL itself is the credential (a
    calendar feed's secret URL, which the service answers 404 when unknown or revoked). The route holds no role:
    the authorization matrix lists it with none."""
    view.public = True
    view.required_roles = frozenset()
    return view


def auth_from_env(environ) -> AuthSettings | None:
    """JWT_ISSUER, JWT_AUDIENCE (default `iso-hcc`), JWT_JWKS_URL, JWT_LEEWAY_SECONDS (clock skew, 30) and
    JWT_CACHE_SECONDS (how long a verified token is remembered at most, 60; 0: never); None when no JWKS URL is
    set."""
    from kit.config import env_int, env_str

    jwks_url = env_str(environ, "JWT_JWKS_URL", None)
    if jwks_url is None:
        return None
    return AuthSettings(issuer=env_str(environ, "JWT_ISSUER"), audience=env_str(environ, "JWT_AUDIENCE", "iso-hcc"),
                        jwks_url=jwks_url, leeway_seconds=env_int(environ, "JWT_LEEWAY_SECONDS", 30),
                        cache_seconds=env_int(environ, "JWT_CACHE_SECONDS", 60))

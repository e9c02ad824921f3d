"""Signed-out tokens: a web session keeps its token in a signed cookie, so a copy of the cookie made before sign-out
would otherwise work until the token expires. Sign-out puts the token's digest here until its `exp`; the pages and
the API refuse a token found here.

With `REDIS_URL` set the list is in Redis (every gateway worker and pod sees a sign-out at once, ADR 11); without
it, in this process (the embedded mode has one). When Redis does not answer, the in-process list answers, as the
rate limits do: a sign-out in this process still holds, nothing answers 500.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

import jwt
import redis

log = logging.getLogger(__name__)


def digest(token: str) -> str:
    """What is stored: never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def expiry(token: str, now: float) -> float:
    """The token's `exp` (it was verified at sign-in), or an hour from now when it has none readable."""
    try:
        exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
        return float(exp)
    except (jwt.PyJWTError, TypeError, ValueError):
        return now + 3600


class Revocations(Protocol):
    def revoke(self, token: str) -> None: ...

    def revoked(self, token: str) -> bool: ...


class MemoryRevocations:
    """Digests of signed-out tokens with their expiry, in this process; expired ones are forgotten."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def revoke(self, token: str) -> None:
        now = self.clock()
        with self._lock:
            self._until[digest(token)] = expiry(token, now)
            for key in [k for k, until in self._until.items() if until <= now]:
                del self._until[key]

    def revoked(self, token: str) -> bool:
        with self._lock:
            return self._until.get(digest(token), 0.0) > self.clock()


class RedisRevocations:
    """The same list in Redis: one key per token digest, expiring with the token."""

    def __init__(self, client, clock: Callable[[], float] = time.time):
        self.client, self.clock = client, clock
        self.fallback = MemoryRevocations(clock)

    def revoke(self, token: str) -> None:
        self.fallback.revoke(token)
        ttl = max(1, int(expiry(token, self.clock()) - self.clock()) + 1)
        try:
            self.client.set(self.key(token), b"1", ex=ttl)
        except (redis.RedisError, OSError) as exc:
            log.warning("sign-out recorded in this process only: Redis did not answer (%s)", exc)

    def revoked(self, token: str) -> bool:
        if self.fallback.revoked(token):
            return True
        try:
            return bool(self.client.exists(self.key(token)))
        except (redis.RedisError, OSError) as exc:
            log.warning("revocation list read from this process only: Redis did not answer (%s)", exc)
            return False

    @staticmethod
    def key(token: str) -> str:
        return f"iso-hcc:revoked:{digest(token)}"


def redis_revocations(url: str) -> RedisRevocations:
    client = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25, health_check_interval=30)
    return RedisRevocations(client)

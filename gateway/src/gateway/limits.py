"""Edge protections of the gateway: per-user and per-IP rate limits, security headers and CORS.

`FixedWindowLimiter` keeps its counters in this process (the embedded mode). With `REDIS_URL` set,
`RedisWindowLimiter` keeps them in Redis, so every gateway worker and pod counts against one limit; when Redis
does not answer it falls back to an in-process window and counts that in `gateway_rate_limit_fallback_total`
(ADR 0009), neither letting everything through nor answering 500.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import redis
from prometheus_client import Counter

from gateway.inbound import TrustedProxies
from gateway.revocation import MemoryRevocations, RedisRevocations, Revocations

log = logging.getLogger(__name__)

FALLBACKS = Counter("gateway_rate_limit_fallback_total",
                    "Rate-limit checks answered by the in-process window because Redis did not answer")

# One atomic step per request: count it, start the window's expiry on the first hit, answer count and TTL.
WINDOW_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""

# A signed-in request's three checks in one round trip: the per-IP window; unless it refused, whether the token was
# signed out; unless it was, the per-user window. KEYS: the IP window, the revocation, the user window; ARGV: the IP
# window's milliseconds and limit, the user window's milliseconds. Answers {ip count, ip ttl, revoked, user count,
# user ttl}, zeros for what was not reached.
EDGE_SCRIPT = """
local function hit(key, window)
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, window)
    ttl = tonumber(window)
  end
  return count, ttl
end
local ip_count, ip_ttl = hit(KEYS[1], ARGV[1])
if ip_count > tonumber(ARGV[2]) then
  return {ip_count, ip_ttl, 0, 0, 0}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {ip_count, ip_ttl, 1, 0, 0}
end
local user_count, user_ttl = hit(KEYS[3], ARGV[3])
return {ip_count, ip_ttl, 0, user_count, user_ttl}
"""

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Cache-Control": "no-store",
}


@dataclass
class FixedWindowLimiter:
    """At most `limit` requests per key in each `window` seconds; `hit` answers the seconds to wait, or 0."""

    limit: int
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _counts: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def hit(self, key: str) -> int:
        now = self.clock()
        with self._lock:
            count, started = self._counts.get(key, (0, now))
            if now - started >= self.window:
                count, started = 0, now
            if count >= self.limit:
                return max(1, math.ceil(started + self.window - now))
            self._counts[key] = (count + 1, started)
            if len(self._counts) > 100_000:
                self._forget(now)
            return 0

    def _forget(self, now: float) -> None:
        for key in [k for k, (_, started) in self._counts.items() if now - started >= self.window]:
            del self._counts[key]


class Limiter(Protocol):
    def hit(self, key: str) -> int: ...


class RedisWindowLimiter:
    """The same fixed window as `FixedWindowLimiter`, counted in Redis (INCR and PEXPIRE in one Lua script).

    When Redis fails, this check and those of the next `retry_seconds` go to `fallback` (in-process), so a
    Redis outage costs one timeout, not one per request.
    """

    def __init__(self, client, limit: int, window: float = 60.0, *, name: str = "rl", retry_seconds: float = 5.0,
                 clock: Callable[[], float] = time.monotonic):
        self.client, self.limit, self.window, self.name = client, limit, window, name
        self.retry_seconds, self.clock = retry_seconds, clock
        self.fallback = FixedWindowLimiter(limit, window, clock=clock)
        self._script = client.register_script(WINDOW_SCRIPT)
        self._down_until = 0.0

    def hit(self, key: str) -> int:
        if self.down():
            return self._fall_back(key)
        try:
            count, ttl_ms = self._script(keys=[self.key(key)], args=[self.window_ms])
        except (redis.RedisError, OSError) as exc:
            self.failed(exc)
            return self._fall_back(key)
        return self.wait(count, ttl_ms)

    def key(self, key: str) -> str:
        return f"iso-hcc:{self.name}:{key}"

    @property
    def window_ms(self) -> int:
        return int(self.window * 1000)

    def wait(self, count, ttl_ms) -> int:
        """The seconds to wait after the `count`th hit of a window with `ttl_ms` left, or 0."""
        return max(1, math.ceil(int(ttl_ms) / 1000)) if int(count) > self.limit else 0

    def down(self) -> bool:
        return self.clock() < self._down_until

    def failed(self, exc: Exception) -> None:
        log.warning("rate limits fall back to this process: Redis did not answer (%s)", exc)
        self._down_until = self.clock() + self.retry_seconds

    def _fall_back(self, key: str) -> int:
        FALLBACKS.inc()
        return self.fallback.hit(key)


def redis_limiters(url: str, per_user: int, per_ip: int) -> tuple[RedisWindowLimiter, RedisWindowLimiter]:
    """The per-user and per-IP limiters sharing one Redis at `url`, with short socket timeouts."""
    client = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25, health_check_interval=30)
    return (RedisWindowLimiter(client, per_user, name="rl-user"), RedisWindowLimiter(client, per_ip, name="rl-ip"))


@dataclass(frozen=True)
class Admission:
    """What a signed-in request's checks found: seconds to wait for its address's window or its user's (0: none),
    and whether its token was signed out. A check after one that refused is not made."""

    ip_wait: int = 0
    revoked: bool = False
    user_wait: int = 0


class RedisEdgeChecks:
    """The per-IP limit, the signed-out check and the per-user limit of a signed-in request in ONE Redis round trip
    (EDGE_SCRIPT), with the same keys as the limiters and the revocation list use one by one. While Redis is away
    (a limiter's retry time) or when the script fails, the checks are made one by one, each with its own fallback."""

    def __init__(self, per_user: RedisWindowLimiter, per_ip: RedisWindowLimiter, revocations: RedisRevocations):
        self.per_user, self.per_ip, self.revocations = per_user, per_ip, revocations
        self._script = per_ip.client.register_script(EDGE_SCRIPT)

    def admit(self, ip_key: str, user_key: str, token: str) -> Admission:
        if self.per_ip.down() or self.revocations.fallback.revoked(token):
            return one_by_one(self.per_user, self.per_ip, self.revocations, ip_key, user_key, token)
        try:
            ip_count, ip_ttl, revoked, user_count, user_ttl = self._script(
                keys=[self.per_ip.key(ip_key), self.revocations.key(token), self.per_user.key(user_key)],
                args=[self.per_ip.window_ms, self.per_ip.limit, self.per_user.window_ms])
        except (redis.RedisError, OSError) as exc:
            self.per_ip.failed(exc)
            self.per_user.failed(exc)
            return one_by_one(self.per_user, self.per_ip, self.revocations, ip_key, user_key, token)
        if ip_wait := self.per_ip.wait(ip_count, ip_ttl):
            return Admission(ip_wait=ip_wait)
        if int(revoked):
            return Admission(revoked=True)
        return Admission(user_wait=self.per_user.wait(user_count, user_ttl))


def one_by_one(per_user: Limiter, per_ip: Limiter, revocations: Revocations, ip_key: str, user_key: str,
               token: str) -> Admission:
    """The three checks in turn, stopping at the first that refuses."""
    if ip_wait := per_ip.hit(ip_key):
        return Admission(ip_wait=ip_wait)
    if revocations.revoked(token):
        return Admission(revoked=True)
    return Admission(user_wait=per_user.hit(user_key))


@dataclass(frozen=True)
class EdgePolicy:
    """The edge's settings: rate limits, CORS origins, which proxies may name the client (`TRUSTED_PROXIES`),
    whether `/metrics` answers requests that came through a proxy (`METRICS_PUBLIC`, off: only direct scrapes), and
    the signed-out tokens."""

    per_user: Limiter
    per_ip: Limiter
    allowed_origins: frozenset[str] = frozenset()
    trusted_proxies: TrustedProxies = TrustedProxies()
    metrics_public: bool = False
    revocations: Revocations = field(default_factory=MemoryRevocations)
    combined: RedisEdgeChecks | None = None  # the three checks in one Redis round trip, when they live in Redis

    def admit(self, ip_key: str, user_key: str, token: str) -> Admission:
        """A signed-in request's per-IP limit, signed-out check and per-user limit."""
        if self.combined is not None:
            return self.combined.admit(ip_key, user_key, token)
        return one_by_one(self.per_user, self.per_ip, self.revocations, ip_key, user_key, token)

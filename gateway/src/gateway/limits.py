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
from gateway.revocation import MemoryRevocations, Revocations

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
        if self.clock() < self._down_until:
            return self._fall_back(key)
        try:
            count, ttl_ms = self._script(keys=[f"iso-hcc:{self.name}:{key}"], args=[int(self.window * 1000)])
        except (redis.RedisError, OSError) as exc:
            log.warning("rate limits fall back to this process: Redis did not answer (%s)", exc)
            self._down_until = self.clock() + self.retry_seconds
            return self._fall_back(key)
        if int(count) > self.limit:
            return max(1, math.ceil(int(ttl_ms) / 1000))
        return 0

    def _fall_back(self, key: str) -> int:
        FALLBACKS.inc()
        return self.fallback.hit(key)


def redis_limiters(url: str, per_user: int, per_ip: int) -> tuple[RedisWindowLimiter, RedisWindowLimiter]:
    """The per-user and per-IP limiters sharing one Redis at `url`, with short socket timeouts."""
    client = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25, health_check_interval=30)
    return (RedisWindowLimiter(client, per_user, name="rl-user"), RedisWindowLimiter(client, per_ip, name="rl-ip"))


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

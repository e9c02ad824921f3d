"""Edge protections of the gateway: per-user and per-IP rate limits, security headers and CORS.

The limiter keeps its counters in this process (one window per key); with several gateway processes each
enforces its own share. A shared store (Redis) is the distributed mode's next step.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class EdgePolicy:
    per_user: FixedWindowLimiter
    per_ip: FixedWindowLimiter
    allowed_origins: frozenset[str] = frozenset()

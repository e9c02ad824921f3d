"""Tokens already verified, remembered for a short while (ADR 27): a request's token is checked by the gateway and
again by the service behind it, and a client sends the same token for many requests; an RS256 signature check
costs far more than the rest of the request's own work at the edge.

An entry is keyed by the token's SHA-256 and lives until the token's `exp` (never longer, leeway or not) and at
most `max_age` seconds. It names the key that verified it (`kid` and the key object): `kit.auth` uses an entry only
while the key set still gives that same key for that `kid`, and drops them all when the key set changes, so a
token signed by a key the issuer removed is refused from the first request after the keys are refetched.
Sign-out (gateway.revocation) is not a property of the token: it is checked at every request, cached or not.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Verified:
    """What verifying one token gave: the principal, the key that checked its signature, until when it holds."""

    principal: Any
    kid: str | None
    key: object
    until: float


class VerifiedTokens:
    """A bounded LRU of `Verified` entries; thread-safe (gunicorn's threads share one). `size` 0 keeps nothing."""

    def __init__(self, *, size: int = 4096, max_age: float = 60.0, clock: Callable[[], float] = time.time):
        self.size, self.max_age, self.clock = size, max_age, clock
        self._entries: OrderedDict[bytes, Verified] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str) -> Verified | None:
        """The live entry of `token`, or None (never seen, expired, or pushed out)."""
        key = _digest(token)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.until <= self.clock():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, token: str, principal: Any, kid: str | None, key: object, exp: float) -> None:
        """Remember a token just verified; one already past its `exp` is not kept."""
        until = min(exp, self.clock() + self.max_age)
        if self.size <= 0 or until <= self.clock():
            return
        digest = _digest(token)
        with self._lock:
            self._entries[digest] = Verified(principal, kid, key, until)
            self._entries.move_to_end(digest)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def forget(self, token: str) -> None:
        with self._lock:
            self._entries.pop(_digest(token), None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()

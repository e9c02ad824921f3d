"""The public pages' cache: the registry's public answers kept in this process for as long as the registry says
anyone may keep them (`Cache-Control: public, max-age=N`), never longer than `ceiling` seconds (docs/adr/0032).

A page without login can be asked for by anyone, as often as they like; the per-address limit stops one client,
this stops a crowd (a list in the news) from reaching the registry's database more than once per list and
`max-age`. Only a 200 that says `public` is kept; anything else (an error, `private`, `no-store`) passes through.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from gateway.proxy import Reply


def max_age(cache_control: str | None) -> int:
    """The seconds `Cache-Control` lets a shared cache keep the answer: 0 unless it says `public` and `max-age`."""
    directives = {part.strip().lower() for part in (cache_control or "").split(",")}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return 0
    ages = [d.removeprefix("max-age=") for d in directives if d.startswith("max-age=")]
    return int(ages[0]) if ages and ages[0].isdigit() else 0


@dataclass
class PublicCache:
    """At most `size` answers, each kept until its `max-age` (capped at `ceiling`) runs out; thread-safe."""

    ceiling: int = 300
    size: int = 256
    clock: Callable[[], float] = time.monotonic
    _entries: OrderedDict[str, tuple[float, Reply]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: str, fetch: Callable[[], Reply]) -> Reply:
        """The answer kept for `key` while it is fresh, else `fetch()` (kept when it may be)."""
        now = self.clock()
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None and kept[0] > now:
                return kept[1]
        reply = fetch()
        seconds = min(max_age(reply.headers.get("Cache-Control")), self.ceiling) if reply.status == 200 else 0
        if seconds > 0:
            with self._lock:
                self._entries[key] = (now + seconds, reply)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return reply

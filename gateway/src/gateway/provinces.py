"""Writes only for provinces on the platform: a token naming a province the registry never registered is refused.

The identity provider puts the caller's province in the token; nothing there stops it naming a province that was
never set up (a typo in a user attribute, a test realm). The registry owns the list of provinces and already
refuses such a caller; the other services keep no list and would accept its plans, reports and settings. So the
gateway, which every outside request crosses, asks the registry before it forwards a write: `GET
/api/v1/registry/tenants/current` with the caller's own token (no credentials of the gateway's), and remembers a
province the registry knows for `ttl` seconds. It fails closed: when the registry cannot say, the write waits
(503). Reads pass: a province with no records reads nothing.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from gateway.proxy import Upstream, UpstreamUnavailable

CURRENT = "/api/v1/registry/tenants/current"
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CODE = "province_unknown"
NOT_FOUND = "urn:iso-hcc:problem:TenantNotFound"  # the registry's answer for a province it does not have


@dataclass(frozen=True)
class Refusal:
    status: int
    title: str
    detail: str
    code: str
    headers: dict[str, str]
    params: dict[str, str] = field(default_factory=dict)


def unknown(tenant: str) -> Refusal:
    return Refusal(403, "Forbidden", f"Tỉnh/thành phố {tenant!r} chưa được đăng ký trên nền tảng, nên không ghi "
                                     f"được dữ liệu; hãy liên hệ quản trị nền tảng / the province {tenant!r} is "
                                     f"not registered on the platform, so nothing can be written for it", CODE, {},
                   {"tenant": tenant})


UNCONFIRMED = Refusal(503, "Service Unavailable", "Chưa xác nhận được tỉnh/thành phố của bạn với dịch vụ đăng "
                                                  "ký; hãy thử lại sau giây lát / your province could not be "
                                                  "confirmed with the registry; try again shortly",
                      "province_unconfirmed", {"Retry-After": "5"})


class Provinces:
    """The provinces the registry confirmed, each for `ttl` seconds; `registry` None: no registry behind this
    gateway (a gateway over some services only, in tests), so there is nothing to ask and nothing is refused."""

    def __init__(self, registry: Upstream | None, *, ttl: float = 300.0,
                 clock: Callable[[], float] = time.monotonic):
        self.registry = registry
        self.ttl = ttl
        self.clock = clock
        self._confirmed: dict[str, float] = {}
        self._lock = threading.Lock()

    def refusal(self, method: str, tenant: str | None, authorization: str, request_id: str = "") -> Refusal | None:
        """None when the request may go on: a read, a caller bound to no province, or a province the registry
        knows; else why not."""
        if method not in WRITES or tenant is None or self.registry is None or self._fresh(tenant):
            return None
        try:
            reply = self.registry.forward("GET", CURRENT, b"", {"Authorization": authorization,
                                                                 "Accept": "application/json",
                                                                 "X-Request-Id": request_id}, b"")
        except UpstreamUnavailable:
            return UNCONFIRMED
        if reply.status == 200:
            with self._lock:
                self._confirmed[tenant] = self.clock() + self.ttl
            return None
        if reply.status == 404:  # the registry's own refusal names the province; any other 404 is not an answer
            return unknown(tenant) if _problem_type(reply.body) == NOT_FOUND else UNCONFIRMED
        if reply.status >= 500:
            return UNCONFIRMED
        return None  # 401, 403: the token or the role, which the service behind checks itself

    def _fresh(self, tenant: str) -> bool:
        with self._lock:
            return self._confirmed.get(tenant, float("-inf")) > self.clock()


def _problem_type(body: bytes) -> str | None:
    try:
        problem = json.loads(body)
    except ValueError:
        return None
    return problem.get("type") if isinstance(problem, dict) else None

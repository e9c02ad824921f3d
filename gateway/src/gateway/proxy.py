"""Upstreams: a service reached over HTTP (distributed mode) or mounted in-process (embedded mode)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests
from requests.adapters import HTTPAdapter
from werkzeug.test import Client

# The preconditions (If-Match / ETag, kit.preconditions) and the idempotency key with its replay mark
# (kit.idempotency) pass both ways: the services decide on them.
FORWARDED_REQUEST_HEADERS = ("Authorization", "Content-Type", "Accept", "Accept-Language", "traceparent",
                             "If-Match", "If-None-Match", "Idempotency-Key")
FORWARDED_RESPONSE_HEADERS = ("Content-Type", "Location", "ETag", "Retry-After", "Content-Disposition",
                              "WWW-Authenticate", "Idempotent-Replayed")


class UpstreamUnavailable(Exception):
    """The service did not answer (refused, reset, or timed out)."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class Upstream(Protocol):
    def forward(self, method: str, path: str, query: bytes, headers: dict[str, str], body: bytes) -> Reply: ...


class HttpUpstream:
    """A service over HTTP with a pooled, keep-alive session and explicit timeouts."""

    def __init__(self, base_url: str, *, connect_timeout: float = 2.0, read_timeout: float = 30.0, pool: int = 32):
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        self.session.mount("http://", HTTPAdapter(pool_connections=4, pool_maxsize=pool, max_retries=0))
        self.session.trust_env = False

    def forward(self, method: str, path: str, query: bytes, headers: dict[str, str], body: bytes) -> Reply:
        url = f"{self.base_url}{path}" + (f"?{query.decode()}" if query else "")
        try:
            response = self.session.request(method, url, headers=headers, data=body or None, timeout=self.timeout,
                                            allow_redirects=False)
        except requests.RequestException as exc:
            raise UpstreamUnavailable(str(exc)) from exc
        return Reply(response.status_code, _pick(response.headers), response.content)


class WsgiUpstream:
    """A service's Flask app called in-process: the embedded mode's stand-in for HTTP."""

    def __init__(self, app):
        self.client = Client(app)

    def forward(self, method: str, path: str, query: bytes, headers: dict[str, str], body: bytes) -> Reply:
        response = self.client.open(path, method=method, query_string=query.decode(), headers=headers, data=body)
        return Reply(response.status_code, _pick(response.headers), response.get_data())


def _pick(headers) -> dict[str, str]:
    return {name: headers[name] for name in FORWARDED_RESPONSE_HEADERS if name in headers}

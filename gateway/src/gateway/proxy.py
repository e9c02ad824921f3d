"""Upstreams: a service reached over HTTP (distributed mode) or mounted in-process (embedded mode)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, urlsplit

import urllib3
from werkzeug.test import Client

# The preconditions (If-Match / ETag, kit.preconditions) and the idempotency key with its replay mark
# (kit.idempotency) pass both ways: the services decide on them.
FORWARDED_REQUEST_HEADERS = ("Authorization", "Content-Type", "Accept", "Accept-Language", "traceparent",
                             "If-Match", "If-None-Match", "Idempotency-Key")
# Cache-Control passes only on the public routes' answers (gateway.app): everything else stays `no-store`.
FORWARDED_RESPONSE_HEADERS = ("Content-Type", "Location", "ETag", "Retry-After", "Content-Disposition",
                              "WWW-Authenticate", "Idempotent-Replayed", "X-Signature", "Cache-Control")
# A query is passed as the client sent it, except bytes a request line cannot carry (raw UTF-8, spaces), which are
# percent-encoded: the same characters `requests` kept.
QUERY_SAFE = "!#$%&'()*+,/:;=?@[]~"


class UpstreamUnavailable(Exception):
    """The service did not answer (refused, reset, or timed out)."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


class Upstream(Protocol):
    def forward(self, method: str, path: str, query: bytes, headers: dict[str, str], body: bytes,
                timeout: float | None = None) -> Reply: ...


class HttpUpstream:
    """A service over HTTP: one urllib3 connection pool (keep-alive, `pool` connections kept), explicit timeouts,
    no retries and no redirects followed. urllib3 rather than `requests`: a Session adds its default headers,
    cookie jar, hooks and URL re-encoding to every call, which cost the gateway most of its CPU (issue 22).

    Only the headers the gateway names (FORWARDED_REQUEST_HEADERS / FORWARDED_RESPONSE_HEADERS) pass, so
    hop-by-hop headers (Connection, Keep-Alive, Transfer-Encoding...) never cross in either direction."""

    def __init__(self, base_url: str, *, connect_timeout: float = 2.0, read_timeout: float = 30.0, pool: int = 32):
        self.base_url = base_url.rstrip("/")
        self.prefix = urlsplit(self.base_url).path
        # A request already sent is not repeated: a POST may have been applied (the idempotency key is the
        # client's to resend). block=False: past `pool` busy connections a new one is opened, not waited for.
        self.pool = urllib3.connection_from_url(
            self.base_url, maxsize=pool, block=False, retries=urllib3.Retry(0, read=False),
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout))

    def forward(self, method: str, path: str, query: bytes, headers: dict[str, str], body: bytes,
                timeout: float | None = None) -> Reply:
        """`timeout`: seconds to connect and to read for this call alone, instead of the pool's (a page's extra
        that must not hold the page up)."""
        target = f"{self.prefix}{path}" + (f"?{quote(query, safe=QUERY_SAFE)}" if query else "")
        options = {"timeout": urllib3.Timeout(connect=timeout, read=timeout)} if timeout else {}
        try:
            response = self.pool.urlopen(method, target, body=body or None, headers=headers, redirect=False,
                                         **options)
        except urllib3.exceptions.HTTPError as exc:
            raise UpstreamUnavailable(str(exc)) from exc
        return Reply(response.status, _pick(response.headers), response.data)


class WsgiUpstream:
    """A service's Flask app called in-process: the embedded mode's stand-in for HTTP."""

    def __init__(self, app):
        self.client = Client(app)

    def forward(self, method: str, path: str, query: bytes, headers: dict[str, str], body: bytes,
                timeout: float | None = None) -> Reply:
        response = self.client.open(path, method=method, query_string=query.decode(), headers=headers, data=body)
        return Reply(response.status_code, _pick(response.headers), response.get_data())


def _pick(headers) -> dict[str, str]:
    return {name: headers[name] for name in FORWARDED_RESPONSE_HEADERS if name in headers}

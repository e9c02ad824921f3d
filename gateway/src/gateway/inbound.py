"""What the gateway accepts from outside before any route runs: the client's address behind trusted proxies, the
raw path it forwards (with encoded separators refused), and one body policy (size, and which bodies are text).

These run as WSGI middleware or on the raw WSGI environ because Flask's `request.path` is already decoded: a
`%2F` there is a `/`, and forwarding it would let `..%2f` climb out of `/api/v1/<service>/`.
"""

from __future__ import annotations

import io
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from flask import Response, current_app, request

from kit import http

# Where files are uploaded (multipart): the registry's attachments and a recommendation's remediation evidence
# (ADR 31), through the API and through the agency's and the recommendation's pages. Their bodies may reach
# UPLOAD_LIMIT.
UPLOADS = (re.compile(r"/api/v1/registry/agencies/[0-9a-fA-F-]{36}/attachments"),
           re.compile(r"/api/v1/inspections/recommendations/[0-9a-fA-F-]{36}/attachments"),
           re.compile(r"/agencies/[0-9a-fA-F-]{36}/attachments"),
           re.compile(r"/recommendations/[0-9a-fA-F-]{36}/evidence"))
UPLOAD_LIMIT = "UPLOAD_MAX_BODY_BYTES"

if TYPE_CHECKING:
    from gateway.limits import EdgePolicy

# Percent-encoded characters that would change how the path is split, queried or cut if a server decoded them:
# `/`, `\`, `?`, `#`, and NUL. A client has no reason to send them inside a path segment.
ENCODED_SEPARATORS = ("%2f", "%5c", "%3f", "%23", "%00")
DOT_SEGMENTS = frozenset({".", ".."})
# Characters forwarded as they are; anything else (raw UTF-8 bytes, spaces) is percent-encoded.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"

# Longest request target and header line the gateway accepts (gunicorn's defaults, which it would answer in HTML;
# kit.serve raises gunicorn's own limits above these so that the gateway answers with a problem).
MAX_TARGET = 4094
MAX_HEADER = 8190

# Bodies that are files: passed through untouched to the routes that take them (the registry's XLSX import).
BINARY_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/octet-stream",
})
MULTIPART = "multipart/form-data"


def refusal(edge: EdgePolicy) -> Response | None:
    """Before any route: a request target or header too long (414, 431: what gunicorn would answer in HTML), a
    path with encoded separators or dot segments (400), a body too large (413, also a chunked one), and
    `/metrics` through a proxy (404: Prometheus scrapes the pod directly) unless METRICS_PUBLIC."""
    status = oversized(request.environ, request.headers)
    if status == 414:
        return http.problem(414, "URI Too Long", f"Đường dẫn dài quá {MAX_TARGET} ký tự / the request target is "
                                                 f"longer than {MAX_TARGET} characters",
                            code="uri_too_long", params={"max_length": MAX_TARGET})
    if status == 431:
        return http.problem(431, "Request Header Fields Too Large", f"Một trường tiêu đề dài quá {MAX_HEADER} byte / "
                                                                    f"a header is longer than {MAX_HEADER} bytes",
                            code="header_too_large", params={"max_bytes": MAX_HEADER})
    why = path_refusal(raw_path(request.environ))
    if why is not None:
        return http.problem(400, "Bad Request", "Đường dẫn không hợp lệ (ký tự phân cách đã mã hóa, đoạn '..' hoặc "
                                                f"'//') / the path contains {why}", code="bad_path")
    limit = request.max_content_length = body_limit()  # held to it when the body is read (a page's form too)
    if request.content_length is not None and limit is not None and request.content_length > limit:
        return too_large()
    if request.path == "/metrics" and not edge.metrics_public and forwarded():
        return http.problem(404, "Not Found", "Không tìm thấy / not found")
    return None


def body_limit() -> int | None:
    """The largest body this request may carry: an attachment's upload (UPLOADS) up to the upload limit, any other
    request up to MAX_BODY_BYTES. A body without a length is buffered up to the larger of the two (BufferedBody),
    then held to its own."""
    uploading = request.method == "POST" and any(pattern.fullmatch(request.path) for pattern in UPLOADS)
    return current_app.config[UPLOAD_LIMIT if uploading else "MAX_CONTENT_LENGTH"]


def too_large() -> Response:
    limit = body_limit()
    return http.problem(413, "Content Too Large", f"Nội dung gửi lên vượt quá {limit} byte / the request body is "
                                                  f"larger than {limit} bytes",
                        code="body_too_large", params={"limit": limit})


def forwarded() -> bool:
    """Whether a proxy (the ingress) passed this request on."""
    return any(name in request.headers for name in ("X-Forwarded-For", "Forwarded", "X-Real-Ip"))


def raw_path(environ: dict) -> str:
    """The path as the client sent it (gunicorn's RAW_URI, werkzeug's REQUEST_URI), percent-encoded, no query.

    Falls back to re-encoding PATH_INFO when the server gives no raw URI."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if not raw:
        return quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/")
    if not raw.startswith("/"):  # absolute-form request line: "http://host/path?query"
        raw = urlsplit(raw).path or "/"
    raw = raw.split("?", 1)[0].split("#", 1)[0]
    return quote(raw.encode("latin-1", "replace"), safe=PATH_SAFE)


def path_refusal(path: str) -> str | None:
    """Why a raw path is refused (an English phrase for the problem's detail), or None when it may pass."""
    lowered = path.lower()
    if any(encoded in lowered for encoded in ENCODED_SEPARATORS) or "\\" in path:
        return "an encoded separator (%2F, %5C, %3F, %23) or a backslash"
    if any(unquote(segment) in DOT_SEGMENTS for segment in path.split("/")):
        return "a dot segment (. or ..)"
    if "//" in path:
        return "an empty segment (//)"
    return None


def oversized(environ: dict, headers) -> int | None:
    """414 for a request target longer than MAX_TARGET, 431 for a header line longer than MAX_HEADER, else None."""
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or ""
    if len(target) > MAX_TARGET:
        return 414
    if any(len(name) + 2 + len(value) > MAX_HEADER for name, value in headers.items()):
        return 431
    return None


def is_text_body(mimetype: str) -> bool:
    """Whether the NUL check reads this body: everything but files (XLSX, octet-stream) and multipart, whose
    text fields are checked one by one."""
    return mimetype not in BINARY_TYPES and mimetype != MULTIPART


class BufferedBody:
    """WSGI middleware: a body without Content-Length (chunked) is read here up to `limit + 1` bytes and handed on
    with its Content-Length, so the app answers 413 for an oversized one exactly as for a declared one, instead of
    forwarding it cut at the limit (which a service then answered 400, as invalid JSON)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        # With Transfer-Encoding: chunked a Content-Length means nothing (RFC 9112 6.3), and werkzeug ignores it.
        if chunked or (not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated")):
            body = environ["wsgi.input"].read(self.limit + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("wsgi.input_terminated", None)
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)


@dataclass(frozen=True)
class TrustedProxies:
    """Who may say where a request came from (X-Forwarded-For). Either the number of proxies in front of the
    gateway (`hops`: the ingress controller is 1), or the networks they live in (`networks`); by default none is
    trusted and the client is the peer of the connection."""

    hops: int = 0
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, text: str) -> TrustedProxies:
        """`TRUSTED_PROXIES`: empty (none), a number of hops ("1"), or comma-separated CIDRs ("10.0.0.0/8,...")."""
        text = text.strip()
        if not text:
            return cls()
        if text.isdigit():
            return cls(hops=int(text))
        return cls(networks=tuple(ipaddress.ip_network(part.strip(), strict=False)
                                  for part in text.split(",") if part.strip()))

    @property
    def enabled(self) -> bool:
        return bool(self.hops or self.networks)

    def client(self, peer: str, forwarded_for: str) -> str:
        """The client's address: walk X-Forwarded-For from the right past the trusted proxies only."""
        chain = [peer, *reversed([part.strip() for part in forwarded_for.split(",") if part.strip()])]
        if self.hops:
            # The peer is the last proxy; each trusted hop appended the address it saw.
            return chain[min(self.hops, len(chain) - 1)] if _all_addresses(chain[:self.hops + 1]) else peer
        address = peer
        for hop in chain[1:]:
            if not self._trusted(address) or not _all_addresses([hop]):
                break
            address = hop
        return address

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


def _all_addresses(values: Iterable[str]) -> bool:
    try:
        for value in values:
            ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class ClientAddress:
    """WSGI middleware: REMOTE_ADDR becomes the client's address per `TrustedProxies` (the peer's is kept in
    `iso_hcc.peer`), so rate limits and logs key on the client, not on the ingress pod."""

    def __init__(self, app, proxies: TrustedProxies):
        self.app, self.proxies = app, proxies

    def __call__(self, environ, start_response):
        peer = environ.get("REMOTE_ADDR", "")
        environ["iso_hcc.peer"] = peer
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if self.proxies.enabled and forwarded:
            environ["REMOTE_ADDR"] = self.proxies.client(peer, forwarded)
        return self.app(environ, start_response)

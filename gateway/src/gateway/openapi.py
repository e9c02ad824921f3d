"""The merged OpenAPI document: every service's paths, with component names (schemas, responses, parameters)
prefixed by the service."""

from __future__ import annotations

import json
import threading
import time

from gateway.proxy import Upstream, UpstreamUnavailable

COMPONENTS = ("schemas", "responses", "parameters")
RETRY_SECONDS = 30.0


class Cached:
    """The merged document, built once per process and kept as JSON text: it changes only with a deployment.
    While a service does not answer, the partial document is rebuilt at most every RETRY_SECONDS."""

    def __init__(self, upstreams: dict[str, Upstream], clock=time.monotonic):
        self.upstreams, self.clock = upstreams, clock
        self._text: bytes | None = None
        self._complete = False
        self._built_at = 0.0
        self._lock = threading.Lock()

    def document(self) -> bytes:
        with self._lock:
            stale = not self._complete and self.clock() - self._built_at >= RETRY_SECONDS
            if self._text is None or stale:
                document = merged(self.upstreams)
                self._text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
                self._complete, self._built_at = "x-unavailable" not in document, self.clock()
            return self._text


def merged(upstreams: dict[str, Upstream]) -> dict:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "ISO-HCC API", "version": "v1"},
        "paths": {},
        "components": {"schemas": {}, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}},
        "security": [{"bearer": []}],
    }
    for name, upstream in sorted(upstreams.items()):
        part = _fetch(name, upstream)
        if part is None:
            document.setdefault("x-unavailable", []).append(name)
            continue
        part = _prefix_components(name, part)
        document["paths"].update(part.get("paths", {}))
        for kind in COMPONENTS:
            if kind in part["components"]:
                document["components"].setdefault(kind, {}).update(part["components"][kind])
    return document


def _fetch(name: str, upstream: Upstream) -> dict | None:
    try:
        reply = upstream.forward("GET", f"/api/v1/{name}/openapi.json", b"", {"Accept": "application/json"}, b"")
    except UpstreamUnavailable:
        return None
    return json.loads(reply.body) if reply.status == 200 else None


def _prefix_components(service: str, part: dict) -> dict:
    text = json.dumps(part)
    for kind in COMPONENTS:
        for name in part.get("components", {}).get(kind, {}):
            text = text.replace(f'"#/components/{kind}/{name}"', f'"#/components/{kind}/{service}.{name}"')
    renamed = json.loads(text)
    components = renamed.setdefault("components", {})
    for kind in COMPONENTS:
        if kind in components:
            components[kind] = {f"{service}.{k}": v for k, v in components[kind].items()}
    return renamed

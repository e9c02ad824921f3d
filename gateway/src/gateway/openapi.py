"""The merged OpenAPI document: every service's paths, with component names (schemas, responses, parameters)
prefixed by the service."""

from __future__ import annotations

import json

from gateway.proxy import Upstream, UpstreamUnavailable

COMPONENTS = ("schemas", "responses", "parameters")


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

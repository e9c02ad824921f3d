"""The merged OpenAPI document: every service's paths, with schema names prefixed by the service."""

from __future__ import annotations

import json

from gateway.proxy import Upstream, UpstreamUnavailable


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
        part = _prefix_schemas(name, part)
        document["paths"].update(part.get("paths", {}))
        document["components"]["schemas"].update(part.get("components", {}).get("schemas", {}))
    return document


def _fetch(name: str, upstream: Upstream) -> dict | None:
    try:
        reply = upstream.forward("GET", f"/api/v1/{name}/openapi.json", b"", {"Accept": "application/json"}, b"")
    except UpstreamUnavailable:
        return None
    return json.loads(reply.body) if reply.status == 200 else None


def _prefix_schemas(service: str, part: dict) -> dict:
    text = json.dumps(part)
    for schema in part.get("components", {}).get("schemas", {}):
        text = text.replace(f'"#/components/schemas/{schema}"', f'"#/components/schemas/{service}.{schema}"')
    renamed = json.loads(text)
    schemas = renamed.get("components", {}).get("schemas", {})
    renamed.setdefault("components", {})["schemas"] = {f"{service}.{k}": v for k, v in schemas.items()}
    return renamed

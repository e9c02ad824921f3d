"""The platform's public surface as three files: the merged OpenAPI document, the event catalogue and the
event stream's AsyncAPI document.

`python tools/api_snapshot.py` prints whether they still match the committed snapshots in `docs/api/`;
`--write` records them. tests/contracts/test_snapshots.py fails when either changes without the snapshot
being written again, so a refactoring that should change no behaviour proves it did not.

The OpenAPI document is the bytes the gateway serves at `/api/openapi.json`, with every installed service
mounted in-process (no database is touched: the documents are built from the routes). The event catalogue is
every declared (type, version) with its topic, key, fields and docstring. The AsyncAPI document is the bytes the
gateway serves at `/api/asyncapi.json` (`contracts.asyncapi`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent.parent / "docs" / "api"
OPENAPI, EVENTS, ASYNCAPI = SNAPSHOTS / "openapi.json", SNAPSHOTS / "events.json", SNAPSHOTS / "asyncapi.json"


def merged_openapi() -> bytes:
    """GET /api/openapi.json from a gateway whose upstreams are every service's app, in-process."""
    from gateway.app import create_app as gateway_app
    from gateway.proxy import WsgiUpstream
    from kit import db
    from kit.service import load, service_names

    apps = {name: load(name) for name in service_names()}
    upstreams = {name: WsgiUpstream(app.api_app(app.runtime(db.make_engine("sqlite://")), None))
                 for name, app in apps.items()}
    client = gateway_app(upstreams, verifier=None, dev_issuer=None).test_client()
    reply = client.get("/api/openapi.json")
    if reply.status_code != 200 or b"x-unavailable" in reply.data:
        raise SystemExit(f"the merged OpenAPI document is incomplete: {reply.status_code} {reply.data[:300]!r}")
    return reply.data


def event_catalogue() -> bytes:
    import contracts
    from contracts.catalogue import field_types, topic_of

    entries = {
        f"{event_type} v{version}": {
            "class": cls.__name__, "topic": topic_of(event_type), "key": cls.key_field, "fields": field_types(cls),
            "required": sorted(f.name for f in dataclasses.fields(cls)
                               if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING),
            "doc": (cls.__doc__ or "").strip(),
        }
        for (event_type, version), cls in sorted(contracts.REGISTRY.items())
    }
    return (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode()


def asyncapi_document() -> bytes:
    from contracts import asyncapi

    return asyncapi.text().encode()


def current() -> dict[Path, bytes]:
    return {OPENAPI: merged_openapi(), EVENTS: event_catalogue(), ASYNCAPI: asyncapi_document()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="record the snapshots in docs/api/")
    write = parser.parse_args().write
    changed = []
    for path, body in current().items():
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        elif not path.exists() or path.read_bytes() != body:
            changed.append(path.name)
    if changed:
        sys.exit(f"differs from the snapshot: {', '.join(changed)} (run with --write if the change is meant)")
    print("snapshots written" if write else "openapi.json, events.json and asyncapi.json match the snapshots")


if __name__ == "__main__":
    main()

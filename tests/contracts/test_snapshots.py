"""The public surface is what the snapshots in docs/api/ say: a change to either is deliberate.

Regenerate with `python tools/api_snapshot.py --write` when a change to the API or to the events is meant.
"""

from __future__ import annotations

from tools import api_snapshot


def test_the_merged_openapi_document_matches_its_snapshot():
    assert api_snapshot.merged_openapi() == api_snapshot.OPENAPI.read_bytes(), "run tools/api_snapshot.py --write"


def test_the_event_catalogue_matches_its_snapshot():
    assert api_snapshot.event_catalogue() == api_snapshot.EVENTS.read_bytes(), "run tools/api_snapshot.py --write"


def test_the_asyncapi_document_matches_its_snapshot():
    assert api_snapshot.asyncapi_document() == api_snapshot.ASYNCAPI.read_bytes(), "run tools/api_snapshot.py --write"

"""Every service's OpenAPI document names the headers kit reads for its routes (kit.openapi): `Idempotency-Key`
on every POST, a required `If-Match` on every PATCH and PUT."""

from __future__ import annotations

import pytest

from kit.service import service_names
from tests.support.service import ServiceUnderTest

EXPECTED = {"post": "IdempotencyKey", "patch": "IfMatch", "put": "IfMatch"}


@pytest.mark.parametrize("name", service_names())
def test_every_write_operation_documents_the_header_kit_reads(tmp_path, issuer, name):
    sut = ServiceUnderTest.on_sqlite(tmp_path, issuer, name)
    document = sut.client.get(f"/api/v1/{name}/openapi.json").get_json()
    writes = [(method, path, operation) for path, operations in document["paths"].items()
              for method, operation in operations.items() if method in EXPECTED]

    assert writes
    missing = [f"{method.upper()} {path}" for method, path, operation in writes
               if {"$ref": f"#/components/parameters/{EXPECTED[method]}"} not in operation.get("parameters", [])]
    assert missing == []
    assert document["components"]["parameters"]["IfMatch"]["required"] is True
    assert document["components"]["parameters"]["IdempotencyKey"]["required"] is False

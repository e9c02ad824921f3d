"""Issue 20: a corpus of bad inputs over every operation of every service, through the gateway.

Each operation is called by a user whose role may call it, in a province with one object of every kind (the
schemathesis suite's `Provinces`), with path parameters naming those objects. Bodies: the malformed ones the issue
found (JSON nested 10,000 levels, a lone surrogate, NUL, not JSON at all, the wrong top-level type) and, for each
property the operation's schema declares, the values its type should refuse (2.5 for an integer, 31/02 and
9999-12-31 for a date, a non-UUID id, an unknown enum value, 60,001 characters...), each in an otherwise empty
body. Queries: the same per declared parameter. Every answer: never a 5xx; a refusal is problem+json whose detail
is in Vietnamese and English; and a refused request wrote nothing (the service's outbox and audit trail hold as
many rows after it as before).
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from kit.audit import AuditEntry
from kit.outbox import OutboxMessage
from tests.security.test_schemathesis import OPERATIONS, ORDER, Provinces

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]", re.IGNORECASE)
DEEP = "[" * 10_000 + "]" * 10_000
MALFORMED = {  # raw JSON texts, whatever the operation
    "nested_10000_levels": DEEP,
    "lone_surrogate": '{"name": "\\ud800", "full_name": "\\udfff"}',
    "nul_character": '{"name": "a\\u0000b", "full_name": "a\\u0000b"}',
    "not_json": '{"name": ',
    "a_list": "[]",
    "null": "null",
    "a_string": '"x"',
}
BY_TYPE = {
    "integer": [2.5, "12abc", 10**30, True],
    "number": ["NaN", 1e309, "1,5"],
    "string": ["\ud800", "x" * 60_001, "a\x00b", 12],
    "boolean": ["yes", 2],
    "array": ["not-a-list", {"a": 1}],
    "object": [[], "x"],
}
BY_FORMAT = {
    "date": ["2026-02-31", "9999-12-31", "31/02/2026", "0000-01-01"],
    "date-time": ["2026-13-01T25:00:00", "2026-02-31T08:00:00+07:00", "yesterday"],
    "uuid": ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --"],
    "email": ["not an e-mail", "a@" + "b" * 300 + ".vn"],
}
QUERY_VALUES = [  # as they go on the wire (percent-encoded)
    "2026-02-31", "9999-12-31", "2.5", "-1", "%ED%A0%80", "x" * 5000, "%00", "%27%20OR%201%3D1%20--", "BOGUS", "%FF"]


@pytest.fixture(scope="module")
def provinces(services, issuer) -> Provinces:
    return Provinces(services, issuer)


@pytest.fixture(scope="module")
def document(gateway_app) -> dict:
    return gateway_app.test_client().get("/api/openapi.json").get_json()


def resolve(document: dict, schema: dict | None) -> dict:
    while schema and "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if schema and "allOf" in schema:
        merged: dict = {"properties": {}}
        for part in schema["allOf"]:
            merged["properties"].update(resolve(document, part).get("properties", {}))
        return merged
    return schema or {}


def bad_values(document: dict, prop: dict) -> list:
    prop = resolve(document, prop)
    values = list(BY_FORMAT.get(prop.get("format"), ()))
    values += BY_TYPE.get(prop.get("type"), [])
    if "enum" in prop:
        values.append("BOGUS_VALUE")
    return values


def bodies(document: dict, operation: dict):
    """(label, raw JSON text) pairs: the malformed corpus, then one bad value per declared property."""
    yield from MALFORMED.items()
    content = (operation.get("requestBody") or {}).get("content", {})
    schema = resolve(document, content.get("application/json", {}).get("schema"))
    for name, prop in schema.get("properties", {}).items():
        if resolve(document, prop).get("readOnly"):
            continue
        for value in bad_values(document, prop):
            yield f"{name}={str(value)[:20]!r}", json.dumps({name: value})


def queries(document: dict, operation: dict):
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query":
            for value in QUERY_VALUES:
                yield f"?{parameter['name']}={value[:20]}", f"{parameter['name']}={value}"


def written(sut) -> tuple[int, int]:
    with sut.runtime.across_tenants() as uow:
        return (uow.session.scalar(select(func.count()).select_from(OutboxMessage)),
                uow.session.scalar(select(func.count()).select_from(AuditEntry)))


def filled(path: str, provinces: Provinces, service: str) -> str:
    def seed(match: re.Match) -> str:
        return str(provinces.seeds.get((service, match.group(1)), "00000000-0000-4000-8000-000000000000"))

    return re.sub(r"{(\w+)}", seed, path)


def problems(response, label: str) -> list[str]:
    """What is wrong with one answer to a bad input (nothing, when it is a clear refusal or a success)."""
    if response.status_code >= 500:
        return [f"{label}: {response.status_code} {response.get_data(as_text=True)[:200]}"]
    if response.status_code < 400:
        return []
    if response.mimetype != "application/problem+json":
        return [f"{label}: {response.status_code} as {response.mimetype}"]
    detail = (response.get_json() or {}).get("detail") or ""
    if " / " not in detail or not VIETNAMESE.search(detail):
        return [f"{label}: {response.status_code} not in Vietnamese and English: {detail[:120]!r}"]
    return []


@pytest.mark.parametrize(("path", "method", "service"), OPERATIONS, ids=[f"{m} {p}" for p, m, _ in OPERATIONS])
def test_bad_input_is_a_clear_refusal_that_writes_nothing(gateway_app, services, provinces, document, path, method,
                                                          service):
    operation = document["paths"][path][method.lower()]
    role = next((r for r in ORDER if r in provinces.roles[(method, path)]), None)  # None: a public route
    signed_in = provinces.headers(service, role, provinces.a) if role else {}  # a feed's URL is its credential
    headers = {**signed_in, "If-Match": '"1"'}
    url = filled(path, provinces, service)
    client, sut, found = gateway_app.test_client(), services[service], []
    calls = [(label, {"data": raw.encode("utf-8", "surrogatepass"), "content_type": "application/json"})
             for label, raw in bodies(document, operation)] if method in ("POST", "PUT", "PATCH") else []
    calls += [(label, {"query_string": query}) for label, query in queries(document, operation)]

    for label, request in calls:
        before = written(sut)
        response = client.open(url, method=method, headers=headers, **request)
        found += problems(response, label)
        if response.status_code >= 400 and written(sut) != before:
            found.append(f"{label}: refused with {response.status_code} but wrote to the outbox or audit trail")

    assert found == [], "\n".join(found)

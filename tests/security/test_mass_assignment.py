"""Mass assignment (OWASP API3): on every create, update and command route, a valid body plus a field the client
must not set (`tenant_id`, `id`, `status`, `role`, `roles`, `version`, `created_at`...) is refused with 422 and
writes nothing (no audit row, no event), and the same body without it then succeeds on the same objects."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from kit.service import service_names
from tests.security.matrix import current_etag
from tests.security.test_matrix import TABLES
from tools import authz_matrix

INJECTED = {
    "tenant_id": "tinh-khac",
    "id": "8b0e1c3a-5d1f-4a49-9d7e-0c6a3f0b1e22",
    "status": "DA_CONG_BO",
    "role": "platform_admin",
    "roles": ["platform_admin"],
    "version": 99,
    "created_at": "2020-01-01T00:00:00+00:00",
    "created_by": "ke-tan-cong",
    "is_admin": True,
    "province_code": "01",
}
ORDER = ["province_admin", "province_officer", "province_leader", "inspector", "agency_officer", "platform_admin",
         "national_viewer"]


def writes(sut) -> int:
    """Rows that any write leaves behind: audit entries and outbox events, every province together."""
    with sut.runtime.engine.connect() as connection:
        return sum(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
                   for table in ("audit_log", "outbox_messages"))


def cases(service: str):
    world_class, specs, _ = TABLES[service]
    for method, path, roles in authz_matrix.routes(service):
        spec = specs.get((method, path))
        if method == "GET" or spec is None or spec.body is None:
            continue
        yield method, path, spec, next(r for r in ORDER if r in roles), world_class


@pytest.mark.parametrize("service", service_names())
def test_fields_the_client_may_not_set_are_refused_and_never_written(service, services, issuer):
    sut = services[service]
    home = f"ma-{uuid.uuid4().hex[:8]}"
    TABLES[service][0].prepare(sut, home)
    refused, accepted, checked = [], 0, 0
    for method, path, spec, role, world_class in cases(service):
        world = world_class(sut, issuer, home)
        url, body = world.fill(spec)
        for field, value in INJECTED.items():
            if field in body:
                continue  # a field this route takes on purpose (an officer's `role`, a class's next `status`)
            before = writes(sut)
            response = sut.client.open(url, method=method, json={**body, field: value}, headers=world.headers(role))
            checked += 1
            if response.status_code != 422 or writes(sut) != before:
                refused.append((method, path, field, response.status_code, writes(sut) - before))
        headers = world.headers(role)
        if method in ("PATCH", "PUT"):
            headers["If-Match"] = current_etag(world, url, headers)
        response = sut.client.open(url, method=method, json=body, headers=headers)
        accepted += response.status_code in spec.ok

    print(f"mass assignment {service}: {checked} injected bodies, {len(refused)} not refused, "
          f"{accepted} clean bodies accepted afterwards")
    assert refused == [], "\n".join(map(str, refused))
    assert accepted == len(list(cases(service))) > 0

"""`Idempotency-Key` on a real service's POST (the registry's `POST /agencies`), on PostgreSQL as the application
role under row-level security and on SQLite (the embedded mode): the same request again is answered as the first
time and changes nothing more; the key with another body is refused; a key racing itself has one effect."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest

from contracts.registry import AgencyRegistered
from kit import idempotency
from kit.db import utcnow
from kit.service import load
from registry.services import tenants
from tests.support.parallel import in_parallel
from tests.support.service import ServiceUnderTest, outbox

AGENCIES = "/api/v1/registry/agencies"
ROUNDS, THREADS = 5, 6


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def registry(request, issuer, tmp_path_factory) -> ServiceUnderTest:
    if request.param == "postgresql":
        return ServiceUnderTest.start(request.getfixturevalue("postgres"), issuer, "registry", "kit_idempotency")
    service = load("registry")
    url = f"sqlite:///{tmp_path_factory.mktemp('idempotency') / 'registry.db'}"
    service.migrate(url)
    runtime = service.runtime_at(url)
    app = service.api_app(runtime, issuer.verifier())
    app.testing = True
    return ServiceUnderTest(service, runtime, app)


@pytest.fixture
def province(registry, tenant) -> str:
    tenants.create_tenant(registry.runtime.uow(tenant), name=f"Tỉnh {tenant}")
    return tenant


@pytest.fixture
def admin(issuer, province) -> dict:
    return issuer.headers(sub="admin", tenant=province, roles=["province_admin"])


def register(client, headers: dict, name: str = "Sở Tư pháp", key: str | None = None, **body):
    extra = {idempotency.HEADER: key} if key is not None else {}
    return client.post(AGENCIES, data=json.dumps({"name": name, "agency_type": "SO", **body}),
                       headers={**headers, **extra, "Content-Type": "application/json"})


def events(registry: ServiceUnderTest, tenant: str) -> int:
    """The agencies registered in `tenant` (one event each)."""
    return len(outbox(registry.runtime, tenant, event_type=AgencyRegistered.event_type))


def test_the_same_key_and_body_again_answers_the_first_answer_and_writes_nothing_more(registry, province, admin):
    client = registry.app.test_client()
    first = register(client, admin, key="order-1")
    written = events(registry, province)

    again = register(client, admin, key="order-1")

    assert first.status_code == 201 and written == 1
    assert (again.status_code, again.get_json()) == (201, first.get_json())
    assert again.headers[idempotency.REPLAYED] == "true" and idempotency.REPLAYED not in first.headers
    assert again.headers.get("Location") == first.headers.get("Location")
    assert again.headers.get("ETag") == first.headers.get("ETag") and first.headers.get("ETag")
    assert events(registry, province) == written


def test_the_same_key_with_another_body_is_refused_with_422(registry, province, admin):
    client = registry.app.test_client()
    register(client, admin, key="order-2")

    other = register(client, admin, name="Sở Y tế", key="order-2")

    assert other.status_code == 422 and other.content_type == "application/problem+json"
    assert other.get_json()["code"] == "idempotency_key_reused" and " / " in other.get_json()["detail"]
    assert events(registry, province) == 1


@pytest.mark.parametrize("key", ["", "x" * 65, "a b", "khóa", "a/b"])
def test_a_key_of_other_characters_or_length_is_a_400_and_nothing_runs(registry, province, admin, key):
    answer = register(registry.app.test_client(), admin, key=key)

    assert answer.status_code == 400 and answer.get_json()["code"] == "idempotency_key_invalid"
    assert events(registry, province) == 0


def test_without_the_header_each_post_runs(registry, province, admin):
    client = registry.app.test_client()

    answers = [register(client, admin), register(client, admin)]

    assert [a.status_code for a in answers] == [201, 201] and events(registry, province) == 2


def test_a_refusal_is_kept_and_answered_again(registry, province, admin):
    client = registry.app.test_client()
    first = register(client, admin, key="bad-1", agency_type="NOT_A_TYPE")

    again = register(client, admin, key="bad-1", agency_type="NOT_A_TYPE")

    assert first.status_code == 422 and again.status_code == 422
    assert again.get_json() == first.get_json() and again.headers[idempotency.REPLAYED] == "true"


def test_a_key_is_the_callers_own(registry, province, admin, issuer):
    other = issuer.headers(sub="another-admin", tenant=province, roles=["province_admin"])
    client = registry.app.test_client()

    answers = [register(client, admin, key="shared"), register(client, other, key="shared")]

    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].get_json()["id"] != answers[1].get_json()["id"] and events(registry, province) == 2


def test_concurrent_requests_with_one_key_have_exactly_one_effect(registry, province, admin):
    violations = []
    for round_ in range(ROUNDS):
        key = f"race-{round_}"
        statuses = [answer.status_code for answer in in_parallel(*[
            lambda client=registry.app.test_client(), key=key: register(client, admin, name=f"Sở {key}", key=key)
            for _ in range(THREADS)])]
        if set(statuses) - {201, 409} or 201 not in statuses:
            violations.append((round_, statuses))
    assert violations == []
    assert events(registry, province) == ROUNDS  # one agency registered per key, however many raced


class TestTheStore:
    """What the hooks rely on, with the clock moved (the one thing the tests may fake)."""

    def scope(self, province) -> idempotency.Scope:
        return idempotency.Scope(province, "admin", f"k-{uuid.uuid4().hex[:8]}")

    def test_a_key_older_than_24_hours_is_ignored_and_reserved_afresh(self, registry, province):
        scope = self.scope(province)
        store = idempotency.Store(registry.runtime.engine)
        store.reserve(scope, "a" * 64)
        store.keep(scope, idempotency.Answer(201, {}, b"{}"))
        tomorrow = idempotency.Store(registry.runtime.engine, clock=lambda: utcnow() + timedelta(hours=24, seconds=1))

        assert store.reserve(scope, "a" * 64) == idempotency.Answer(201, {}, b"{}")
        assert tomorrow.reserve(scope, "b" * 64) is None  # another body would be 422 within the day

    def test_a_released_key_runs_again_and_a_running_one_is_in_use(self, registry, province):
        scope = self.scope(province)
        store = idempotency.Store(registry.runtime.engine)
        store.reserve(scope, "a" * 64)

        with pytest.raises(idempotency.Refused) as running:
            store.reserve(scope, "a" * 64)
        store.release(scope)  # the route answered 5xx

        assert running.value.code == "idempotency_key_in_use"
        assert store.reserve(scope, "a" * 64) is None

    def test_another_provinces_key_of_the_same_name_is_not_seen(self, registry, province):
        store = idempotency.Store(registry.runtime.engine)
        mine = idempotency.Scope(province, "admin", "same")
        store.reserve(mine, "a" * 64)
        store.keep(mine, idempotency.Answer(201, {}, b"{}"))

        assert store.reserve(idempotency.Scope(f"{province}-x", "admin", "same"), "b" * 64) is None


def test_a_caller_bound_to_no_province_has_keys_too(registry, issuer, tenant):
    platform = issuer.headers(sub="platform", roles=["platform_admin"])
    client = registry.app.test_client()
    body = json.dumps({"id": tenant, "name": f"Tỉnh {tenant}"})
    headers = {**platform, "Content-Type": "application/json", idempotency.HEADER: tenant}

    first, again = (client.post("/api/v1/registry/tenants", data=body, headers=headers) for _ in range(2))

    assert first.status_code == 201, first.get_data(as_text=True)
    assert again.status_code == 201 and again.headers[idempotency.REPLAYED] == "true"  # not 409 tenant exists

"""gateway.provinces on its own: which answers of the registry let a write through, and for how long."""

from __future__ import annotations

import json

import pytest

from gateway.provinces import CURRENT, NOT_FOUND, Provinces
from gateway.proxy import Reply, UpstreamUnavailable


class Registry:
    """The registry's answer to `GET /tenants/current`, counted."""

    def __init__(self, status: int, body: dict | None = None):
        self.status, self.body, self.asked = status, json.dumps(body or {}).encode(), []

    def forward(self, method, path, query, headers, body):
        self.asked.append((method, path, headers["Authorization"]))
        return Reply(self.status, {}, self.body)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_province_the_registry_knows_is_asked_once_per_ttl():
    registry, clock = Registry(200, {"id": "an-giang"}), Clock()
    provinces = Provinces(registry, ttl=300, clock=clock)

    assert provinces.refusal("POST", "an-giang", "Bearer a") is None
    assert provinces.refusal("PATCH", "an-giang", "Bearer b") is None
    clock.now += 301
    assert provinces.refusal("PUT", "an-giang", "Bearer c") is None

    assert registry.asked == [("GET", CURRENT, "Bearer a"), ("GET", CURRENT, "Bearer c")]


def test_the_registrys_not_found_is_a_403_and_is_asked_again_next_time():
    registry = Registry(404, {"type": NOT_FOUND, "status": 404})
    provinces = Provinces(registry)

    for _ in range(2):
        refusal = provinces.refusal("DELETE", "nowhere", "Bearer x")
        assert (refusal.status, refusal.code) == (403, "province_unknown")
        assert "'nowhere'" in refusal.detail and " / " in refusal.detail
    assert len(registry.asked) == 2


@pytest.mark.parametrize(("status", "body"), [(404, {"type": "about:blank"}), (500, {}), (503, {})])
def test_an_answer_that_is_not_the_registrys_fails_closed(status, body):
    refusal = Provinces(Registry(status, body)).refusal("POST", "an-giang", "Bearer x")

    assert (refusal.status, refusal.code, refusal.headers) == (503, "province_unconfirmed", {"Retry-After": "5"})


def test_an_unreachable_registry_fails_closed():
    class Down:
        def forward(self, *_args):
            raise UpstreamUnavailable("refused")

    assert Provinces(Down()).refusal("POST", "an-giang", "Bearer x").status == 503


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_token_or_role_is_left_to_the_service_and_not_remembered(status):
    registry = Registry(status)
    provinces = Provinces(registry)

    assert provinces.refusal("POST", "an-giang", "Bearer x") is None
    assert provinces.refusal("POST", "an-giang", "Bearer x") is None
    assert len(registry.asked) == 2


@pytest.mark.parametrize(("method", "tenant"), [("GET", "an-giang"), ("HEAD", "an-giang"), ("POST", None)])
def test_reads_and_callers_bound_to_no_province_are_not_asked_about(method, tenant):
    registry = Registry(404, {"type": NOT_FOUND})

    assert Provinces(registry).refusal(method, tenant, "Bearer x") is None
    assert registry.asked == []

"""Schemathesis over the merged OpenAPI document, through the gateway, against every service on real PostgreSQL.

Each operation is called by a user whose role may call it, in province A, with path parameters set to province
A's own objects where the schema names one (so the calls reach data, not only 404s). Checks: no server error,
responses that match the declared schema, authentication enforced (`ignored_auth` resends without and with a
bad token). Then province B's user with the same role repeats the call: it never gets A's object, and a list
never shows one of A's objects.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import ignored_auth, not_a_server_error, response_schema_conformance

from gateway.app import create_app
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from kit.service import service_names
from tests.security.matrix import INSPECTOR, TENANT_ROLES, uuids
from tests.security.matrix_budget import BudgetWorld
from tests.security.matrix_inspections import InspectionsWorld
from tests.security.matrix_notifications import NotificationsWorld
from tests.security.matrix_registry import RegistryWorld
from tests.security.matrix_reporting import ReportingWorld
from tests.security.matrix_training import TrainingWorld
from tools import authz_matrix

ORDER = ["province_officer", "province_admin", "province_leader", "inspector", "agency_officer", "platform_admin",
         "national_viewer"]
CHECKS = [not_a_server_error, response_schema_conformance, ignored_auth]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "4"))  # per operation; raise it for a deeper run


class Provinces:
    """Two provinces on the same services: A with one object of every kind, B with its own agency only."""

    def __init__(self, services, issuer):
        self.issuer = issuer
        self.a, self.b = (f"st-{side}-{uuid.uuid4().hex[:6]}" for side in "ab")
        self.seeds: dict[tuple[str, str], str] = {}
        for world_class in (RegistryWorld, InspectionsWorld, TrainingWorld, BudgetWorld, ReportingWorld,
                            NotificationsWorld):
            sut = services[world_class.service]
            world_class.prepare(sut, self.a)
            world_class.prepare(sut, self.b)
        self._seed(services, issuer)
        self.roles = {(method, _openapi_path(path)): roles for service in services
                      for method, path, roles in authz_matrix.routes(service)}

    def _seed(self, services, issuer) -> None:
        registry = RegistryWorld(services["registry"], issuer, self.a)
        inspections = InspectionsWorld(services["inspections"], issuer, self.a)
        training = TrainingWorld(services["training"], issuer, self.a)
        budget = BudgetWorld(services["budget"], issuer, self.a)
        reporting = ReportingWorld(services["reporting"], issuer, self.a)
        reporting.tenant = self.a
        notifications = NotificationsWorld(services["notifications"], issuer, self.a)
        named = {
            "registry": {"agency_id": registry["agency"], "announcement_id": registry["announcement"],
                         "officer_id": registry["officer"], "job_id": registry["import_job"], "province": self.a},
            "inspections": {"plan_id": inspections["approved"], "team_id": inspections["team"],
                            "inspection_id": inspections["recorded"],
                            "recommendation_id": inspections["recommendation"], "agency_id": inspections["agency"]},
            "training": {"class_id": training["running"], "session_id": training["session"],
                         "registration_id": training["registration"], "request_id": training["onsite"],
                         "agency_id": training["agency"]},
            "budget": {"line_id": budget["spent"], "agency_id": budget["agency"]},
            "reporting": {"report_id": reporting["submitted"], "province": self.a},
            "notifications": {"calendar_id": notifications["calendar"], "tenant": self.a,
                              "secret": notifications["feed_secret"], "notice_id": notifications["notice"],
                              "agency_id": notifications["agency"]},
        }
        self.worlds = {"registry": registry, "inspections": inspections, "training": training, "budget": budget,
                       "reporting": reporting, "notifications": notifications}
        self.seeds = {(service, name): value for service, values in named.items() for name, value in values.items()}

    def owned_ids(self, service: str) -> set[str]:
        """Ids of province A's objects in `service` (not the agency ids training takes on trust)."""
        return self.worlds[service].ids()

    def headers(self, service: str, role: str, tenant: str) -> dict:
        claims: dict = {"roles": [role], "sub": INSPECTOR if role == "inspector" else f"st-{role}"}
        if role in TENANT_ROLES:
            claims["tenant"] = tenant
        if role == "agency_officer":
            claims["agency_id"] = self.seeds.get((service, "agency_id")) if tenant == self.a else str(uuid.uuid4())
        return self.issuer.headers(**claims)


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule)


@pytest.fixture(scope="module")
def provinces(services, issuer) -> Provinces:
    return Provinces(services, issuer)


@pytest.fixture(scope="module")
def gateway(services, issuer):
    upstreams = {name: WsgiUpstream(sut.app) for name, sut in services.items()}
    unlimited = EdgePolicy(per_user=FixedWindowLimiter(10**9), per_ip=FixedWindowLimiter(10**9))
    return create_app(upstreams, issuer.verifier(), None, edge=unlimited)


@pytest.fixture(scope="module")
def api_schema(gateway, provinces):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", gateway)


OPERATIONS = sorted({(_openapi_path(path), method, service) for service in service_names()
                     for method, path, _ in authz_matrix.routes(service)})


def test_the_document_has_every_route_and_nothing_else(api_schema):
    documented = {(path, method.upper()) for path, item in api_schema.raw_schema["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete")}

    assert documented == {(path, method) for path, method, _ in OPERATIONS}


@pytest.mark.parametrize(("path", "method", "service"), OPERATIONS, ids=[f"{m} {p}" for p, m, _ in OPERATIONS])
def test_every_operation_through_the_gateway(api_schema, provinces, path, method, service):
    operation = api_schema[path][method]
    role = next((r for r in ORDER if r in provinces.roles[(method, path)]), None)  # None: a public route
    asked_for_theirs = []

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(case):
        asked_for_theirs.append(check(case, provinces, service, role))

    fuzz()

    names_a_seeded_object = any((service, name) in provinces.seeds for name in re.findall(r"{(\w+)}", path))
    if role in TENANT_ROLES and names_a_seeded_object:
        assert any(asked_for_theirs), "province B was never asked for one of province A's objects"


def check(case, provinces: Provinces, service: str, role: str | None) -> bool:
    """One generated call as province A (validated), then the same as province B (nothing of A's comes back);
    answers whether B's call named one of A's objects. A public route (no role: the calendar feed, whose secret
    URL is the credential, and the registry's public list of announced agencies) is called without a token."""
    for name in case.path_parameters or {}:
        seed = provinces.seeds.get((service, name))
        if seed is not None:
            case.path_parameters[name] = seed

    headers = provinces.headers(service, role, provinces.a) if role else {}
    case.call_and_validate(headers=headers, checks=CHECKS)

    if role in TENANT_ROLES:
        other = case.call(headers=provinces.headers(service, role, provinces.b))
        mine = provinces.owned_ids(service)
        named = set(case.path_parameters.values()) & mine if case.path_parameters else set()
        if named:
            assert not 200 <= other.status_code < 300, (case.method, case.formatted_path, other.status_code)
        leaked = mine & uuids(other.text if other.headers.get("Content-Type", [""])[0].startswith(
            ("application/json", "application/problem+json")) else "")
        assert not leaked, (case.method, case.formatted_path, sorted(leaked))
        return bool(named)
    return False

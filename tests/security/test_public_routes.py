"""What anyone may read without a token: the services' `kit.auth.public` routes are exactly the calendar feed and
the registry's public list (plus each service's OpenAPI document), and the gateway's PUBLIC_GETS let through
exactly those paths, no other route of any service."""

from __future__ import annotations

import re
import uuid

import pytest

from gateway.app import PUBLIC_GETS
from kit.service import service_names
from tools import authz_matrix

PUBLIC = {
    ("notifications", "/api/v1/notifications/calendars/<tenant>/<secret>.ics"),
    ("registry", "/api/v1/registry/public/provinces"),
    ("registry", "/api/v1/registry/public/<province>/announced"),
    ("registry", "/api/v1/registry/public/<province>/announced.csv"),
}
ROUTES = [(service, method, path, roles) for service in service_names()
          for method, path, roles in authz_matrix.routes(service)]


def example(rule: str) -> str:
    """A path the rule serves: a uuid for a uuid, `an-giang` for any other part."""
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: str(uuid.uuid4()) if m.group(1) == "uuid" else "an-giang", rule)


def gateway_lets_through(service: str, path: str) -> bool:
    rest = path.removeprefix(f"/api/v1/{service}/")
    return any(name == service and pattern.fullmatch(rest) for name, pattern in PUBLIC_GETS)


def test_the_only_routes_without_a_role_are_the_calendar_feed_and_the_public_list():
    public = {(service, path) for service, method, path, roles in ROUTES if roles == frozenset()}

    assert public == PUBLIC
    assert all(method == "GET" for service, method, path, _ in ROUTES if (service, path) in PUBLIC)


@pytest.mark.parametrize(("service", "method", "path"), [(s, m, p) for s, m, p, _ in ROUTES],
                         ids=[f"{m} {p}" for _, m, p, _ in ROUTES])
def test_the_gateway_lets_a_route_through_without_a_token_only_when_it_is_public(service, method, path):
    through = method == "GET" and gateway_lets_through(service, example(path))

    assert through == ((service, path) in PUBLIC)

"""The central authorization matrix: every route of every service x every role, on real PostgreSQL.

For each route and each role allowed on it: the same role in another province (and, for agency officers, of
another agency) is refused on the object, or sees none of it in a list; then the role in the owning province
succeeds on it (the positive control, on the same objects). Every role not allowed gets 403. A route with no
positive control must be listed in UNCOVERED with the reason; a new route in neither list fails the test.
"""

from __future__ import annotations

import uuid

import pytest

from kit.service import service_names
from tests.security import (
    matrix_budget,
    matrix_inspections,
    matrix_notifications,
    matrix_registry,
    matrix_reporting,
    matrix_training,
)
from tests.security.matrix import Tally, check_route
from tools import authz_matrix

TABLES = {
    "registry": (matrix_registry.RegistryWorld, matrix_registry.SPECS, matrix_registry.UNCOVERED),
    "inspections": (matrix_inspections.InspectionsWorld, matrix_inspections.SPECS, matrix_inspections.UNCOVERED),
    "budget": (matrix_budget.BudgetWorld, matrix_budget.SPECS, matrix_budget.UNCOVERED),
    "reporting": (matrix_reporting.ReportingWorld, matrix_reporting.SPECS, matrix_reporting.UNCOVERED),
    "training": (matrix_training.TrainingWorld, matrix_training.SPECS, matrix_training.UNCOVERED),
    "notifications": (matrix_notifications.NotificationsWorld, matrix_notifications.SPECS,
                      matrix_notifications.UNCOVERED),
}


@pytest.mark.parametrize("service", service_names())
def test_every_route_has_a_positive_control_or_a_listed_reason(service):
    _, specs, uncovered = TABLES[service]
    served = {(method, path) for method, path, _ in authz_matrix.routes(service)}

    assert served - set(specs) - set(uncovered) == set(), "add these routes to tests/security/matrix_<service>.py"
    assert set(specs) - served == set() and set(uncovered) - served == set()
    assert not set(specs) & set(uncovered)


@pytest.mark.parametrize("service", service_names())
def test_no_role_reaches_what_it_may_not_and_every_refusal_has_a_passing_positive_control(service, services,
                                                                                          issuer):
    world_class, specs, _ = TABLES[service]
    sut = services[service]
    home, away = (f"{side}-{uuid.uuid4().hex[:8]}" for side in ("mat-a", "mat-b"))
    world_class.prepare(sut, home)
    world_class.prepare(sut, away)
    tally = Tally()

    for method, path, roles in authz_matrix.routes(service):
        if (method, path) in specs:
            check_route(lambda: world_class(sut, issuer, home), away, method, path, specs[(method, path)],
                        roles, tally)

    print(tally.line(service))
    assert tally.unauthorized_successes == [], "\n".join(map(str, tally.unauthorized_successes))
    assert tally.failed_positives == [], "\n".join(map(str, tally.failed_positives))
    assert tally.positives > 0 and tally.negatives > tally.positives

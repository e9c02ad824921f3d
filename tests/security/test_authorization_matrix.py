"""Authorization is declared once per route and denied by default; the published matrix is the code's."""

import pytest

from kit.service import service_names
from tools import authz_matrix


@pytest.mark.parametrize("service", service_names())
def test_every_route_declares_who_may_call_it(service):
    undeclared = [(method, path) for method, path, roles in authz_matrix.routes(service) if roles is None]

    assert undeclared == []


@pytest.mark.parametrize("service", service_names())
def test_national_oversight_writes_nothing_but_report_reviews(service):
    writes = [(m, p) for m, p, roles in authz_matrix.routes(service)
              if roles and "national_viewer" in roles and m != "GET"]

    assert all(p.startswith("/api/v1/reporting/national/reports/") for _, p in writes), writes


@pytest.mark.parametrize("service", service_names())
def test_the_platform_admin_reads_no_province_business_data(service):
    reads = [p for m, p, roles in authz_matrix.routes(service) if roles and "platform_admin" in roles]

    # /successions: merging provinces needs the predecessors' register entries (name, type, validity) to plan
    # each agency's fate (docs/adr/0017-province-successions.md); never their quality systems or inspections
    allowed = ("/tenants", "/reference", "/admin-units", "/cost-norms", "/criteria", "/successions")
    assert all(any(part in p for part in allowed) for p in reads), reads


def test_the_published_matrix_is_up_to_date():
    assert authz_matrix.DOC.read_text() == authz_matrix.render(), "run: .venv/bin/python tools/authz_matrix.py"

"""Isolation: another province's line answers 404 on every route, another agency's too for an agency officer;
national and platform roles get 403 on province data."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from budget.model.lines import LineNotFound
from budget.orm import Base
from budget.services import lines
from kit.tenancy import TenantNotSet, TenantScoped
from tests.budget.conftest import API, add_agency, approved_line, new_line

APPROVAL = {"approved": 1, "approving_doc": "1/QĐ", "approved_on": "2025-01-02"}
SETTLEMENT = {"amount": 0, "settlement_doc": "1/QĐ", "settled_on": "2025-12-01"}


@pytest.fixture
def other(issuer):
    return issuer.headers(tenant=f"o-{uuid.uuid4().hex[:10]}", roles=["province_admin"])


def routes(line_id: str) -> list[tuple[str, str, dict | None]]:
    return [
        ("GET", f"{API}/lines/{line_id}", None),
        ("GET", f"{API}/lines/{line_id}/records", None),
        ("PATCH", f"{API}/lines/{line_id}", {"estimate": 1}),
        ("POST", f"{API}/lines/{line_id}/approve", APPROVAL),
        ("POST", f"{API}/lines/{line_id}/disbursements", {"amount": 1, "spent_on": "2025-02-01", "description": "x"}),
        ("POST", f"{API}/lines/{line_id}/settlements", SETTLEMENT),
    ]


class TestAnotherProvince:
    def test_every_route_on_another_provinces_line_answers_404(self, client, officer, leader, other):
        line = approved_line(client, officer, leader, category="DAO_TAO")

        statuses = {path: client.open(path, method=method, json=body, headers={**other, "If-Match": '"1"'}).status_code
                    for method, path, body in routes(line["id"])}

        assert set(statuses.values()) == {404}, statuses

    def test_lists_reports_and_overrides_show_nothing_of_another_province(self, client, officer, other):
        new_line(client, officer, category="DAO_TAO")

        listed = client.get(f"{API}/lines", headers=other).get_json()
        report = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025", headers=other).get_json()

        assert listed["total"] == 0 and report["rows"] == [] and report["total"]["estimate"] == 0
        assert client.get(f"{API}/overrides?fiscal_year=2025", headers=other).get_json() == []

    def test_an_agency_known_in_another_province_cannot_be_budgeted_here(self, client, officer, runtime):
        elsewhere = add_agency(runtime, f"o-{uuid.uuid4().hex[:10]}")

        assert new_line(client, officer, expect=422, agency_id=elsewhere)["status"] == 422


class TestAgencyOfficer:
    def test_an_agency_officer_estimates_and_reads_only_their_own_agencys_lines(self, client, officer, issuer,
                                                                                runtime, tenant):
        own, theirs = add_agency(runtime, tenant), add_agency(runtime, tenant, name="Cục Hải quan")
        mine = issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=own)
        other_line = new_line(client, officer, agency_id=theirs)

        created = new_line(client, mine, agency_id=own, estimate=10_000_000)
        listed = client.get(f"{API}/lines", headers=mine).get_json()

        assert [item["id"] for item in listed["items"]] == [created["id"]]
        assert client.get(f"{API}/lines/{other_line['id']}", headers=mine).status_code == 404
        assert client.patch(f"{API}/lines/{other_line['id']}", json={"estimate": 2},
                            headers={**mine, "If-Match": '"1"'}).status_code == 404
        assert new_line(client, mine, expect=404, agency_id=theirs)["status"] == 404

    def test_an_agency_officer_cannot_approve_spend_settle_override_or_open_a_programme_line(
            self, client, officer, issuer, runtime, tenant):
        own = add_agency(runtime, tenant)
        mine = issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=own)
        line = new_line(client, officer, agency_id=own)
        override = {"reason": "lý do", "document": "1/QĐ"}

        denied = [client.open(path, method=method, json=body, headers=mine).status_code
                  for method, path, body in routes(line["id"])[3:]]

        assert denied == [403, 403, 403]
        assert new_line(client, mine, expect=403, category="DAO_TAO")["status"] == 403
        assert new_line(client, mine, expect=403, agency_id=own, estimate=90_000_000,
                        cap_override=override)["status"] == 403


class TestRoles:
    @pytest.mark.parametrize("role", ["national_viewer", "platform_admin", "inspector"])
    def test_national_platform_and_inspector_roles_get_403_on_province_budget_data(self, client, issuer, tenant,
                                                                                    role):
        headers = issuer.headers(tenant=tenant if role == "inspector" else None, roles=[role])

        assert client.get(f"{API}/lines", headers=headers).status_code == 403
        assert client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025", headers=headers).status_code == 403

    def test_a_leader_approves_but_does_not_spend(self, client, officer, leader):
        line = approved_line(client, officer, leader, category="DAO_TAO")

        spend = client.post(f"{API}/lines/{line['id']}/disbursements", headers=leader,
                            json={"amount": 1, "spent_on": "2025-02-01", "description": "x"})

        assert line["status"] == "DA_GIAO_DU_TOAN" and spend.status_code == 403

    def test_an_officer_does_not_approve(self, client, officer):
        line = new_line(client, officer, category="DAO_TAO")

        response = client.post(f"{API}/lines/{line['id']}/approve", headers=officer,
                               json={"approved": 1, "approving_doc": "1/QĐ", "approved_on": "2025-01-02"})

        assert response.status_code == 403

    def test_without_a_token_the_answer_is_401(self, client):
        assert client.get(f"{API}/lines").status_code == 401


class TestTenantFilter:
    def test_every_tenant_table_is_filtered_and_a_session_without_a_province_refuses_to_read(self, client, officer,
                                                                                            leader, runtime):
        line = approved_line(client, officer, leader, category="DAO_TAO")
        client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                    json={"amount": 1, "spent_on": "2025-02-01", "description": "x"})
        scoped = [m.class_ for m in Base.registry.mappers if issubclass(m.class_, TenantScoped)]

        for table in scoped:
            with runtime.uow(f"o-{uuid.uuid4().hex[:10]}") as uow:
                assert uow.session.scalars(select(table)).all() == [], table.__name__
            with runtime.uow(None) as uow, pytest.raises(TenantNotSet):
                uow.session.scalars(select(table)).all()
        assert {t.__tablename__ for t in scoped} >= {"budget_lines", "expenditures", "settlements", "cap_overrides",
                                                      "agencies", "training_classes"}

    def test_a_use_case_of_another_province_cannot_touch_the_line(self, client, officer, leader, runtime):
        line = approved_line(client, officer, leader, category="DAO_TAO")
        spending = lines.Spending(amount=1, spent_on=date(2025, 2, 1), description="x")

        with pytest.raises(LineNotFound):
            lines.disburse(runtime.uow(f"o-{uuid.uuid4().hex[:10]}"), uuid.UUID(line["id"]), spending)

        assert client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()["disbursed"] == 0

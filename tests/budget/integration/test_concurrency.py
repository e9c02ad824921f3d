"""Officers spending on, or revising, the same line at the same moment (issue 20): requests released together,
each through its own client, many rounds. Money never exceeds what was approved, and of concurrent revisions
made from one version only the first is taken. On PostgreSQL (the line's row lock) and on SQLite, the embedded
mode's database (its one write lock, taken when a transaction begins)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from budget.services import lines
from kit.errors import DomainError
from tests.budget.conftest import API, approved_line, new_line
from tests.support.parallel import in_parallel
from tests.support.service import ServiceUnderTest

ROUNDS = 5




def spend(app, headers, line_id: str, amount: int):
    return lambda: app.test_client().post(f"{API}/lines/{line_id}/disbursements", headers=headers, json={
        "amount": amount, "spent_on": "2025-03-01", "description": "Chi tập huấn"})


def race_disbursements(app, officer, leader, rounds: int = ROUNDS) -> list[tuple[int, int, list[int]]]:
    """Each round: a line approved at 1,000,000 VND and four disbursements of 600,000 at once; per round the
    disbursed total, what was approved, and the answers."""
    client, seen = app.test_client(), []
    for _ in range(rounds):
        line = approved_line(client, officer, leader, approved=1_000_000, category="DAO_TAO", estimate=1_000_000)
        answers = in_parallel(*[spend(app, officer, line["id"], 600_000) for _ in range(4)])
        after = client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()
        seen.append((after["disbursed"], after["approved"], sorted(a.status_code for a in answers)))
    return seen


def over_approved(seen) -> list:
    return [(disbursed, approved) for disbursed, approved, _ in seen if disbursed > approved]


class TestOnPostgres:
    def test_four_disbursements_of_600_000_at_once_on_1_000_000_approved_let_one_through(self, app, officer,
                                                                                          leader):
        seen = race_disbursements(app, officer, leader)

        assert over_approved(seen) == []
        assert [answers for _, _, answers in seen] == [[201, 422, 422, 422]] * ROUNDS

    def test_concurrent_disbursements_through_the_use_case_never_exceed_the_approved_amount(
            self, client, officer, leader, runtime, tenant):
        line = approved_line(client, officer, leader, approved=100_000_000, category="DAO_TAO")

        def spend_directly():
            try:
                lines.disburse(runtime.uow(tenant), uuid.UUID(line["id"]), lines.Spending(
                    amount=30_000_000, spent_on=date(2025, 3, 1), description="Đợt chi"))
                return "ok"
            except DomainError:
                return "refused"

        outcomes = in_parallel(*[spend_directly] * 6)

        assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 3
        assert client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()["disbursed"] == 90_000_000

    def test_concurrent_revisions_from_one_version_take_the_first_and_refuse_the_others_with_412(
            self, app, client, officer):
        for _ in range(ROUNDS):
            line = new_line(client, officer, category="DAO_TAO", estimate=1_000_000)
            etag = client.get(f"{API}/lines/{line['id']}", headers=officer).headers["ETag"]

            answers = in_parallel(*[
                lambda n=n: app.test_client().patch(f"{API}/lines/{line['id']}", json={"estimate": 2_000_000 + n},
                                                    headers={**officer, "If-Match": etag}) for n in range(4)])

            assert sorted(a.status_code for a in answers) == [200, 412, 412, 412]
            [taken] = [a.get_json() for a in answers if a.status_code == 200]
            now = client.get(f"{API}/lines/{line['id']}", headers=officer)
            assert (now.get_json()["estimate"], now.get_json()["version"]) == (taken["estimate"], 2)
            assert {a.headers["ETag"] for a in answers} == {'"2"'}


class TestPreconditions:
    def test_a_line_answers_its_version_as_its_etag(self, client, officer):
        line = new_line(client, officer, category="DAO_TAO")

        read = client.get(f"{API}/lines/{line['id']}", headers=officer)

        assert (line["version"], read.headers["ETag"]) == (1, '"1"')

    def test_a_revision_without_if_match_is_428_and_changes_nothing(self, client, officer):
        line = new_line(client, officer, category="DAO_TAO", estimate=1_000_000)

        refused = client.patch(f"{API}/lines/{line['id']}", json={"estimate": 5}, headers=officer)

        assert (refused.status_code, refused.get_json()["code"]) == (428, "precondition_required")
        assert " / " in refused.get_json()["detail"]
        assert client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()["estimate"] == 1_000_000

    def test_a_revision_from_a_stale_version_is_412_with_the_current_etag(self, client, officer, leader):
        line = new_line(client, officer, category="DAO_TAO", estimate=1_000_000)
        first = client.patch(f"{API}/lines/{line['id']}", json={"estimate": 2_000_000},
                             headers={**officer, "If-Match": '"1"'})

        stale = client.patch(f"{API}/lines/{line['id']}", json={"estimate": 3_000_000},
                             headers={**officer, "If-Match": '"1"'})

        assert (first.status_code, first.headers["ETag"]) == (200, '"2"')
        assert (stale.status_code, stale.headers["ETag"], stale.get_json()["code"]) == (412, '"2"', "version_stale")
        assert client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()["estimate"] == 2_000_000

    def test_every_change_of_the_line_raises_its_version(self, client, officer, leader):
        line = approved_line(client, officer, leader, approved=1_000_000, category="DAO_TAO", estimate=1_000_000)
        spent = client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                            json={"amount": 100_000, "spent_on": "2025-03-01", "description": "Chi"})
        client.post(f"{API}/lines/{line['id']}/settlements", headers=officer,
                    json={"amount": 100_000, "settlement_doc": "58/QĐ-SKHCN", "settled_on": "2025-12-15"})

        after = client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()

        assert spent.status_code == 201
        assert (line["version"], after["version"]) == (2, 4)  # estimated 1, approved 2, disbursed 3, settled 4


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, issuer):
    """The budget service on SQLite, migrated as the embedded mode migrates it."""
    sut = ServiceUnderTest.on_sqlite(tmp_path_factory.mktemp('budget-sqlite'), issuer, "budget")
    runtime, app = sut.runtime, sut.app
    yield app
    runtime.engine.dispose()


def test_on_sqlite_four_disbursements_of_600_000_at_once_on_1_000_000_approved_let_one_through(
        embedded, officer, leader):
    seen = race_disbursements(embedded, officer, leader, rounds=3)

    assert over_approved(seen) == []
    assert [answers for _, _, answers in seen] == [[201, 422, 422, 422]] * 3

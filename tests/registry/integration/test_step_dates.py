"""Routes of api/step_dates.py: a step's date on record is corrected with a reason; the history, the summary and
the announcement move with it, the correction is kept, audited and published (docs/adr/0036)."""

from datetime import timedelta

import pytest

from kit import calendar
from tests.registry.conftest import Records, new_agency
from tests.support.service import outbox

SUMMARY = "/api/v1/registry/summary"
REASON = "Nhập nhầm ngày quyết định"


@pytest.fixture
def records(client, province, as_officer):
    return Records(client, as_officer, new_agency(client, as_officer)["id"])


def correct(records: Records, step: str, on: str, status: int = 201, reason: str = REASON) -> dict:
    return records.post("/quality-system/corrections", {"step": step, "on": on, "reason": reason}, status)


def read(records: Records, path: str):
    response = records.client.get(f"{records.base}{path}", headers=records.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def announced_on(client, headers, as_of: str) -> int:
    return client.get(f"{SUMMARY}?as_of={as_of}", headers=headers).get_json()["announced"]


class TestCorrectingADate:
    def test_an_announcement_dated_wrong_moves_with_the_history_and_the_summary(self, records, client, as_officer):
        records.announced()  # decided 1/6/2021, audits of 10/5/2021

        correction = correct(records, "announce", "2021-05-20")

        assert (correction["step"], correction["old_date"], correction["new_date"]) == (
            "announce", "2021-06-01", "2021-05-20")
        assert correction["reason"] == REASON and correction["corrected_by"] == "tester"
        [announcement] = read(records, "/announcements")
        assert announcement["decision_date"] == "2021-05-20"
        assert {"step": "announce", "on": "2021-05-20"} in read(records, "/quality-system/steps")
        assert read(records, "/quality-system")["status_since"] == "2021-05-20"
        assert announced_on(client, as_officer, "2021-05-25") == 1
        assert [c["id"] for c in read(records, "/quality-system/corrections")] == [correction["id"]]

    def test_the_correction_is_published_on_the_quality_system_topic(self, records, runtime, province):
        records.announced()
        system = read(records, "/quality-system")

        correct(records, "announce", "2021-05-20")

        [message] = outbox(runtime, province, event_type="registry.quality_system.step_date_corrected")
        data = message.payload["data"]
        assert message.topic == "registry.quality_system" and message.key == system["id"]
        assert (data["step"], data["status"], data["old_date"], data["new_date"], data["reason"]) == (
            "announce", "DA_CONG_BO", "2021-06-01", "2021-05-20", REASON)
        assert data["announcement_id"] == read(records, "/announcements")[0]["id"]
        assert data["version"] == system["version"] + 1 == read(records, "/quality-system")["version"]

    def test_the_correction_is_in_the_audit_trail(self, records, client, issuer, province):
        records.applied()
        correction = correct(records, "apply", "2021-02-15")
        admin = issuer.headers(tenant=province, roles=["province_admin"])

        trail = client.get(f"/api/v1/registry/audit?entity=quality_system_corrections&entity_id={correction['id']}",
                           headers=admin).get_json()

        [inserted] = trail
        assert inserted["action"] == "INSERT" and inserted["actor"] == "user:tester"

    def test_applying_moves_the_day_the_system_was_first_applied(self, records):
        records.applied()  # built 4/1/2021, applied 1/3/2021

        correct(records, "apply", "2021-02-15")

        assert read(records, "/quality-system")["first_applied_on"] == "2021-02-15"
        assert read(records, "/quality-system/steps") == [{"step": "start-building", "on": "2021-01-04"},
                                                          {"step": "apply", "on": "2021-02-15"}]

    def test_building_may_be_moved_before_the_system_was_put_on_record(self, records):
        records.create()
        records.move("start-building", on=str(calendar.today()))

        correct(records, "start-building", "2019-09-09")

        assert read(records, "/quality-system")["status_since"] == "2019-09-09"

    def test_the_receipt_of_an_announcement_is_corrected_not_before_its_decision(self, records, issuer, province):
        records.announced()
        [announcement] = read(records, "/announcements")
        records.headers = issuer.headers(tenant=province, roles=["province_officer"])
        records.post(f"/announcements/{announcement['id']}/receive", {"on": "2021-06-20"})

        refused = correct(records, "receive", "2021-05-31", status=422)
        correct(records, "receive", "2021-06-10")

        assert (refused["code"], refused["params"]) == ("before_previous_step",
                                                        {"on": "2021-05-31", "since": "2021-06-01"})
        assert read(records, "/announcements")[0]["received_on"] == "2021-06-10"


class TestRefusedCorrections:
    def test_a_date_before_the_previous_step_is_refused(self, records):
        records.announced()

        problem = correct(records, "announce", "2021-02-01", status=422)

        assert (problem["code"], problem["params"]) == ("before_previous_step",
                                                        {"on": "2021-02-01", "since": "2021-03-01"})
        assert read(records, "/announcements")[0]["decision_date"] == "2021-06-01"

    def test_a_date_after_the_next_step_is_refused(self, records):
        records.announced()

        problem = correct(records, "apply", "2021-06-02", status=422)

        assert (problem["code"], problem["params"]) == ("after_next_step", {"on": "2021-06-02", "until": "2021-06-01"})
        assert "/" in problem["detail"]

    def test_the_same_date_is_refused(self, records):
        records.applied()

        problem = correct(records, "apply", "2021-03-01", status=422)

        assert (problem["code"], problem["params"]) == ("date_unchanged", {"on": "2021-03-01"})

    def test_a_step_not_on_record_is_refused(self, records):
        records.applied()

        problem = correct(records, "announce", "2021-04-01", status=422)

        assert (problem["code"], problem["params"]) == ("step_not_recorded", {"step": "announce"})
        assert not read(records, "/quality-system/corrections")

    def test_a_date_after_today_is_refused(self, records):
        records.applied()

        problem = correct(records, "apply", str(calendar.today() + timedelta(days=1)), status=422)

        assert problem["error_codes"]["on"][0]["code"] == "date_after_today"

    @pytest.mark.parametrize("body", [{"step": "apply", "on": "2021-02-01"},
                                      {"step": "apply", "on": "2021-02-01", "reason": ""},
                                      {"step": "stop", "on": "2021-02-01", "reason": REASON}])
    def test_a_reason_and_a_known_step_are_required(self, records, body):
        records.applied()

        problem = records.post("/quality-system/corrections", body, 422)

        assert problem["code"] == "invalid_request"

    def test_an_agency_officer_corrects_only_their_own_agency(self, records, client, issuer, province, as_officer):
        records.applied()
        other = new_agency(client, as_officer, name="Sở Y tế")
        theirs = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=other["id"])

        response = client.post(f"{records.base}/quality-system/corrections", headers=theirs,
                               json={"step": "apply", "on": "2021-02-01", "reason": REASON})

        assert response.status_code == 404

"""The summary and the flags as of a past date read the quality system's status of that day from its history
(repository.py, services/oversight.py), on every period of one system's life and on the boundary days."""

from datetime import date

import pytest
from sqlalchemy import select

from registry import repository
from registry.orm import StatusSpan
from tests.registry.conftest import Records, new_agency

SUMMARY = "/api/v1/registry/summary"
# One 2008 system (new builds on 2008 ended in 2017): built 2017, applying and announced 2021, re-announcement
# pending from a scope change in 2022, in transition 2023, the transition announced on 2015 in 2024.
STATUS_ON = [
    ("2017-05-31", None), ("2017-06-01", "DANG_XAY_DUNG"), ("2021-02-28", "DANG_XAY_DUNG"),
    ("2021-03-01", "DANG_AP_DUNG"), ("2021-05-31", "DANG_AP_DUNG"), ("2021-06-01", "DA_CONG_BO"),
    ("2022-02-28", "DA_CONG_BO"), ("2022-03-01", "CAN_CONG_BO_LAI"), ("2023-02-28", "CAN_CONG_BO_LAI"),
    ("2023-03-01", "DANG_CHUYEN_DOI"), ("2024-04-30", "DANG_CHUYEN_DOI"), ("2024-05-01", "DA_CONG_BO"),
]
# (applying, announced) of the agency with each status; it is on 2015 from 1/5/2024 only
FIGURES_ON = {None: (0, 0), "DANG_XAY_DUNG": (0, 0), "DANG_AP_DUNG": (1, 0), "DA_CONG_BO": (1, 1),
              "CAN_CONG_BO_LAI": (1, 1), "DANG_CHUYEN_DOI": (1, 1)}


@pytest.fixture
def lived(client, province, as_officer) -> Records:
    records = Records(client, as_officer, new_agency(client, as_officer)["id"])
    records.create(standard_version="TCVN_ISO_9001_2008")
    records.move("start-building", on="2017-06-01")
    records.move("apply", on="2021-03-01")
    records.audit()
    records.post("/maintenance", {"activity_type": "MUC_TIEU_CHAT_LUONG", "activity_date": "2021-05-10"}, 201)
    records.announce(decision_date="2021-06-01")
    records.move("scope", on="2022-03-01", reason="SAP_XEP_TO_CHUC")
    records.move("start-transition", on="2023-03-01")
    records.audit(on="2024-04-01")
    records.announce(decision_no="70/QĐ", decision_date="2024-05-01", reason="CHUYEN_DOI_PHIEN_BAN",
                     standard_version="TCVN_ISO_9001_2015")
    return records


def figures(client, headers, as_of) -> tuple:
    body = client.get(f"{SUMMARY}?as_of={as_of}", headers=headers).get_json()
    return body["total"], body["applying"], body["announced"], body["on_2015"]


def flags(client, headers, as_of) -> set[str]:
    [row] = client.get(f"/api/v1/registry/agencies/flags?as_of={as_of}", headers=headers).get_json()
    return set(row["flags"])


class TestTheStatusOfTheDay:
    @pytest.mark.parametrize(("as_of", "status"), STATUS_ON)
    def test_the_system_of_each_day_has_the_status_of_that_day(self, lived, runtime, province, as_of, status):
        with runtime.uow(province) as uow:
            [(_, system)] = repository.agencies_and_systems(uow.session, date.fromisoformat(as_of))

        assert (system.status if system else None) == status

    def test_the_standard_version_and_the_status_start_are_those_of_the_day(self, lived, runtime, province):
        with runtime.uow(province) as uow:
            [(_, pending)] = repository.agencies_and_systems(uow.session, date(2022, 6, 1))
            [(_, closed)] = repository.agencies_and_systems(uow.session, date(2024, 5, 1))

        assert (pending.standard_version, pending.status_since) == ("TCVN_ISO_9001_2008", date(2022, 3, 1))
        assert (closed.standard_version, closed.status_since) == ("TCVN_ISO_9001_2015", date(2024, 5, 1))


class TestTheSummaryAsOf:
    @pytest.mark.parametrize(("as_of", "status"), STATUS_ON)
    def test_the_summary_counts_the_status_of_the_day(self, lived, client, as_officer, as_of, status):
        assert figures(client, as_officer, as_of) == (1, *FIGURES_ON[status], int(as_of >= "2024-05-01"))

    def test_a_system_put_on_record_today_does_not_count_before_today(self, client, province, as_officer, runtime):
        records = Records(client, as_officer, new_agency(client, as_officer, tthc_count=90)["id"])
        records.create(scope_tthc_count=60)

        with runtime.uow(province) as uow:
            today = uow.now().date()
            [(_, before)] = repository.agencies_and_systems(uow.session, date.fromordinal(today.toordinal() - 1))
            [(_, on_the_day)] = repository.agencies_and_systems(uow.session, today)

        assert before is None and on_the_day.status == "CHUA_XAY_DUNG"
        assert "scope_incomplete" not in flags(client, as_officer, date.fromordinal(today.toordinal() - 1))
        assert "scope_incomplete" in flags(client, as_officer, today)

    def test_an_agency_with_an_old_system_and_a_new_one_counts_once(self, client, province, as_officer):
        records = Records(client, as_officer, new_agency(client, as_officer)["id"])
        records.announced()
        records.move("stop", on="2022-01-01", reason="Xây dựng lại")
        records.create()
        records.move("start-building", on="2021-10-01")

        assert figures(client, as_officer, "2021-12-01") == (1, 0, 0, 0)  # the newest system counts
        assert figures(client, as_officer, "2021-09-30") == (1, 1, 1, 1)
        assert figures(client, as_officer, "2022-01-01") == (1, 0, 0, 0)

    def test_a_backdated_stop_replaces_the_steps_after_it(self, client, province, as_officer):
        records = Records(client, as_officer, new_agency(client, as_officer)["id"])
        records.announced()
        records.move("stop", on="2021-04-01", reason="Sáp nhập")

        assert figures(client, as_officer, "2021-03-31") == (1, 1, 0, 1)
        assert figures(client, as_officer, "2021-04-01") == (1, 0, 0, 0)
        assert figures(client, as_officer, "2021-07-01") == (1, 0, 0, 0)


class TestTheFlagsAsOf:
    @pytest.mark.parametrize(("as_of", "expected"), [
        ("2020-12-01", set()),  # building: no upkeep due yet
        ("2021-06-30", set()),
        ("2021-07-01", {"legacy_version"}),  # 2008 after its transition deadline, inclusive of 30/6/2021
        ("2021-12-01", {"legacy_version"}),  # the whole 2021 upkeep is on record
        ("2022-03-31", {"legacy_version"}),  # the re-announcement is due within 30 days of 1/3/2022
        ("2022-04-01", {"legacy_version", "overdue_reannouncement"}),
        ("2022-12-01", {"legacy_version", "overdue_reannouncement", "overdue_maintenance"}),
        ("2023-03-01", {"legacy_version"}),  # in transition: no re-announcement pending
        ("2024-04-30", {"legacy_version"}),
        ("2024-05-01", set()),  # announced on 2015
    ])
    def test_the_flags_of_a_past_day_follow_the_status_of_that_day(self, lived, client, as_officer, as_of,
                                                                    expected):
        assert flags(client, as_officer, as_of) - {"no_iso_secretary"} == expected


class TestTheHistory:
    def test_a_backdated_step_replaces_the_steps_dated_on_or_after_it(self, client, province, as_officer, runtime):
        records = Records(client, as_officer, new_agency(client, as_officer)["id"])
        records.announced()  # put on record today, built from 4/1/2021, applying 1/3, announced 1/6/2021
        records.move("stop", on="2021-04-01", reason="Sáp nhập")

        with runtime.uow(province) as uow:
            spans = uow.session.scalars(select(StatusSpan).order_by(StatusSpan.starts_on)).all()

        assert [(s.starts_on.isoformat(), s.ends_before and s.ends_before.isoformat(), s.status) for s in spans] == [
            ("2021-01-04", "2021-03-01", "DANG_XAY_DUNG"), ("2021-03-01", "2021-04-01", "DANG_AP_DUNG"),
            ("2021-04-01", None, "NGUNG_AP_DUNG")]

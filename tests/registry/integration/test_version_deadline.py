"""Announcing on a standard version past its transition deadline (TCVN ISO 9001:2008 after 30/6/2021, from the
registry's reference data) is a 409, first announcement or re-announcement; on the deadline it is still in time."""

import pytest

from tests.registry.conftest import Records, new_agency

V2008 = "TCVN_ISO_9001_2008"


@pytest.fixture
def records(client, province, as_officer):
    return Records(client, as_officer, new_agency(client, as_officer, tthc_count=90)["id"])


def scope_changed(records: Records) -> None:
    records.announced(standard_version=V2008)
    records.move("scope", on="2021-06-10", reason="DIEU_CHINH_PHAM_VI", scope_tthc_count=95)


class TestAnnouncingOnARetiredVersion:
    def test_a_re_announcement_on_2008_after_the_deadline_is_409_with_the_deadline(self, records):
        scope_changed(records)

        problem = records.announce(decision_no="9/QĐ", decision_date="2021-07-01", reason="DIEU_CHINH_PHAM_VI",
                                   status=409)

        assert "TCVN ISO 9001:2008" in problem["detail"] and "30/06/2021" in problem["detail"]
        assert "thời hạn chuyển đổi" in problem["detail"] and "transition deadline" in problem["detail"]
        current = records.client.get(f"{records.base}/quality-system", headers=records.headers).get_json()
        assert current["status"] == "CAN_CONG_BO_LAI"

    def test_a_re_announcement_on_2008_dated_on_the_deadline_is_accepted(self, records):
        scope_changed(records)

        again = records.announce(decision_no="9/QĐ", decision_date="2021-06-30", reason="DIEU_CHINH_PHAM_VI")

        assert (again["kind"], again["standard_version"]) == ("CONG_BO_LAI", V2008)

    def test_a_first_announcement_on_2008_after_the_deadline_is_409(self, records):
        records.applied(standard_version=V2008)
        records.audit(on="2021-07-02")

        problem = records.announce(decision_date="2021-07-05", status=409)

        assert "30/06/2021" in problem["detail"]

    def test_the_2015_version_has_no_deadline(self, records):
        scope_changed(records)
        records.move("start-transition", on="2021-06-15")
        records.audit(on="2022-01-10")

        closed = records.announce(decision_no="9/QĐ", decision_date="2022-02-01", reason="CHUYEN_DOI_PHIEN_BAN",
                                  standard_version="TCVN_ISO_9001_2015")

        assert closed["standard_version"] == "TCVN_ISO_9001_2015"

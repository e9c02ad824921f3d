"""Routes of api/quality_systems.py: the HTQLCL lifecycle is enforced with explicit commands; every impossible
move is a bilingual 409/422."""

import pytest

from tests.registry.conftest import Records, new_agency
from tests.support.service import outbox


@pytest.fixture
def records(client, province, as_officer):
    return Records(client, as_officer, new_agency(client, as_officer, tthc_count=90)["id"])


def bilingual(problem: dict) -> bool:
    return " / " in problem["detail"]


class TestTheHappyPath:
    def test_a_system_is_built_applied_announced_and_reannounced_after_a_scope_change(self, records, runtime,
                                                                                       province):
        records.create(scope_tthc_count=80, built_with="TU_XAY_DUNG")
        records.move("start-building", on="2021-01-04")
        records.move("apply", on="2021-03-01")
        records.audit()
        first = records.announce(signed_by="Giám đốc Sở")
        changed = records.move("scope", on="2021-09-01", reason="MO_RONG_PHAM_VI", scope_tthc_count=90)
        again = records.announce(decision_no="40/QĐ-STP", decision_date="2021-09-20", reason="MO_RONG_PHAM_VI")

        assert first["kind"] == "LAN_DAU" and again["kind"] == "CONG_BO_LAI"
        assert changed["status"] == "CAN_CONG_BO_LAI"
        assert (changed["scope_change_reason"], changed["scope_changed_on"]) == ("MO_RONG_PHAM_VI", "2021-09-01")
        current = records.client.get(f"{records.base}/quality-system", headers=records.headers).get_json()
        assert (current["status"], current["scope_tthc_count"], current["version"]) == ("DA_CONG_BO", 90, 6)
        listed = records.client.get(f"{records.base}/announcements", headers=records.headers).get_json()
        assert [a["status"] for a in listed] == ["HET_HIEU_LUC", "DA_KY"]
        types = [row.type for row in outbox(runtime, province, topic="registry.quality_system")]
        assert types.count("registry.quality_system.status_changed") == 6
        assert types.count("registry.quality_system.announced") == 2

    def test_a_2008_system_transitions_to_2015_through_a_re_announcement(self, records):
        records.announced(standard_version="TCVN_ISO_9001_2008")

        records.move("start-transition", on="2021-07-10")
        records.audit(on="2021-08-01")
        records.announce(decision_no="70/QĐ", decision_date="2021-09-01", reason="CHUYEN_DOI_PHIEN_BAN",
                         standard_version="TCVN_ISO_9001_2015")

        current = records.client.get(f"{records.base}/quality-system", headers=records.headers).get_json()
        assert (current["status"], current["standard_version"]) == ("DA_CONG_BO", "TCVN_ISO_9001_2015")
        assert current["transition_completed_on"] == "2021-09-01"


class TestImpossibleMoves:
    @pytest.mark.parametrize(("command", "status_vi"), [
        ("apply", "chưa xây dựng"), ("start-transition", "chưa xây dựng"),
    ])
    def test_commands_out_of_order_are_409_in_vietnamese_and_english(self, records, command, status_vi):
        records.create()

        problem = records.move(command, status=409)

        assert status_vi in problem["detail"] and "cannot" in problem["detail"]

    def test_announcing_a_system_not_yet_applied_is_409(self, records):
        records.create()

        problem = records.announce(status=409)

        assert "công bố" in problem["detail"] and "cannot announce" in problem["detail"]

    def test_building_twice_is_409(self, records):
        records.create()
        records.move("start-building")

        assert bilingual(records.move("start-building", status=409))

    def test_announcing_without_internal_audit_and_management_review_is_422(self, records):
        records.applied()
        records.post("/maintenance", {"activity_type": "DANH_GIA_NOI_BO", "activity_date": "2021-05-10"}, 201)

        problem = records.announce(status=422)

        assert "XEM_XET_LANH_DAO" in problem["detail"] and "đánh giá nội bộ" in problem["detail"]

    def test_each_upkeep_record_carries_the_day_the_years_upkeep_was_complete(self, records, runtime, province):
        records.applied()
        for activity, on in (("XEM_XET_LANH_DAO", "2021-09-01"), ("DANH_GIA_NOI_BO", "2021-05-10"),
                             ("MUC_TIEU_CHAT_LUONG", "2021-02-01"), ("DANH_GIA_NOI_BO", "2021-11-02")):
            records.post("/maintenance", {"activity_type": activity, "activity_date": on}, 201)

        carried = [m.payload["data"]["upkeep_completed_on"]
                   for m in outbox(runtime, province, topic="registry.maintenance")]

        assert carried[-4:] == [None, None, "2021-09-01", "2021-09-01"]

    def test_audits_of_an_earlier_cycle_do_not_count(self, records):
        records.applied()
        records.audit(on="2020-05-31")  # 366 days before the decision

        assert records.announce(decision_date="2021-06-01", status=422)
        records.audit(on="2020-06-02")
        assert records.announce(decision_date="2021-06-01")["kind"] == "LAN_DAU"

    def test_a_province_that_does_not_require_audits_before_announcing_can_say_so(self, records, client, issuer,
                                                                                   province):
        admin = issuer.headers(tenant=province, roles=["province_admin"])
        records.applied()

        unset = {**admin, "If-Match": '"0"'}  # the province has not set its own value yet
        bad = client.put("/api/v1/registry/settings/announce_requires_audits", json={"value": "yes"}, headers=unset)
        good = client.put("/api/v1/registry/settings/announce_requires_audits", json={"value": "0"}, headers=unset)

        assert bad.status_code == 422 and "1 (required) or 0" in bad.get_json()["detail"]
        assert good.get_json()["value"] == "0"
        assert records.announce()["kind"] == "LAN_DAU"

    def test_audits_dated_after_the_decision_do_not_count(self, records):
        records.applied()
        records.audit(on="2021-07-01")

        assert records.announce(decision_date="2021-06-01", status=422)

    def test_a_re_announcement_needs_a_reason(self, records):
        records.announced()
        records.move("scope", on="2021-07-01", reason="THU_HEP_PHAM_VI", scope_tthc_count=70)

        problem = records.announce(decision_no="2/QĐ", decision_date="2021-10-01", status=422)

        assert "lý do" in problem["detail"] and "reason" in problem["detail"]

    def test_a_scope_change_needs_a_known_reason(self, records):
        records.announced()

        assert bilingual(records.move("scope", reason="BECAUSE", status=422))

    def test_a_new_build_on_the_2008_version_after_2017_is_refused(self, records):
        records.create(standard_version="TCVN_ISO_9001_2008")

        problem = records.move("start-building", on="2019-02-01", status=422)

        assert "2008" in problem["detail"] and "31/12/2017" in problem["detail"]

    def test_a_2015_system_has_no_version_transition(self, records):
        records.announced()

        assert bilingual(records.move("start-transition", status=422))

    def test_closing_a_transition_must_announce_the_2015_version(self, records):
        records.announced(standard_version="TCVN_ISO_9001_2008")
        records.move("start-transition", on="2021-06-15")

        problem = records.announce(decision_date="2021-07-01", reason="CHUYEN_DOI_PHIEN_BAN", status=422)

        assert "9001:2015" in problem["detail"]

    def test_an_agency_has_one_quality_system_in_use(self, records):
        records.create()

        assert bilingual(records.create(status=409))

    def test_an_unknown_standard_version_is_422(self, records):
        assert bilingual(records.create(standard_version="ISO_9001_2030", status=422))

    def test_a_stopped_system_makes_room_for_a_new_one(self, records):
        records.announced()

        stopped = records.move("stop", reason="Tổ chức lại bộ máy")
        records.create()

        assert stopped["status"] == "NGUNG_AP_DUNG"

    def test_an_unknown_maintenance_activity_is_422(self, records):
        records.create()

        assert bilingual(records.post("/maintenance", {"activity_type": "PICNIC", "activity_date": "2021-01-01"},
                                      422))

    def test_an_announcement_is_received_once(self, records):
        announcement = records.announced()
        path = f"/announcements/{announcement['id']}/receive"

        received = records.post(path, {"on": "2021-06-05"})
        again = records.post(path, {"on": "2021-06-06"}, 409)

        assert received["status"] == "DA_TIEP_NHAN" and received["received_on"] == "2021-06-05"
        assert bilingual(again)


class TestAgencyEnds:
    def test_a_dissolved_agency_stops_its_system_and_refuses_changes(self, records, runtime, province):
        records.announced()

        records.post("/dissolve", {"dissolved_on": "2025-06-30"})
        current = records.client.get(f"{records.base}/quality-system", headers=records.headers)
        problem = records.create(status=409)

        assert current.status_code == 404
        assert bilingual(problem)
        [*_, last] = outbox(runtime, province, topic="registry.quality_system")
        assert last.payload["data"]["status"] == "NGUNG_AP_DUNG"
        assert last.payload["data"]["changed_on"] == "2025-07-01"  # it applied its system to its last day


class TestChronology:
    def test_a_step_cannot_be_dated_before_the_step_it_follows(self, records):
        records.create()
        records.move("start-building", on="2021-01-04")

        problem = records.move("apply", on="2020-12-31", status=422)

        assert "04/01/2021" in problem["detail"] and bilingual(problem)

"""Routes of api/province_successions.py on PostgreSQL: the platform admin's dry run writes nothing; the execution
ends the predecessor's agencies the day before, continues or merges them in the successor with their quality
systems (an agency merged into needs re-announcement) and a continuing agency's ISO officers, publishes the events
(the merged ones naming the successor province), and executed again changes nothing; an interrupted one resumes.
A province's district-level agencies end on 30/6/2025."""

from __future__ import annotations

import io
import uuid

import pytest

from registry.services import province_successions, tenants
from tests.registry.conftest import AGENCIES, Records, new_agency
from tests.support.service import outbox

SUCCESSIONS = "/api/v1/registry/successions"


def slug(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def provinces(runtime, client, issuer):
    """A predecessor with a Sở (announced), a commune (applying), a district committee and a Sở dissolved in 2020;
    a successor with the Sở the predecessor's merges into."""
    predecessor, successor = slug("pre"), slug("suc")
    tenants.create_tenant(runtime.uow(predecessor), name="Tỉnh Trước")
    tenants.create_tenant(runtime.uow(successor), name="Tỉnh Sau")
    old = issuer.headers(tenant=predecessor, roles=["province_admin"])
    new = issuer.headers(tenant=successor, roles=["province_admin"])
    so = new_agency(client, old, name="Sở Tư pháp", valid_from="2010-01-01")
    Records(client, old, so["id"]).announced()
    xa = new_agency(client, old, name="UBND xã Hòa Thắng", agency_type="UBND_XA", valid_from="2010-01-01")
    Records(client, old, xa["id"]).applied()
    huyen = new_agency(client, old, name="UBND huyện Bắc Bình", agency_type="UBND_HUYEN", valid_from="2010-01-01")
    gone = new_agency(client, old, name="Sở cũ", valid_from="2010-01-01")
    client.post(f"{AGENCIES}/{gone['id']}/dissolve", json={"dissolved_on": "2020-12-31"}, headers=old)
    target = new_agency(client, new, name="Sở Tư pháp tỉnh Sau", valid_from="2010-01-01")
    Records(client, new, target["id"]).announced()
    return {"predecessor": predecessor, "successor": successor, "old": old, "new": new, "so": so["id"],
            "xa": xa["id"], "huyen": huyen["id"], "gone": gone["id"], "target": target["id"]}


def request(p: dict, **overrides) -> dict:
    return {"successor": p["successor"], "predecessors": [p["predecessor"]], "effective_date": "2025-07-01",
            "legal_basis": "Nghị quyết 202/2025/QH15",
            "plan": [{"agency_id": p["so"], "action": "merge", "into": p["target"]},
                     {"agency_id": p["xa"], "action": "continue"}, {"agency_id": p["huyen"], "action": "end"}],
            **overrides}


@pytest.fixture
def admin(issuer):
    return issuer.headers(roles=["platform_admin"])


def agency(client, headers, agency_id) -> dict:
    return client.get(f"{AGENCIES}/{agency_id}", headers=headers).get_json()


class TestDryRun:
    def test_it_answers_the_counts_the_unmapped_and_the_conflicts_and_writes_nothing(self, client, runtime,
                                                                                      provinces, admin):
        before = len(outbox(runtime, provinces["predecessor"]))
        partial = request(provinces, plan=[{"agency_id": provinces["so"], "action": "merge",
                                            "into": provinces["xa"]}, {"agency_id": provinces["gone"],
                                                                       "action": "end"}])

        full = client.post(f"{SUCCESSIONS}/dry-run", json=request(provinces), headers=admin).get_json()
        lacking = client.post(f"{SUCCESSIONS}/dry-run", json=partial, headers=admin).get_json()

        assert full == {"executable": True, "agencies": 3, "unmapped": [], "conflicts": [], "counts": {
            "continue": {"UBND_XA": 1}, "end": {"UBND_HUYEN": 1}, "merge": {"SO": 1}}}
        assert not lacking["executable"]
        assert {a["name"] for a in lacking["unmapped"]} == {"UBND xã Hòa Thắng", "UBND huyện Bắc Bình"}
        assert sorted(c["problem"] for c in lacking["conflicts"]) == [
            "ended_before_the_effective_date", "into_is_not_an_agency_of_the_successor_on_the_effective_date"]
        assert len(outbox(runtime, provinces["predecessor"])) == before
        assert agency(client, provinces["old"], provinces["so"])["status"] == "HOAT_DONG"

    def test_only_the_platform_admin_may_run_or_execute_it(self, client, provinces, issuer):
        for path in (f"{SUCCESSIONS}/dry-run", SUCCESSIONS, f"{SUCCESSIONS}/plan"):
            assert client.post(path, json=request(provinces), headers=provinces["new"]).status_code == 403
        national = issuer.headers(roles=["national_viewer"])
        assert client.post(SUCCESSIONS, json=request(provinces), headers=national).status_code == 403
        assert client.get(SUCCESSIONS, headers=national).status_code == 200
        for path in (SUCCESSIONS, f"{SUCCESSIONS}/plan.xlsx"):
            assert client.get(path, headers=provinces["new"]).status_code == 403

    def test_unknown_provinces_and_a_province_into_itself_are_refused(self, client, provinces, admin):
        unknown = client.post(f"{SUCCESSIONS}/dry-run", json=request(provinces, predecessors=["khong-co"]),
                              headers=admin)
        itself = client.post(f"{SUCCESSIONS}/dry-run", json=request(
            provinces, predecessors=[provinces["successor"]]), headers=admin)

        assert unknown.status_code == 404 and unknown.get_json()["detail"] == ("Không tìm thấy tỉnh 'khong-co' / "
                                                                               "province 'khong-co' not found")
        assert itself.status_code == 422
        assert "không thể vừa là tỉnh trước vừa là tỉnh sau" in itself.get_json()["detail"]


class TestExecution:
    def test_the_predecessor_ends_the_day_before_and_its_agencies_go_on_in_the_successor(self, client, runtime,
                                                                                        provinces, admin):
        response = client.post(SUCCESSIONS, json=request(provinces), headers=admin)

        assert response.status_code == 201, response.get_json()
        succession = response.get_json()
        assert succession["status"] == "DONE" and all(step["done"] for step in succession["steps"])
        old, new = provinces["old"], provinces["new"]
        ended = {key: agency(client, old, provinces[key]) for key in ("so", "xa", "huyen")}
        assert {key: (a["status"], a["valid_to"]) for key, a in ended.items()} == {
            "so": ("DA_SAP_NHAP", "2025-06-30"), "xa": ("DA_SAP_NHAP", "2025-06-30"),
            "huyen": ("DA_GIAI_THE", "2025-06-30")}
        [continued] = [s["successor_agency_id"] for s in succession["steps"] if s["action"] == "continue"]
        commune = agency(client, new, continued)
        assert (commune["name"], commune["valid_from"], commune["status"]) == (
            "UBND xã Hòa Thắng", "2025-07-01", "HOAT_DONG")
        system = client.get(f"{AGENCIES}/{continued}/quality-system", headers=new).get_json()
        assert (system["status"], system["status_since"]) == ("DANG_AP_DUNG", "2025-07-01")
        target = client.get(f"{AGENCIES}/{provinces['target']}/quality-system", headers=new).get_json()
        assert (target["status"], target["status_since"]) == ("CAN_CONG_BO_LAI", "2025-07-01")  # reorganised
        merged = client.get(f"{AGENCIES}/{provinces['so']}/successions", headers=old).get_json()
        assert [s["successor_id"] for s in merged["successors"]] == [provinces["target"]]
        types = {row.type for row in outbox(runtime, provinces["successor"])}
        assert {"registry.tenant.succeeded", "registry.agency.registered"} <= types
        assert {"registry.agency.merged", "registry.agency.dissolved"} <= {
            row.type for row in outbox(runtime, provinces["predecessor"])}

    def test_executed_again_it_changes_nothing(self, client, runtime, provinces, admin):
        first = client.post(SUCCESSIONS, json=request(provinces), headers=admin)
        rows = len(outbox(runtime, provinces["successor"])) + len(outbox(runtime, provinces["predecessor"]))

        again = client.post(SUCCESSIONS, json=request(provinces), headers=admin)

        assert (first.status_code, again.status_code) == (201, 200)
        assert again.get_json()["id"] == first.get_json()["id"]
        assert len(outbox(runtime, provinces["successor"])) + len(outbox(runtime, provinces["predecessor"])) == rows

    def test_an_incomplete_plan_or_another_successor_is_a_conflict(self, client, runtime, provinces, admin):
        incomplete = client.post(SUCCESSIONS, json=request(provinces, plan=[]), headers=admin)
        client.post(SUCCESSIONS, json=request(provinces), headers=admin)
        elsewhere = slug("khac")
        tenants.create_tenant(runtime.uow(elsewhere), name="Tỉnh Khác")
        other = client.post(SUCCESSIONS, json=request(provinces, successor=elsewhere, plan=[],
                                                      default_action="end"), headers=admin)

        assert incomplete.status_code == 409
        assert incomplete.get_json()["detail"].startswith("Phương án sắp xếp chưa đầy đủ: 3 cơ quan chưa được phân")
        assert other.status_code == 409 and "đã được sắp xếp vào" in other.get_json()["detail"]

    def test_an_interrupted_execution_resumes_where_it_stopped(self, client, runtime, provinces, admin, monkeypatch):
        real, calls = province_successions._end_in_predecessor, []

        def fail_on_the_second(*args):
            calls.append(args)
            if len(calls) == 2:
                raise ConnectionError("the database went away")
            return real(*args)

        monkeypatch.setattr(province_successions, "_end_in_predecessor", fail_on_the_second)
        interrupted = client.post(SUCCESSIONS, json=request(provinces), headers=admin)
        [stopped] = [s for s in client.get(SUCCESSIONS, headers=admin).get_json()
                     if s["successor"] == provinces["successor"]]
        monkeypatch.setattr(province_successions, "_end_in_predecessor", real)
        resumed = client.post(SUCCESSIONS, json=request(provinces), headers=admin)

        assert interrupted.status_code == 500
        assert stopped["status"] == "EXECUTING" and [s["done"] for s in stopped["steps"]].count(True) == 1
        assert resumed.status_code == 201 and resumed.get_json()["status"] == "DONE"
        communes = client.get(AGENCIES, headers=provinces["new"], query_string={"agency_type": "UBND_XA"}).get_json()
        assert [a["name"] for a in communes["items"]] == ["UBND xã Hòa Thắng"]  # continued once, not twice


def appoint(client, headers, agency_id, role: str, full_name: str, on: str) -> dict:
    response = client.post(f"{AGENCIES}/{agency_id}/officers", headers=headers,
                           json={"role": role, "full_name": full_name, "appointed_on": on, "position": "Phó Chủ tịch"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def officers(client, headers, agency_id) -> list[tuple]:
    listed = client.get(f"{AGENCIES}/{agency_id}/officers", headers=headers).get_json()
    return sorted((o["role"], o["full_name"], o["position"], o["appointed_on"], o["removed_on"]) for o in listed)


class TestContinuity:
    """What goes on with a continuing agency: its ISO officers, and the other province named to the services."""

    @pytest.fixture
    def staffed(self, client, provinces):
        """The commune has a thư ký ISO (who replaced an earlier one) and a đại diện lãnh đạo."""
        xa, old = provinces["xa"], provinces["old"]
        appoint(client, old, xa, "THU_KY_ISO", "Lê Thị Hoa", "2019-01-02")
        appoint(client, old, xa, "THU_KY_ISO", "Phạm Minh Đức", "2023-05-02")
        appoint(client, old, xa, "DAI_DIEN_LANH_DAO", "Võ Văn Tâm", "2020-01-01")
        return provinces

    @staticmethod
    def continued(succession: dict) -> str:
        [new_id] = [s["successor_agency_id"] for s in succession["steps"] if s["action"] == "continue"]
        return new_id

    def test_the_current_officers_go_on_in_the_new_entry_and_leave_the_old_one_on_the_last_day(
            self, client, runtime, staffed, admin):
        succession = client.post(SUCCESSIONS, json=request(staffed), headers=admin).get_json()

        assert officers(client, staffed["new"], self.continued(succession)) == [
            ("DAI_DIEN_LANH_DAO", "Võ Văn Tâm", "Phó Chủ tịch", "2025-07-01", None),
            ("THU_KY_ISO", "Phạm Minh Đức", "Phó Chủ tịch", "2025-07-01", None)]
        assert officers(client, staffed["old"], staffed["xa"]) == [
            ("DAI_DIEN_LANH_DAO", "Võ Văn Tâm", "Phó Chủ tịch", "2020-01-01", "2025-06-30"),
            ("THU_KY_ISO", "Lê Thị Hoa", "Phó Chủ tịch", "2019-01-02", "2023-05-02"),
            ("THU_KY_ISO", "Phạm Minh Đức", "Phó Chủ tịch", "2023-05-02", "2025-06-30")]
        appointed = outbox(runtime, staffed["successor"], event_type="registry.officer.appointed")
        assert sorted(r.payload["data"]["full_name"] for r in appointed) == ["Phạm Minh Đức", "Võ Văn Tâm"]
        assert {r.payload["data"]["agency_id"] for r in appointed} == {self.continued(succession)}
        removed = outbox(runtime, staffed["predecessor"], event_type="registry.officer.removed")
        assert sorted(r.payload["data"]["removed_on"] for r in removed) == ["2023-05-02", "2025-06-30", "2025-06-30"]

    def test_the_merged_events_name_the_successor_province(self, client, runtime, staffed, admin):
        succession = client.post(SUCCESSIONS, json=request(staffed), headers=admin).get_json()

        merged = {r.key: r.payload["data"] for r in outbox(runtime, staffed["predecessor"],
                                                             event_type="registry.agency.merged")}
        assert {key: (data["successor_agency_id"], data["successor_tenant"], data["successor_tenant_name"])
                for key, data in merged.items()} == {
            staffed["xa"]: (self.continued(succession), staffed["successor"], "Tỉnh Sau"),
            staffed["so"]: (staffed["target"], staffed["successor"], "Tỉnh Sau")}

    def test_a_merge_inside_a_province_names_no_other_province(self, client, runtime, staffed):
        old = staffed["old"]
        kept = new_agency(client, old, name="Sở Tư pháp mới", valid_from="2010-01-01")
        response = client.post(f"{AGENCIES}/{staffed['so']}/merge", headers=old, json={
            "successor_agency_id": kept["id"], "merged_on": "2024-12-31"})

        assert response.status_code == 200, response.get_json()
        [merged] = outbox(runtime, staffed["predecessor"], event_type="registry.agency.merged")
        assert (merged.payload["data"]["successor_tenant"], merged.payload["data"]["successor_tenant_name"]) == (
            None, None)

    def test_a_resumed_continue_step_appoints_nobody_twice(self, client, runtime, staffed, admin, monkeypatch):
        real, failed = province_successions._end_in_predecessor, []

        def fail_once_after_the_continuing_entry(*args):
            if args[2]["action"] == "continue" and not failed:
                failed.append(args)
                raise ConnectionError("the database went away")
            return real(*args)

        monkeypatch.setattr(province_successions, "_end_in_predecessor", fail_once_after_the_continuing_entry)
        interrupted = client.post(SUCCESSIONS, json=request(staffed), headers=admin)
        resumed = client.post(SUCCESSIONS, json=request(staffed), headers=admin)

        assert (interrupted.status_code, resumed.status_code) == (500, 201) and failed
        new_id = self.continued(resumed.get_json())
        assert [(o[1], o[4]) for o in officers(client, staffed["new"], new_id)] == [
            ("Võ Văn Tâm", None), ("Phạm Minh Đức", None)]
        assert len(outbox(runtime, staffed["successor"], event_type="registry.officer.appointed")) == 2
        assert [o[4] for o in officers(client, staffed["old"], staffed["xa"])] == [
            "2025-06-30", "2023-05-02", "2025-06-30"]


class TestDistrictsEnd:
    def test_the_district_agencies_end_on_30_6_2025_and_count_that_day_only(self, client, province, issuer):
        manager = issuer.headers(tenant=province, roles=["province_admin"])
        huyen = new_agency(client, manager, name="UBND huyện Tuy Phong", agency_type="UBND_HUYEN",
                           valid_from="2010-01-01")
        phong = new_agency(client, manager, name="Phòng Nội vụ huyện Tuy Phong", agency_type="DVSN",
                           admin_level="HUYEN", valid_from="2010-01-01")
        so = new_agency(client, manager, name="Sở Nội vụ", valid_from="2010-01-01")
        path = f"{AGENCIES}/districts-end"

        listed = client.get(path, headers=manager).get_json()
        ended = client.post(path, headers=manager).get_json()
        again = client.post(path, headers=manager).get_json()
        summary = {day: client.get("/api/v1/registry/summary", headers=manager, query_string={"as_of": day})
                   .get_json() for day in ("2025-06-30", "2025-07-01")}

        assert sorted(a["name"] for a in listed) == sorted(a["name"] for a in ended) == [
            "Phòng Nội vụ huyện Tuy Phong", "UBND huyện Tuy Phong"]
        assert again == []
        assert [agency(client, manager, a["id"])["valid_to"] for a in (huyen, phong, so)] == [
            "2025-06-30", "2025-06-30", None]
        assert summary["2025-06-30"]["by_agency_type"]["UBND_HUYEN"]["total"] == 1
        assert "UBND_HUYEN" not in summary["2025-07-01"]["by_agency_type"]
        assert summary["2025-07-01"]["total"] == summary["2025-06-30"]["total"] - 2

    def test_an_officer_of_another_role_may_not(self, client, province, issuer):
        leader = issuer.headers(tenant=province, roles=["province_leader"])

        assert client.post(f"{AGENCIES}/districts-end", headers=leader).status_code == 403


class TestPlanWorkbook:
    def test_the_admin_downloads_the_plan_fills_it_in_and_reads_it_back_for_the_dry_run(self, client, provinces,
                                                                                        admin):
        from openpyxl import load_workbook

        query = {"successor": provinces["successor"], "predecessors": [provinces["predecessor"]],
                 "effective_date": "2025-07-01"}
        download = client.get(f"{SUCCESSIONS}/plan.xlsx", query_string=query, headers=admin)
        sheet = load_workbook(io.BytesIO(download.data)).active
        rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert download.status_code == 200 and set(rows) == {"Sở Tư pháp", "UBND xã Hòa Thắng",
                                                             "UBND huyện Bắc Bình"}
        assert {name: row[4] for name, row in rows.items()} == {
            "Sở Tư pháp": "Tiếp tục", "UBND xã Hòa Thắng": "Tiếp tục", "UBND huyện Bắc Bình": "Chấm dứt"}
        for row in sheet.iter_rows(min_row=2):
            if row[2].value == "Sở Tư pháp":
                row[4].value, row[5].value = "Sáp nhập", provinces["target"]
        filled = io.BytesIO()
        sheet.parent.save(filled)

        plan = client.post(f"{SUCCESSIONS}/plan", data=filled.getvalue(), headers=admin,
                           content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        dry = client.post(f"{SUCCESSIONS}/dry-run", json=request(provinces, plan=plan.get_json()["plan"]),
                          headers=admin).get_json()

        assert plan.status_code == 200
        assert dry["executable"] and dry["counts"] == {"continue": {"UBND_XA": 1}, "end": {"UBND_HUYEN": 1},
                                                       "merge": {"SO": 1}}

    def test_a_bad_cell_is_named(self, client, admin):
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.active.append(["Mã cơ quan", "Phương án", "Sáp nhập vào (mã cơ quan)"])
        workbook.active.append(["khong-phai-uuid", "Giữ nguyên", None])
        body = io.BytesIO()
        workbook.save(body)

        response = client.post(f"{SUCCESSIONS}/plan", data={"file": (io.BytesIO(body.getvalue()), "plan.xlsx")},
                               headers=admin, content_type="multipart/form-data")

        assert response.status_code == 422
        assert [(e["row"], e["column"]) for e in response.get_json()["errors"]] == [
            (2, "Mã cơ quan"), (2, "Phương án")]


class TestLineage:
    def test_the_successor_reads_the_predecessors_records_and_writes_none_of_them(self, client, runtime, provinces,
                                                                                 admin, issuer):
        assert client.post(SUCCESSIONS, json=request(provinces), headers=admin).status_code == 201
        old, new, so = provinces["old"], provinces["new"], provinces["so"]
        third = slug("khac")
        tenants.create_tenant(runtime.uow(third), name="Tỉnh Khác")
        outsider = issuer.headers(tenant=third, roles=["province_admin"])

        own = client.get(AGENCIES, headers=new).get_json()["items"]
        lineage = client.get(AGENCIES, headers=new, query_string={"lineage": "true"}).get_json()["items"]
        history = client.get(f"{AGENCIES}/{so}/history", headers=new)
        write = client.post(f"{AGENCIES}/{so}/maintenance", headers=new,
                            json={"activity_type": "DANH_GIA_NOI_BO", "activity_date": "2025-09-01"})
        refused = client.post(AGENCIES, headers=old, json={"name": "Sở mới", "agency_type": "SO"})

        assert {a["tenant_id"] for a in own} == {provinces["successor"]}
        assert {a["name"] for a in lineage if a["tenant_id"] == provinces["predecessor"]} == {
            "Sở Tư pháp", "UBND xã Hòa Thắng", "UBND huyện Bắc Bình", "Sở cũ"}
        assert client.get(f"{AGENCIES}/{so}", headers=new).get_json()["valid_to"] == "2025-06-30"
        assert history.status_code == 200  # (its lines come from the registry's consumer: tests/e2e)
        [announcement] = client.get(f"{AGENCIES}/{so}/announcements", headers=new).get_json()
        assert announcement["decision_no"] == "15/QĐ-STP"
        assert len(client.get(f"{AGENCIES}/{so}/maintenance", headers=new).get_json()) == 2
        assert write.status_code == 404
        assert refused.status_code == 409 and "hợp nhất vào Tỉnh Sau" in refused.get_json()["detail"]
        assert client.get(f"{AGENCIES}/{so}", headers=old).status_code == 200  # the archive stays readable
        assert client.get(f"{AGENCIES}/{so}", headers=outsider).status_code == 404
        assert client.get(AGENCIES, headers=outsider, query_string={"lineage": "true"}).get_json()["items"] == []

"""Issue 20 in the web UI: the four forms that change a record (a report's text, a plan's targets, an inspection's
checklist, a session's attendance) send back, as `If-Match`, the version the page showed, so a form left open while
someone else saved is refused (412) and told in Vietnamese, with what was typed kept; a record without a version yet
sends none. Times show in Vietnam's time. The API passes the precondition and idempotency headers both ways.

The services are one test double behind the gateway's upstreams, answering as kit does: 428 without If-Match, 412
(with the current ETag) when it names another version, and a write raises the version.
"""

from __future__ import annotations

import copy
import json
import uuid

import pytest
from flask import Flask, jsonify, request

from gateway.proxy import WsgiUpstream
from tests.gateway.web_app import gateway_over, signed_in

REPORT, PLAN, INSPECTION, KLASS, SESSION, AGENCY = (str(uuid.uuid4()) for _ in range(6))
STALE = "Bản ghi đã được người khác sửa; hãy tải lại trang"
READS = {
    f"reporting/reports/{REPORT}": {"id": REPORT, "report_type": "BC_6_THANG", "status": "DANG_LAP",
                                    "period_start": "2026-01-01", "cutoff": "2026-06-30", "due_date": "2026-07-15",
                                    "difficulties": "cũ", "proposals": "", "version": 3},
    f"inspections/plans/{PLAN}": {"id": PLAN, "year": 2026, "title": "Kế hoạch 2026", "status": "DU_THAO",
                                  "targets": [], "version": 2, "actions": ["edit"]},
    f"inspections/plans/{PLAN}/teams": [],
    "inspections/inspections": {"items": []},
    "registry/agencies": {"items": [{"id": AGENCY, "name": "Sở Tư pháp"}]},
    f"registry/agencies/{AGENCY}": {"id": AGENCY, "name": "Sở Tư pháp"},
    f"inspections/inspections/{INSPECTION}": {"id": INSPECTION, "agency_id": AGENCY, "status": "DANG_KIEM_TRA",
                                              "form": "TRUC_TIEP_TAI_TRU_SO", "kind": "DINH_KY", "findings": [],
                                              "checklist": [], "version": 5, "actions": ["record_results"]},
    "inspections/criteria": [{"code": "C1", "title": "Chính sách chất lượng / quality policy"}],
    "inspections/recommendations": {"items": []},
    f"training/classes/{KLASS}": {"id": KLASS, "title": "ISO 9001 cơ bản", "status": "DANG_DIEN_RA",
                                  "venue": "Hội trường", "provider": "Sở KH&CN", "capacity": 30, "confirmed": 1,
                                  "sessions": [
                                      {"id": SESSION, "starts_at": "2026-03-02T01:00:00+00:00",
                                       "ends_at": "2026-03-02T10:00:00+00:00", "version": 4}]},
    "training/registrations": {"items": [{"id": str(uuid.uuid4()), "status": "CONFIRMED", "full_name": "Lê Văn A"}]},
    "registry/tenants/current": {"id": "an-giang", "name": "Tỉnh An Giang"},
}
WRITES = {  # the path a form changes -> where its version lives in READS
    f"reporting/reports/{REPORT}": (f"reporting/reports/{REPORT}", None),
    f"inspections/plans/{PLAN}": (f"inspections/plans/{PLAN}", None),
    f"inspections/inspections/{INSPECTION}/checklist": (f"inspections/inspections/{INSPECTION}", None),
    f"training/classes/{KLASS}/sessions/{SESSION}/attendance": (f"training/classes/{KLASS}", 0),
}


class Services:
    """Every service the four pages read, and kit's preconditions on the writes they make."""

    def __init__(self):
        self.reads = copy.deepcopy(READS)
        self.writes: list[tuple[str, str, str | None, dict]] = []
        self.app = Flask("fake-services")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer, methods=["GET", "POST", "PUT", "PATCH"])

    def record(self, path: str) -> dict:
        where, session = WRITES[path]
        record = self.reads[where]
        return record["sessions"][session] if session is not None else record

    def answer(self, rest: str):
        if request.method == "GET":
            if rest not in self.reads:
                return jsonify(status=404, title="Not Found"), 404
            return jsonify(self.reads[rest])
        if_match = request.headers.get("If-Match")
        self.writes.append((request.method, rest, if_match, request.get_json(silent=True) or {}))
        record = self.record(rest)
        if "version" in record and if_match is None:
            return jsonify(status=428, code="precondition_required", detail="Thiếu If-Match / no If-Match"), 428
        if "version" in record and if_match != f'"{record["version"]}"':
            return (jsonify(status=412, code="version_stale", detail="Bản ghi đã được sửa / the record changed"),
                    412, {"ETag": f'"{record["version"]}"'})
        record["version"] = record.get("version", 0) + 1 if "version" in record else None
        return jsonify({k: v for k, v in record.items() if v is not None})

    def someone_else_saves(self, path: str) -> None:
        self.record(path)["version"] += 1


@pytest.fixture
def services():
    return Services()


@pytest.fixture
def app(services):
    return gateway_over(services.app)


@pytest.fixture
def browser(app):
    return signed_in(app)


def page(browser, path: str) -> str:
    answer = browser.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:2000]
    return answer.get_data(as_text=True)


def version_shown(html: str) -> str:
    start = html.index('name="version" value="') + len('name="version" value="')
    return html[start:html.index('"', start)]


def submit_report(browser, version: str, difficulties: str):
    return browser.post("/act/report-edit", data={"csrf": "known", "next": f"/reports/{REPORT}", "report": REPORT,
                                                  "version": version, "difficulties": difficulties})


class TestTheReportsText:
    def test_the_form_sends_back_the_version_the_page_showed(self, browser, services):
        version = version_shown(page(browser, f"/reports/{REPORT}"))

        submit_report(browser, version, "Thiếu chuyên gia")

        assert version == "3"
        assert services.writes == [
            ("PATCH", f"reporting/reports/{REPORT}", '"3"', {"difficulties": "Thiếu chuyên gia"})]
        assert "Đã lưu." in page(browser, f"/reports/{REPORT}")

    def test_a_form_left_open_while_someone_else_saved_is_refused_in_vietnamese_and_keeps_what_was_typed(
            self, browser, services):
        version = version_shown(page(browser, f"/reports/{REPORT}"))
        services.someone_else_saves(f"reporting/reports/{REPORT}")

        answer = submit_report(browser, version, "Nội dung tôi vừa gõ")
        html = page(browser, answer.location)

        assert services.writes[-1][2] == '"3"' and services.reads[f"reporting/reports/{REPORT}"]["version"] == 4
        assert STALE in html
        assert ">Nội dung tôi vừa gõ</textarea>" in html and 'name="version" value="4"' in html
        assert ">cũ</textarea>" in page(browser, f"/reports/{REPORT}")  # kept once, not for ever

    def test_a_report_without_a_version_yet_sends_no_if_match(self, browser, services):
        del services.reads[f"reporting/reports/{REPORT}"]["version"]
        html = page(browser, f"/reports/{REPORT}")

        submit_report(browser, "", "Thiếu chuyên gia")

        assert 'name="version"' not in html and services.writes[-1][2] is None

    @pytest.mark.parametrize("forged", ['3"\r\nX-Evil: 1', "W/3", "*", "-1"])
    def test_a_forged_version_is_not_sent_as_a_header(self, browser, services, forged):
        submit_report(browser, forged, "x")

        assert services.writes[-1][2] is None  # the service answers 428


class TestThePlansTargets:
    def test_the_page_version_is_sent_not_the_one_read_when_adding(self, browser, services):
        version = version_shown(page(browser, f"/plans/{PLAN}"))
        services.someone_else_saves(f"inspections/plans/{PLAN}")

        browser.post(f"/plans/{PLAN}/targets", data={"csrf": "known", "version": version, "agency_id": AGENCY,
                                                     "form": "TRUC_TIEP_TAI_TRU_SO", "planned_month": "5"})

        assert version == "2" and services.writes[-1][:3] == ("PATCH", f"inspections/plans/{PLAN}", '"2"')
        assert STALE in page(browser, f"/plans/{PLAN}")


class TestTheChecklist:
    def test_a_stale_checklist_is_refused_and_the_results_chosen_are_kept(self, browser, services):
        version = version_shown(page(browser, f"/inspections/{INSPECTION}"))
        services.someone_else_saves(f"inspections/inspections/{INSPECTION}/checklist")

        browser.post(f"/inspections/{INSPECTION}/checklist", data={
            "csrf": "known", "version": version, "criterion": "C1", "result-C1": "KHONG_DAT", "note-C1": "thiếu"})
        html = page(browser, f"/inspections/{INSPECTION}")

        assert version == "5" and services.writes[-1][2] == '"5"'
        assert STALE in html
        assert 'value="KHONG_DAT" checked' in html and 'value="thiếu"' in html

    def test_a_fresh_checklist_is_saved(self, browser, services):
        version = version_shown(page(browser, f"/inspections/{INSPECTION}"))

        browser.post(f"/inspections/{INSPECTION}/checklist", data={
            "csrf": "known", "version": version, "criterion": "C1", "result-C1": "DAT"})

        assert services.writes[-1][2] == '"5"' and "Đã lưu." in page(browser, f"/inspections/{INSPECTION}")


class TestTheAttendance:
    def test_the_sessions_version_is_sent_and_a_stale_one_refused(self, browser, services):
        path = f"training/classes/{KLASS}/sessions/{SESSION}/attendance"
        version = version_shown(page(browser, f"/classes/{KLASS}"))
        services.someone_else_saves(path)

        browser.post(f"/classes/{KLASS}/attendance/{SESSION}", data={"csrf": "known", "version": version})

        assert version == "4" and services.writes[-1][:3] == ("PUT", path, '"4"')
        assert STALE in page(browser, f"/classes/{KLASS}")

    def test_a_class_of_08_00_to_17_00_in_vietnam_shows_08_00_to_17_00(self, browser):
        html = page(browser, f"/classes/{KLASS}")  # the service sends the session in UTC: 01:00 to 10:00

        assert "02/03/2026 08:00–17:00" in html


class TestTheApi:
    def test_the_gateway_passes_the_precondition_and_idempotency_headers_both_ways(self, app):
        service = Flask("echo")
        seen = {}

        @service.post("/api/v1/registry/agencies")
        def echo():
            seen.update(request.headers)
            return json.dumps({"id": "x"}), 201, {"Content-Type": "application/json", "ETag": '"1"',
                                                   "Idempotent-Replayed": "true", "Location": "/x"}

        app.extensions["gateway"]["upstreams"]["registry"] = WsgiUpstream(service)
        token = app.extensions["gateway"]["dev_issuer"].issue("an-giang.admin")

        answer = app.test_client().post("/api/v1/registry/agencies", json={}, headers={
            "Authorization": f"Bearer {token}", "If-Match": '"7"', "Idempotency-Key": "k-1"})

        assert (seen["If-Match"], seen["Idempotency-Key"]) == ('"7"', "k-1")
        assert (answer.headers["ETag"], answer.headers["Idempotent-Replayed"]) == ('"1"', "true")

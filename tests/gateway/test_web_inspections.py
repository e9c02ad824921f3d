"""The inspection pages against one test double of the services (issue 23): buttons come from the `actions` the
API lists and from nothing else; a team of several members is formed from the plan page's rows; a recommendation
is issued for one of the inspection's findings and its page names that finding. The browser tests
(tests/web/test_inspection_pages.py) do the same on the real services."""

from __future__ import annotations

import copy
import re
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask, Response, jsonify, request

from kit import calendar
from tests.gateway.web_app import gateway_over, signed_in

PLAN, TEAM, INSPECTION, FINDING, RECOMMENDATION, AGENCY, FILE = (str(uuid.uuid4()) for _ in range(7))
TEMPLATES = Path(__file__).resolve().parents[2] / "gateway" / "src" / "gateway" / "web" / "templates"
READS = {
    f"inspections/plans/{PLAN}": {"id": PLAN, "year": 2026, "title": "Kế hoạch 2026", "status": "DA_PHE_DUYET",
                                  "targets": [], "version": 3, "actions": [],
                                  "inspection_kinds": ["DINH_KY", "DOT_XUAT"]},
    f"inspections/plans/{PLAN}/teams": [{"id": TEAM, "decision_no": "15/QĐ-SKHCN", "decision_date": "2026-11-20",
                                         "members": [
                                             {"full_name": "Nguyễn Văn Kiểm", "role": "TRUONG_DOAN"},
                                             {"full_name": "Trần Thị Bình", "role": "THANH_VIEN",
                                              "user_subject": "an-giang.inspector"},
                                             {"full_name": "Lê Văn Ghi", "role": "THU_KY_DOAN"}]}],
    "inspections/inspections": {"items": [], "total": 0},
    "registry/agencies": {"items": [{"id": AGENCY, "name": "Sở Tư pháp"}]},
    f"inspections/inspections/{INSPECTION}": {
        "id": INSPECTION, "agency_id": AGENCY, "agency_name": "Sở Tư pháp", "status": "DA_LAP_BIEN_BAN",
        "form": "TRUC_TIEP_TAI_TRU_SO", "kind": "DINH_KY", "checklist": [], "version": 4, "actions": [],
        "findings": [{"id": FINDING, "type": "KHONG_PHU_HOP", "description": "Mục tiêu chất lượng chưa cập nhật"}]},
    "inspections/criteria": [],
    "inspections/recommendations": {"items": []},
    f"inspections/recommendations/{RECOMMENDATION}": {
        "id": RECOMMENDATION, "inspection_id": INSPECTION, "agency_name": "Sở Tư pháp", "status": "MO",
        "description": "Cập nhật mục tiêu chất lượng", "deadline": "2026-12-31", "actions": [],
        "finding": {"id": FINDING, "type": "KHONG_PHU_HOP", "description": "Mục tiêu chất lượng chưa cập nhật",
                    "iso_clause": "6.2"}},
    "registry/tenants/current": {"id": "an-giang", "name": "Tỉnh An Giang"},
}


class Services:
    """The records the pages read; every write recorded and answered 201, or with `refusal` when one is set."""

    def __init__(self):
        self.reads = copy.deepcopy(READS)
        self.writes: list[tuple[str, dict]] = []
        self.queries: list[tuple[str, dict]] = []
        self.refusal: tuple[int, dict] | None = None
        self.files: dict[str, tuple[bytes, dict]] = {}
        self.app = Flask("fake-services")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer, methods=["GET", "POST", "PUT"])

    def answer(self, rest: str):
        if request.method == "GET" and rest not in self.files:
            self.queries.append((rest, request.args.to_dict()))
            if rest not in self.reads:
                return jsonify(status=404, title="Not Found"), 404
            return jsonify(self.reads[rest])
        if rest in self.files:  # a file to download: its bytes and the headers the service sends with them
            content, headers = self.files[rest]
            return Response(content, headers=headers)
        self.writes.append((rest, self.sent()))
        if self.refusal is not None:
            return jsonify(self.refusal[1]), self.refusal[0]
        return jsonify({"id": str(uuid.uuid4())}), 201

    @staticmethod
    def sent():
        """What a write carried: its JSON, or each multipart field (a file as its name and bytes)."""
        if not request.files:
            return request.get_json(silent=True)
        return {**request.form.to_dict(), **{k: (f.filename, f.read()) for k, f in request.files.items()}}


@pytest.fixture
def services():
    return Services()


@pytest.fixture
def browser(services):
    return signed_in(gateway_over(services.app))


def page(browser, path: str) -> str:
    answer = browser.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:2000]
    return answer.get_data(as_text=True)


def buttons(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<button[^>]*>(.*?)</button>", html, re.S)]


TEAM_FORM = {"csrf": "known", "decision_no": "16/QĐ-SKHCN", "decision_date": "25/11/2026",
             "full_name_1": "Nguyễn Văn Kiểm", "role_1": "TRUONG_DOAN", "user_subject_1": "",
             "full_name_2": "  ", "role_2": "THANH_VIEN",
             "full_name_3": "Trần Thị Bình", "role_3": "THANH_VIEN", "user_subject_3": " an-giang.inspector ",
             "full_name_4": "Lê Văn Ghi", "role_4": "THU_KY_DOAN", "user_subject_4": "",
             "full_name_5": "", "role_5": "THANH_VIEN"}


class TestTheTeamForm:
    def test_a_team_of_the_filled_rows_is_sent_in_order_with_each_ones_role(self, browser, services):
        answer = browser.post(f"/plans/{PLAN}/teams", data=TEAM_FORM)

        assert answer.status_code == 302 and answer.location.endswith(f"/plans/{PLAN}#teams")
        assert services.writes == [(f"inspections/plans/{PLAN}/teams", {
            "decision_no": "16/QĐ-SKHCN", "decision_date": "2026-11-25", "members": [
                {"full_name": "Nguyễn Văn Kiểm", "role": "TRUONG_DOAN"},
                {"full_name": "Trần Thị Bình", "role": "THANH_VIEN", "user_subject": "an-giang.inspector"},
                {"full_name": "Lê Văn Ghi", "role": "THU_KY_DOAN"}]})]

    def test_a_refused_team_is_told_in_vietnamese_and_what_was_typed_is_shown_again(self, browser, services):
        services.reads[f"inspections/plans/{PLAN}"]["actions"] = ["form_team"]
        services.refusal = (422, {"status": 422, "code": "team_needs_one_head",
                                  "detail": "Đoàn kiểm tra phải có đúng một trưởng đoàn / a team needs exactly one "
                                            "head (TRUONG_DOAN)"})

        browser.post(f"/plans/{PLAN}/teams", data={**TEAM_FORM, "role_1": "THANH_VIEN"})
        html = page(browser, f"/plans/{PLAN}")

        assert "Đoàn kiểm tra phải có đúng một trưởng đoàn" in html
        assert 'name="full_name_3" type="text" value="Trần Thị Bình"' in html
        assert 'value="16/QĐ-SKHCN"' in html and 'value="25/11/2026"' in html
        assert 'name="full_name_3" type="text" value=""' in page(browser, f"/plans/{PLAN}")  # shown once

    def test_a_members_refused_field_is_told_beside_it_in_the_row_it_was_typed_in(self, browser, services):
        services.reads[f"inspections/plans/{PLAN}"]["actions"] = ["form_team"]
        services.refusal = (422, {"status": 422, "code": "invalid_request", "detail": "The request is not valid",
                                  "error_codes": {"json": {"members": {"1": {"user_subject": [
                                      {"code": "length_max", "params": {"max": 200}}]}}}}})

        browser.post(f"/plans/{PLAN}/teams", data={**TEAM_FORM, "user_subject_3": "x" * 201})
        html = page(browser, f"/plans/{PLAN}")

        row = html[html.index("<legend>Thành viên 3</legend>"):html.index("<legend>Thành viên 4</legend>")]
        assert ('<span class="error-message" id="f-team-user_subject_3-error"><span class="visually-hidden">Lỗi:'
                '</span> Không được dài quá 200 ký tự</span>') in row
        assert 'name="user_subject_3" type="text" value="' + "x" * 201 + '" aria-invalid="true"' in row
        summary = html[html.index('id="error-summary"'):]
        assert re.search(r'href="#f-team-user_subject_3">Thành viên 3: Tài khoản đăng nhập', summary)
        assert "Không được dài quá" not in html[html.index('class="flash'):][:300]  # said beside the field only

    def test_the_form_has_five_rows_the_first_a_leader_by_default(self, browser, services):
        services.reads[f"inspections/plans/{PLAN}"]["actions"] = ["form_team"]

        html = page(browser, f"/plans/{PLAN}")

        assert [n for n in range(1, 8) if f'name="full_name_{n}"' in html] == [1, 2, 3, 4, 5]
        first, second = (html[html.index(f'name="role_{n}"'):] for n in (1, 2))
        assert re.search(r'value="TRUONG_DOAN" selected', first[:first.index("</select>")])
        assert re.search(r'value="THANH_VIEN" selected', second[:second.index("</select>")])

    def test_each_member_is_shown_with_their_own_role(self, browser):
        team = page(browser, f"/plans/{PLAN}").split('id="teams"')[1]

        assert '<span translate="no">Nguyễn Văn Kiểm</span>: Trưởng đoàn' in team
        assert '<span translate="no">Trần Thị Bình</span>: Thành viên' in team
        assert '<span translate="no">Lê Văn Ghi</span>: Thư ký đoàn' in team


class TestTheChecklist:
    def test_a_criterions_refused_note_is_told_beside_it_and_every_choice_is_kept(self, browser, services):
        services.reads[f"inspections/inspections/{INSPECTION}"]["actions"] = ["record_results"]
        services.reads["inspections/criteria"] = [{"code": "C1", "title": "Chính sách chất lượng / policy"},
                                                  {"code": "C2", "title": "Mục tiêu chất lượng / objectives"}]
        services.refusal = (422, {"status": 422, "code": "invalid_request", "detail": "The request is not valid",
                                  "error_codes": {"json": {"results": {"1": {"note": [
                                      {"code": "length", "params": {"min": 1, "max": 5000}}]}}}}})

        browser.post(f"/inspections/{INSPECTION}/checklist", data={
            "csrf": "known", "version": "4", "criterion": ["C1", "C2"], "result-C1": "DAT",
            "result-C2": "KHONG_DAT", "note-C2": "quá dài"})
        html = page(browser, f"/inspections/{INSPECTION}")

        c2 = html[html.index("<legend>C2."):]
        assert ('<span class="error-message" id="f-checklist-note-C2-error"><span class="visually-hidden">Lỗi:'
                '</span> Phải dài từ 1 đến 5000 ký tự</span>') in c2
        assert 'name="note-C2" value="quá dài" aria-invalid="true"' in c2
        assert 'value="DAT" checked' in html[html.index("<legend>C1."):html.index("<legend>C2.")]
        assert 'value="KHONG_DAT" checked' in c2
        assert re.search(r'href="#f-checklist-note-C2">Tiêu chí C2: Ghi chú', html)
        assert "error-message" not in html[html.index("<legend>C1."):html.index("<legend>C2.")]
        assert "Phải dài" not in html[html.index('class="flash'):][:300]  # beside the note, not in the flash line


class TestButtonsFollowTheActions:
    @pytest.mark.parametrize(("listed", "shown"), [
        ([], []),
        (["approve"], ["Duyệt"]),
        (["submit", "edit"], ["Trình UBND tỉnh phê duyệt", "Thêm vào kế hoạch"]),
        (["adjust", "close", "form_team", "schedule_inspection"],
         ["Điều chỉnh kế hoạch", "Tổng kết kế hoạch", "Thành lập đoàn kiểm tra", "Lập cuộc kiểm tra"]),
    ])
    def test_the_plan_page(self, browser, services, listed, shown):
        services.reads[f"inspections/plans/{PLAN}"]["actions"] = listed

        offered = [b for b in buttons(page(browser, f"/plans/{PLAN}")) if b not in ("Lọc", "Đăng xuất")]

        assert offered == shown

    @pytest.mark.parametrize(("kinds", "offered", "hint"), [
        (["DINH_KY", "DOT_XUAT"], ["Định kỳ", "Đột xuất"], False), (["DOT_XUAT"], ["Đột xuất"], True),
    ])
    def test_the_plan_offers_the_kinds_of_inspection_it_takes_now(self, browser, services, kinds, offered, hint):
        services.reads[f"inspections/plans/{PLAN}"].update(actions=["schedule_inspection"], inspection_kinds=kinds)

        html = page(browser, f"/plans/{PLAN}")
        kind = re.search(r'<select[^>]*name="kind".*?</select>', html, re.S).group(0)

        assert re.findall(r"<option[^>]*>([^<]+)</option>", kind) == offered
        assert ("khi kế hoạch đã được phê duyệt" in html) is hint

    @pytest.mark.parametrize(("listed", "shown"), [
        ([], []),
        (["notify", "postpone", "cancel"], ["Gửi thông báo", "Hoãn kiểm tra", "Hủy cuộc kiểm tra"]),
        (["record_results", "record"], ["Lưu bảng kiểm", "Ghi phát hiện", "Lập biên bản"]),
        (["issue_recommendation", "conclude", "close"], ["Kết luận", "Đóng cuộc kiểm tra", "Đưa ra kiến nghị"]),
    ])
    def test_the_inspection_page(self, browser, services, listed, shown):
        services.reads[f"inspections/inspections/{INSPECTION}"]["actions"] = listed

        offered = [b for b in buttons(page(browser, f"/inspections/{INSPECTION}")) if b != "Đăng xuất"]

        assert offered == shown

    @pytest.mark.parametrize(("listed", "shown"), [
        ([], []), (["submit"], ["Tải lên", "Gửi minh chứng"]), (["accept", "reopen"], ["Chấp nhận và đóng", "Mở lại"]),
    ])
    def test_the_recommendation_page(self, browser, services, listed, shown):
        services.reads[f"inspections/recommendations/{RECOMMENDATION}"]["actions"] = listed

        offered = [b for b in buttons(page(browser, f"/recommendations/{RECOMMENDATION}")) if b != "Đăng xuất"]

        assert offered == shown

    @pytest.mark.parametrize("template", ["plan.html", "inspection.html", "recommendation.html"])
    def test_no_template_decides_a_button_from_a_status_or_a_role(self, template):
        conditions = re.findall(r"{%-?\s*(?:if|elif)\b(.*?)-?%}", (TEMPLATES / template).read_text())

        decided = [c for c in conditions if re.search(r"status\s*(==|!=|in\b)|\bs\s+in\s*\(|\bcan\(", c)]

        assert decided == []


class TestTheFindingARecommendationAnswers:
    def test_the_inspection_offers_its_findings_by_their_text(self, browser, services):
        services.reads[f"inspections/inspections/{INSPECTION}"]["actions"] = ["issue_recommendation"]

        html = page(browser, f"/inspections/{INSPECTION}")

        assert (f'<option value="{FINDING}" translate="no">Điểm không phù hợp: Mục tiêu chất lượng chưa cập nhật'
                "</option>") in html
        assert '<option value="">(không gắn với phát hiện nào)</option>' in html

    def test_the_chosen_finding_is_sent_with_the_recommendation(self, browser, services):
        browser.post("/act/recommendation-add", data={
            "csrf": "known", "next": "/", "inspection": INSPECTION, "description": "Cập nhật mục tiêu",
            "deadline": "31/12/2026", "finding_id": FINDING})

        assert services.writes == [(f"inspections/inspections/{INSPECTION}/recommendations", {
            "description": "Cập nhật mục tiêu", "deadline": "2026-12-31", "finding_id": FINDING})]

    def test_the_recommendation_page_names_the_finding(self, browser):
        html = page(browser, f"/recommendations/{RECOMMENDATION}")

        found = html[html.index('id="recommendation-finding">') + len('id="recommendation-finding">'):]
        assert found.startswith('Điểm không phù hợp: <span translate="no">Mục tiêu chất lượng chưa cập nhật</span> '
                                '(ISO 6.2)</dd>')


class TestTheDocuments:
    """The official documents (ADR 29) on the plan and inspection pages: DOCX and PDF links for each, the number
    the register gave once issued, and the issue form ("Ban hành") only where the service lists `issue`."""

    def test_the_plan_page_links_the_plan_the_teams_decision_and_the_yearly_report(self, browser):
        documents = page(browser, f"/plans/{PLAN}").split('id="documents"')[1]

        for path in (f"/documents/plan/{PLAN}", f"/documents/decision/{TEAM}", "/documents/report/2026"):
            assert f'href="{path}.docx"' in documents and f'href="{path}.pdf"' in documents
        assert documents.count("Chưa ban hành") == 3 and "Ban hành</button>" not in documents

    def test_an_issued_document_shows_its_number_and_the_others_offer_the_issue_form(self, browser, services):
        services.reads["inspections/register"] = {"actions": ["issue"], "items": [
            {"kind": "decision", "record": TEAM, "number_symbol": "12/QĐ-SKHCN", "issued_on": "2026-11-21"}]}

        documents = page(browser, f"/plans/{PLAN}").split('id="documents"')[1]

        assert '<span translate="no">12/QĐ-SKHCN</span>, 21/11/2026' in documents
        assert buttons(documents) == ["Ban hành", "Ban hành"]  # the plan's and the report's
        assert f'action="/documents/plan/{PLAN}/issue"' in documents
        assert f'action="/documents/decision/{TEAM}/issue"' not in documents
        assert re.search(r'name="csrf" value="[^"]+"', documents)

    def test_the_inspection_page_links_its_notice_minutes_and_conclusion(self, browser):
        documents = page(browser, f"/inspections/{INSPECTION}").split('id="documents"')[1]

        assert [kind for kind in ("notice", "minutes", "conclusion", "plan")
                if f'/documents/{kind}/{INSPECTION}.pdf' in documents] == ["notice", "minutes", "conclusion"]

    def test_the_issue_form_sends_the_typed_number_and_date(self, browser, services):
        answer = browser.post(f"/documents/decision/{TEAM}/issue", data={
            "csrf": "known", "next": f"/plans/{PLAN}", "number": " 12 ", "issued_on": "21/11/2026"})
        browser.post(f"/documents/notice/{INSPECTION}/issue", data={
            "csrf": "known", "next": f"/inspections/{INSPECTION}", "number": "", "issued_on": ""})

        assert answer.status_code == 302 and answer.location.endswith(f"/plans/{PLAN}#documents")
        assert services.writes == [
            (f"inspections/teams/{TEAM}/documents/decision/issue", {"number": 12, "issued_on": "2026-11-21"}),
            (f"inspections/inspections/{INSPECTION}/documents/notice/issue", {"number": None, "issued_on": None})]

    def test_an_issue_without_the_csrf_token_or_of_an_unknown_kind_is_refused(self, browser, services):
        without = browser.post(f"/documents/decision/{TEAM}/issue", data={"next": "/", "number": "3"})
        unknown = browser.post(f"/documents/letter/{TEAM}/issue", data={"csrf": "known", "next": "/"})

        assert without.status_code in (400, 403) and unknown.status_code == 404 and services.writes == []

    def test_a_number_already_used_is_told_in_vietnamese(self, browser, services):
        services.refusal = (409, {"status": 409, "code": "number_taken", "params": {
                                      "number": 12, "symbol": "QĐ-SKHCN", "year": 2026},
                                  "detail": "Số 12/QĐ-SKHCN năm 2026 đã được cấp cho văn bản khác / number 12 of "
                                            "2026 is already used"})

        browser.post(f"/documents/decision/{TEAM}/issue", data={"csrf": "known", "next": f"/plans/{PLAN}",
                                                                "number": "12"})

        assert "Số 12/QĐ-SKHCN năm 2026 đã được cấp cho văn bản khác" in page(browser, f"/plans/{PLAN}")


class TestRecommendationsList:
    def test_every_recommendation_is_reached_a_page_at_a_time_and_overdue_ones_alone(self, browser, services):
        services.reads["inspections/recommendations"] = {"items": [], "total": 603}

        html = page(browser, "/recommendations?status=MO&overdue=1&page=2")

        asked = [query for rest, query in services.queries if rest == "inspections/recommendations"][-1]
        assert (asked["status"], asked["page"], asked["page_size"]) == ("MO", "2", "50")
        assert asked["overdue_on"] == calendar.today().isoformat()
        assert "Trang 2/13" in html and "Số kiến nghị: 603" in html
        assert 'href="/recommendations?page=3&amp;status=MO&amp;overdue=1"' in html


class TestEvidenceFiles:
    """A recommendation's remediation evidence on its page: listed with download links, uploaded through a
    multipart form where the service offers `submit` (the agency's officer, while the recommendation is MO)."""

    FILES = f"inspections/recommendations/{RECOMMENDATION}/attachments"
    PDF = b"%PDF-1.4\n%%EOF\n"

    def test_the_page_lists_each_file_with_a_link_that_downloads_it(self, browser, services):
        services.reads[self.FILES] = [{"id": FILE, "file_name": "Biên bản họp.pdf", "size": 2048,
                                       "uploaded_at": "2026-11-20T02:30:00+00:00"}]

        html = page(browser, f"/recommendations/{RECOMMENDATION}")

        files = html[html.index('id="evidence-files"'):]
        assert f'href="/recommendations/{RECOMMENDATION}/evidence/{FILE}"' in files
        assert "Biên bản họp.pdf" in files and "2 KB" in files and "20/11/2026 09:30" in files

    def test_no_file_yet_is_said_in_vietnamese(self, browser):
        assert "Chưa có tệp minh chứng" in page(browser, f"/recommendations/{RECOMMENDATION}")

    @pytest.mark.parametrize(("listed", "form"), [(["submit"], True), ([], False), (["accept", "reopen"], False)])
    def test_the_upload_form_is_there_only_when_the_service_offers_submit(self, browser, services, listed, form):
        services.reads[f"inspections/recommendations/{RECOMMENDATION}"]["actions"] = listed

        html = page(browser, f"/recommendations/{RECOMMENDATION}")

        assert ('id="evidence-upload"' in html) is form
        if form:
            upload = html[html.index('id="evidence-upload"') - 200:]
            assert 'enctype="multipart/form-data"' in upload and re.search(r'name="csrf" value="[^"]+"', upload)
            assert "Tải lên" in buttons(upload)

    def test_an_uploaded_file_goes_to_the_service_as_the_multipart_field_file(self, browser, services):
        answer = browser.post(f"/recommendations/{RECOMMENDATION}/evidence", content_type="multipart/form-data",
                              data={"csrf": "known", "file": (BytesIO(self.PDF), "Biên bản họp.pdf")})

        assert answer.status_code == 302
        assert answer.location.endswith(f"/recommendations/{RECOMMENDATION}#evidence-files")
        assert services.writes == [(self.FILES, {"file": ("Biên bản họp.pdf", self.PDF)})]

    def test_a_file_the_service_refuses_is_told_in_vietnamese(self, browser, services):
        services.refusal = (415, {"status": 415, "code": "attachment_type_not_allowed",
                                  "detail": "Chỉ nhận tệp PDF, PNG, JPEG, DOCX hoặc XLSX; tệp không được lưu"})

        browser.post(f"/recommendations/{RECOMMENDATION}/evidence", content_type="multipart/form-data",
                     data={"csrf": "known", "file": (BytesIO(b"<html>"), "bien-ban.pdf")})

        assert "Chỉ nhận tệp PDF, PNG, JPEG, DOCX hoặc XLSX" in page(browser, f"/recommendations/{RECOMMENDATION}")

    def test_an_upload_without_the_csrf_token_or_without_a_file_is_refused(self, browser, services):
        without = browser.post(f"/recommendations/{RECOMMENDATION}/evidence", content_type="multipart/form-data",
                               data={"file": (BytesIO(self.PDF), "a.pdf")})
        empty = browser.post(f"/recommendations/{RECOMMENDATION}/evidence", content_type="multipart/form-data",
                             data={"csrf": "known"})

        assert without.status_code in (400, 403) and empty.status_code == 400 and services.writes == []

    def test_a_file_larger_than_other_forms_passes_up_to_the_upload_limit(self, browser, services):
        scan = self.PDF.ljust(3 << 20, b"\0")  # the gateway's other bodies stop at 1 MiB

        answer = browser.post(f"/recommendations/{RECOMMENDATION}/evidence", content_type="multipart/form-data",
                              data={"csrf": "known", "file": (BytesIO(scan), "scan.pdf")})

        assert answer.status_code == 302 and services.writes == [(self.FILES, {"file": ("scan.pdf", scan)})]

    def test_a_download_is_the_services_bytes_under_its_name_never_sniffed(self, browser, services):
        disposition = "attachment; filename=\"Bien ban hop.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf"
        services.files[f"{self.FILES}/{FILE}"] = (self.PDF, {"Content-Type": "application/pdf",
                                                             "Content-Disposition": disposition})

        answer = browser.get(f"/recommendations/{RECOMMENDATION}/evidence/{FILE}")

        assert (answer.status_code, answer.data, answer.mimetype) == (200, self.PDF, "application/pdf")
        assert answer.headers["Content-Disposition"] == disposition
        assert answer.headers["X-Content-Type-Options"] == "nosniff"

"""Periodic reports: generated from the read models, approved by the leader, submitted, reviewed nationally."""

import io
import uuid
from datetime import UTC, date, datetime

import docx
import openpyxl
import pytest
from sqlalchemy import select

from contracts import registry as re
from kit.outbox import OutboxMessage
from tests.reporting.conftest import feed

NOW = datetime(2021, 5, 1, tzinfo=UTC)
REPORTS = "/api/v1/reporting/reports"


@pytest.fixture
def province(runtime, tenant):
    agency, system = uuid.uuid4(), uuid.uuid4()
    feed(runtime, tenant, [
        re.TenantCreated(tenant_id=tenant, name="Tỉnh Bình Thuận", created_at=NOW),
        re.AgencyRegistered(agency_id=agency, version=1, name="Sở Y tế", agency_type="SO", obligation="BAT_BUOC",
                            registered_at=NOW),
        re.QualitySystemStatusChanged(quality_system_id=system, agency_id=agency, version=1, status="DA_CONG_BO",
                                      standard_version="TCVN_ISO_9001_2015", changed_on=date(2021, 3, 1),
                                      changed_at=NOW),
    ])
    return tenant


@pytest.fixture
def people(issuer, province):
    return {role: issuer.headers(tenant=province, roles=[role], sub=f"{role}@{province}")
            for role in ("province_officer", "province_leader")} | {
        "national": issuer.headers(roles=["national_viewer"], sub="bo-khcn")}


def post(client, path, headers, body=None, status=200):
    response = client.post(path, json=body or {}, headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def annual(client, people):
    return post(client, REPORTS, people["province_officer"], {"report_type": "BC_TINH_NAM",
                                                              "period_start": "2021-01-01", "cutoff": "2021-12-14"},
                201)


class TestTheChain:
    def test_a_report_goes_from_draft_to_accepted_through_one_return(self, client, runtime, people,
                                                                      province):
        officer, leader, national = people["province_officer"], people["province_leader"], people["national"]
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        national_path = f"/api/v1/reporting/national/reports/{province}/{report['id']}"

        client.patch(path, json={"difficulties": "Thư ký ISO thay đổi nhiều", "proposals": "Mở lớp tập huấn"},
                     headers=officer)
        post(client, f"{path}/send-for-approval", officer)
        post(client, f"{path}/approve", leader)
        submitted = post(client, f"{path}/submit", officer)
        listed = client.get("/api/v1/reporting/national/reports", headers=national).get_json()
        returned = post(client, f"{national_path}/return", national, {"comment": "Bổ sung số liệu kiểm tra"})
        client.patch(path, json={"regenerate": True}, headers=officer)
        post(client, f"{path}/send-for-approval", officer)
        post(client, f"{path}/approve", leader)
        post(client, f"{path}/submit", officer)
        accepted = post(client, f"{national_path}/accept", national)

        assert report["figures"]["applying"] == 1 and report["due_date"] == "2021-12-15"
        assert submitted["status"] == "DA_GUI" and submitted["approved_by"] == f"province_leader@{province}"
        assert [r["id"] for r in listed if r["tenant_id"] == province] == [report["id"]]
        assert returned["status"] == "YEU_CAU_BO_SUNG" and returned["review_comment"] == "Bổ sung số liệu kiểm tra"
        assert accepted["status"] == "DA_TIEP_NHAN"
        with runtime.session_factory() as session:
            types = session.scalars(select(OutboxMessage.type).where(OutboxMessage.key == report["id"]).order_by(
                OutboxMessage.seq), execution_options={"cross_tenant": True}).all()
        assert types == ["reporting.report.submitted", "reporting.report.returned", "reporting.report.submitted",
                         "reporting.report.accepted"]

    def test_the_submitted_figures_are_frozen(self, client, runtime, people, province):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        for action, who in (("send-for-approval", "province_officer"), ("approve", "province_leader"),
                            ("submit", "province_officer")):
            post(client, f"{path}/{action}", people[who])

        feed(runtime, province, [re.AgencyRegistered(agency_id=uuid.uuid4(), version=1, name="Sở mới",
                                                               agency_type="SO", registered_at=NOW)])
        edit = client.patch(path, json={"regenerate": True}, headers=people["province_officer"])

        assert edit.status_code == 409
        assert client.get(path, headers=people["province_officer"]).get_json()["figures"]["total"] == 1


class TestWrongMoves:
    def test_out_of_order_moves_are_409_in_vietnamese_and_english(self, client, people):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"

        approve = client.post(f"{path}/approve", headers=people["province_leader"])
        submit = client.post(f"{path}/submit", headers=people["province_officer"])

        assert approve.status_code == 409 and submit.status_code == 409
        assert "Không thể duyệt" in approve.get_json()["detail"] and "cannot approve" in approve.get_json()["detail"]

    def test_only_the_leader_approves_and_only_the_ministry_reviews(self, client, people, province):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        post(client, f"{path}/send-for-approval", people["province_officer"])

        assert client.post(f"{path}/approve", headers=people["province_officer"]).status_code == 403
        assert client.post(f"/api/v1/reporting/national/reports/{province}/{report['id']}/accept", json={},
                           headers=people["province_leader"]).status_code == 403

    def test_national_oversight_sees_no_draft_and_writes_no_report(self, client, people, province):
        report = annual(client, people)
        national = people["national"]

        assert client.get(f"/api/v1/reporting/national/reports/{province}/{report['id']}",
                          headers=national).status_code == 404
        assert client.post(REPORTS, json={"report_type": "BC_TINH_NAM", "period_start": "2021-01-01",
                                          "cutoff": "2021-12-14"}, headers=national).status_code == 403

    def test_a_return_needs_a_comment(self, client, people, province):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        for action, who in (("send-for-approval", "province_officer"), ("approve", "province_leader"),
                            ("submit", "province_officer")):
            post(client, f"{path}/{action}", people[who])

        response = client.post(f"/api/v1/reporting/national/reports/{province}/{report['id']}/return", json={},
                               headers=people["national"])

        assert response.status_code == 422

    def test_another_provinces_report_is_404(self, client, issuer, people):
        report = annual(client, people)

        response = client.get(f"{REPORTS}/{report['id']}", headers=issuer.headers(tenant="somewhere-else"))

        assert response.status_code == 404

    @pytest.mark.parametrize("body", [
        {"report_type": "BC_VUI", "period_start": "2021-01-01", "cutoff": "2021-12-14"},
        {"report_type": "BC_TINH_NAM", "period_start": "2021-12-31", "cutoff": "2021-01-01"},
        {"report_type": "BC_TINH_NAM", "period_start": "2021-01-01"},
        {"report_type": "BC_TINH_NAM", "period_start": "2021-01-01", "cutoff": "2021-12-14", "status": "DA_GUI"},
    ], ids=["unknown type", "period after cut-off", "no cut-off", "status smuggled in"])
    def test_bad_input_is_refused(self, client, people, body):
        response = client.post(REPORTS, json=body, headers=people["province_officer"])

        assert response.status_code == 422 and response.content_type == "application/problem+json"


class TestExports:
    def test_the_docx_and_xlsx_open_and_carry_the_figures_in_vietnamese(self, client, people):
        report = annual(client, people)
        client.patch(f"{REPORTS}/{report['id']}", json={"proposals": "Đề nghị Bộ hướng dẫn chuyển đổi"},
                     headers=people["province_officer"])

        word = client.get(f"{REPORTS}/{report['id']}.docx", headers=people["province_officer"])
        sheet = client.get(f"{REPORTS}/{report['id']}.xlsx", headers=people["province_officer"])

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs)
        cells = [c.text for t in docx.Document(io.BytesIO(word.data)).tables for row in t.rows for c in row.cells]
        assert "BÁO CÁO" in text and "Đề nghị Bộ hướng dẫn chuyển đổi" in text
        assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in c for c in cells)
        assert any("TỈNH BÌNH THUẬN" in c for c in cells) and "Cơ quan đang áp dụng HTQLCL" in cells
        rows = {r[0]: r[1] for r in openpyxl.load_workbook(io.BytesIO(sheet.data))["Số liệu"].iter_rows(
            values_only=True) if len(r) > 1}
        assert rows["Cơ quan đang áp dụng HTQLCL"] == 1 and rows["Cơ quan bắt buộc đã áp dụng"] == "1 of 1, 100%"
        assert rows["Cơ quan có thư ký ISO đã qua đào tạo"] == "0/0" and rows["Kiến nghị chưa khắc phục xong"] == 0
        book = openpyxl.load_workbook(io.BytesIO(sheet.data))
        assert book.sheetnames == ["Số liệu", "Theo loại cơ quan", "Theo cấp hành chính"]
        assert sum(r[1] for r in book["Theo cấp hành chính"].iter_rows(min_row=2, values_only=True)) == 1
        assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o" in word.headers["Content-Disposition"]


class TestNationalOversight:
    def test_completeness_lists_every_province_and_whether_it_submitted_on_time(self, client, people, province):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        for action, who in (("send-for-approval", "province_officer"), ("approve", "province_leader"),
                            ("submit", "province_officer")):
            post(client, f"{path}/{action}", people[who])

        rows = client.get("/api/v1/reporting/national/reports/completeness?report_type=BC_TINH_NAM&year=2021",
                          headers=people["national"]).get_json()

        [mine] = [r for r in rows if r["province"] == province]
        assert mine["submitted"] and mine["status"] == "DA_GUI" and mine["on_time"] is False
        assert all(r["province"] for r in rows)

    def test_a_series_gives_one_figure_per_year_per_province_and_summed(self, client, people, province):
        body = client.get("/api/v1/reporting/national/series?figure=applying&first_year=2020&last_year=2021",
                          headers=people["national"]).get_json()

        assert body["series"]["2020"]["provinces"][province] == 0
        assert body["series"]["2021"]["provinces"][province] == 1
        assert body["series"]["2021"]["total"] == sum(body["series"]["2021"]["provinces"].values())
        bad = client.get("/api/v1/reporting/national/series?figure=password&first_year=2020&last_year=2021",
                         headers=people["national"])
        assert bad.status_code == 422

    def test_the_pdf_renders_with_vietnamese_text(self, client, people):
        import pypdf

        report = annual(client, people)

        response = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"])

        assert response.status_code == 200 and response.content_type == "application/pdf"
        text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.data)).pages)
        assert "BÁO CÁO" in text and "Cơ quan đang áp dụng HTQLCL" in text and "Độc lập" in text


def test_a_rebuild_keeps_the_periodic_reports(client, runtime, people):
    from reporting import rebuild

    report = annual(client, people)

    rebuild.clear(runtime)

    assert client.get(f"{REPORTS}/{report['id']}", headers=people["province_officer"]).status_code == 200

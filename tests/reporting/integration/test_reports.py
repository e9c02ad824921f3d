"""Periodic reports (api/reports.py): generated from the read models, approved by the leader, submitted, reviewed
nationally, exported."""

import io
import uuid
from datetime import UTC, datetime

import docx
import openpyxl
import pytest
from sqlalchemy import select

from contracts import registry as re
from kit import calendar
from kit.outbox import OutboxMessage
from reporting import repository
from tests.reporting.conftest import REPORTS, annual, edit, feed, post, submitted
from tests.support.official_documents import shown_fonts

NOW = datetime(2021, 5, 1, tzinfo=UTC)


class TestTheChain:
    def test_a_report_goes_from_draft_to_accepted_through_one_return(self, client, runtime, people,
                                                                      province):
        officer, leader, national = people["province_officer"], people["province_leader"], people["national"]
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        national_path = f"/api/v1/reporting/national/reports/{province}/{report['id']}"

        narrated = edit(client, path, officer, {"difficulties": "Thư ký ISO thay đổi nhiều",
                                                "proposals": "Mở lớp tập huấn"})
        post(client, f"{path}/send-for-approval", officer)
        post(client, f"{path}/approve", leader)
        submitted_ = post(client, f"{path}/submit", officer)
        listed = client.get("/api/v1/reporting/national/reports", headers=national).get_json()
        returned = post(client, f"{national_path}/return", national, {"comment": "Bổ sung số liệu kiểm tra"})
        regenerated = edit(client, path, officer, {"regenerate": True})
        post(client, f"{path}/send-for-approval", officer)
        post(client, f"{path}/approve", leader)
        post(client, f"{path}/submit", officer)
        accepted = post(client, f"{national_path}/accept", national)

        assert narrated.status_code == 200 and regenerated.status_code == 200
        assert report["figures"]["applying"] == 1 and report["due_date"] == "2021-12-15"
        assert submitted_["status"] == "DA_GUI" and submitted_["approved_by"] == f"province_leader@{province}"
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
        submitted(client, people, report)

        feed(runtime, province, [re.AgencyRegistered(agency_id=uuid.uuid4(), version=1, name="Sở mới",
                                                               agency_type="SO", registered_at=NOW)])
        edited = edit(client, path, people["province_officer"], {"regenerate": True})

        assert edited.status_code == 409
        assert client.get(path, headers=people["province_officer"]).get_json()["figures"]["total"] == 1


class TestWrongMoves:
    def test_out_of_order_moves_are_409_in_vietnamese_and_english(self, client, people):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"

        approve = client.post(f"{path}/approve", headers=people["province_leader"])
        submit = client.post(f"{path}/submit", headers=people["province_officer"])

        assert approve.status_code == 409 and submit.status_code == 409
        assert "Không thể duyệt" in approve.get_json()["detail"] and "cannot approve" in approve.get_json()["detail"]

    def test_a_refused_move_answers_the_same_problem_as_before(self, client, people):
        report = annual(client, people)

        body = client.post(f"{REPORTS}/{report['id']}/submit", headers=people["province_officer"]).get_json()

        assert body["type"] == "urn:iso-hcc:problem:Conflict" and body["title"] == "Conflict"
        assert body["detail"] == "Không thể gửi Bộ báo cáo đang lập / cannot submit a report that is being drafted"

    def test_only_the_leader_approves_and_only_the_ministry_reviews(self, client, people, province):
        report = annual(client, people)
        path = f"{REPORTS}/{report['id']}"
        post(client, f"{path}/send-for-approval", people["province_officer"])

        assert client.post(f"{path}/approve", headers=people["province_officer"]).status_code == 403
        assert client.post(f"/api/v1/reporting/national/reports/{province}/{report['id']}/accept", json={},
                           headers=people["province_leader"]).status_code == 403

    def test_another_provinces_report_is_404(self, client, issuer, people):
        report = annual(client, people)

        response = client.get(f"{REPORTS}/{report['id']}", headers=issuer.headers(tenant="somewhere-else"))

        assert response.status_code == 404
        assert response.get_json()["detail"] == (f"Không tìm thấy báo cáo {report['id']} / report {report['id']} not "
                                                 "found")

    @pytest.mark.parametrize("body", [
        {"report_type": "BC_VUI", "period_start": "2021-01-01", "cutoff": "2021-12-14"},
        {"report_type": "BC_TINH_NAM", "period_start": "2021-12-31", "cutoff": "2021-01-01"},
        {"report_type": "BC_TINH_NAM", "period_start": "2021-01-01"},
        {"report_type": "BC_TINH_NAM", "period_start": "2021-01-01", "cutoff": "2021-12-14", "status": "DA_GUI"},
    ], ids=["unknown type", "period after cut-off", "no cut-off", "status smuggled in"])
    def test_bad_input_is_refused(self, client, people, body):
        response = client.post(REPORTS, json=body, headers=people["province_officer"])

        assert response.status_code == 422 and response.content_type == "application/problem+json"

    def test_a_period_after_its_cut_off_is_refused_in_both_languages(self, client, people):
        response = client.post(REPORTS, json={"report_type": "BC_TINH_NAM", "period_start": "2021-12-31",
                                              "cutoff": "2021-01-01"}, headers=people["province_officer"])

        assert response.get_json()["detail"] == ("Ngày bắt đầu kỳ sau ngày chốt số liệu / the period starts after "
                                                 "the cut-off")


class TestExports:
    def test_the_docx_and_xlsx_open_and_carry_the_figures_in_vietnamese(self, client, people):
        report = annual(client, people)
        assert edit(client, f"{REPORTS}/{report['id']}", people["province_officer"],
                    {"proposals": "Đề nghị Bộ hướng dẫn chuyển đổi"}).status_code == 200

        word = client.get(f"{REPORTS}/{report['id']}.docx", headers=people["province_officer"])
        sheet = client.get(f"{REPORTS}/{report['id']}.xlsx", headers=people["province_officer"])

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs)
        cells = [c.text for t in docx.Document(io.BytesIO(word.data)).tables for row in t.rows for c in row.cells]
        assert "BÁO CÁO" in text and "Đề nghị Bộ hướng dẫn chuyển đổi" in text
        assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in c for c in cells)
        assert any("TỈNH BÌNH THUẬN" in c for c in cells) and "Cơ quan đang áp dụng HTQLCL" in cells
        rows = {r[0]: r[1] for r in openpyxl.load_workbook(io.BytesIO(sheet.data))["Số liệu"].iter_rows(
            values_only=True) if len(r) > 1}
        assert rows["Cơ quan đang áp dụng HTQLCL"] == 1 and rows["Cơ quan bắt buộc đã áp dụng"] == "1/1 (100%)"
        assert rows["Cơ quan có thư ký ISO đã qua đào tạo"] == "0/0" and rows["Kiến nghị chưa khắc phục xong"] == 0
        book = openpyxl.load_workbook(io.BytesIO(sheet.data))
        assert book.sheetnames == ["Số liệu", "Theo loại cơ quan", "Theo cấp hành chính"]
        assert sum(r[1] for r in book["Theo cấp hành chính"].iter_rows(min_row=2, values_only=True)) == 1
        assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o" in word.headers["Content-Disposition"]

    def test_the_docx_and_pdf_are_the_official_document_with_its_parts_in_order(self, client, people):
        """Nghị định 30/2020 layout (kit.official): both files say the same, in the same order, in Vietnamese."""
        import pypdf

        report = annual(client, people)
        submitted(client, people, report)
        read = client.get(f"{REPORTS}/{report['id']}", headers=people["province_officer"]).get_json()
        sent, number = calendar.day_of(datetime.fromisoformat(read["submitted_at"])), read["signed_doc_no"]
        word = client.get(f"{REPORTS}/{report['id']}.docx", headers=people["province_officer"])
        pdf = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"])

        document = docx.Document(io.BytesIO(word.data))
        head = [c.text for row in document.tables[0].rows for c in row.cells]
        body = [p.text for p in document.paragraphs if p.text]
        figures = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows}
        reader = pypdf.PdfReader(io.BytesIO(pdf.data))
        text = "".join(page.extract_text() for page in reader.pages)
        parts = ["UBND TỈNH BÌNH THUẬN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", f"Số: {number}",
                 f"Bình Thuận, ngày {sent:%d} tháng {sent:%m} năm {sent:%Y}", "BÁO CÁO",
                 "Kính gửi: Bộ Khoa học và Công nghệ.", "I. KẾT QUẢ THỰC HIỆN", "Cơ quan bắt buộc đã áp dụng",
                 "II. KHÓ KHĂN, VƯỚNG MẮC", "III. ĐỀ XUẤT, KIẾN NGHỊ", "GIÁM ĐỐC", "Nơi nhận:", "- Như trên;",
                 "- UBND Tỉnh Bình Thuận (để báo cáo);", "- Lưu: VT."]

        assert head[:2] == ["UBND TỈNH BÌNH THUẬN\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
                            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]
        assert head[2] == f"Số: {number}" and head[3] == parts[5]
        assert body[body.index("BÁO CÁO"):body.index("BÁO CÁO") + 3][2] == parts[7]
        assert figures["Cơ quan bắt buộc đã áp dụng"] == "1/1 (100%)" and figures["Cơ quan đang áp dụng HTQLCL"] == "1"
        flat = " ".join(text.split())
        positions = [flat.find(" ".join(part.split())) for part in parts]
        assert -1 not in positions and positions == sorted(positions), dict(zip(parts, positions, strict=True))
        assert "1/1 (100%)" in flat and " of " not in flat and " of " not in " ".join(head + body)
        faces = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}  # all embedded
        assert {"DejaVuSans", "DejaVuSans-Bold"} <= shown_fonts(reader) <= faces  # oblique ones where installed

    def test_each_report_sent_to_the_ministry_takes_the_next_number_of_the_provinces_register(self, client, people,
                                                                                              runtime, province):
        first, second, draft = annual(client, people), annual(client, people), annual(client, people)
        for report in (first, second):
            submitted(client, people, report)

        numbers = [client.get(f"{REPORTS}/{r['id']}", headers=people["province_officer"]).get_json()["signed_doc_no"]
                   for r in (first, second, draft)]
        year = calendar.today().year

        first_number = int(numbers[0].split("/")[0])
        assert numbers == [f"{first_number}/BC-SKHCN", f"{first_number + 1}/BC-SKHCN", None]
        with runtime.uow(province) as uow:  # not committed
            assert repository.next_number(uow.session, "BC-SKHCN", year + 1) == 1  # a new year starts again at 1
            assert repository.next_number(uow.session, "BC-SKHCN", year) == first_number + 2

    def test_the_list_of_one_year_holds_the_reports_whose_cut_off_falls_in_it(self, client, people):
        of_2021 = annual(client, people)
        of_2022 = post(client, REPORTS, people["province_officer"], {"report_type": "BC_6_THANG",
                                                                     "period_start": "2022-01-01",
                                                                     "cutoff": "2022-06-30"}, 201)
        officer = people["province_officer"]

        def ids(year=None):
            query = {} if year is None else {"year": year}
            answer = client.get(REPORTS, headers=officer, query_string=query)
            assert answer.status_code == 200, answer.get_json()
            return {r["id"] for r in answer.get_json()}

        assert of_2021["id"] in ids(2021) and of_2022["id"] not in ids(2021)
        assert of_2022["id"] in ids(2022) and of_2021["id"] not in ids(2022)
        assert {of_2021["id"], of_2022["id"]} <= ids()
        assert client.get(REPORTS, headers=officer, query_string={"year": "hai"}).status_code == 422

    def test_the_pdf_renders_with_vietnamese_text(self, client, people):
        import pypdf

        report = annual(client, people)

        response = client.get(f"{REPORTS}/{report['id']}.pdf", headers=people["province_officer"])

        assert response.status_code == 200 and response.content_type == "application/pdf"
        text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.data)).pages)
        assert "BÁO CÁO" in text and "Cơ quan đang áp dụng HTQLCL" in text and "Độc lập" in text


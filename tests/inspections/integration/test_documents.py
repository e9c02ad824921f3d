"""The inspection documents (api/documents.py, ADR 29) from a year carried out as the demo does: each written as
DOCX and PDF, read back (python-docx, pypdf) with the parts of Nghị định 30/2020 in order, the figures and names
of the records, the number the register gave, no English, and the PDF's fonts embedded."""

from urllib.parse import quote

import pytest

from kit import calendar
from tests.inspections.integration.documents_world import DATE_LINE, FINDING, RECOMMENDATION, carried_out_year
from tests.support.official_documents import assert_official, docx_lines, flat, pdf_text

HEAD = ["UBND TỈNH BÌNH THUẬN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc"]
SUBJECT = "tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng"
TEAM = ["Nguyễn Văn A", "Trưởng đoàn, Sở KH&CN", "Trần Thị B", "Phó Trưởng đoàn, Chi cục TĐC", "Lê Văn C",
        "Thành viên, Sở Nội vụ", "Phạm Thị D", "Thư ký, Chi cục TĐC"]
# kind: (its ký hiệu, the parts after the number and date, in order: type, summary, Kính gửi, body, signer, Nơi nhận)
PARTS = {
    "plan": ("KH-SKHCN", ["KẾ HOẠCH", f"Kiểm tra {SUBJECT}", "năm 2021", "Căn cứ Quyết định số 19/2014/QĐ-TTg",
                          "Căn cứ văn bản số 726/KH-UBND ngày 03/3/2021 của Ủy ban nhân dân tỉnh Bình Thuận",
                          "I. MỤC ĐÍCH, YÊU CẦU", "kiểm tra trực tiếp tại trụ sở 1 cơ quan",
                          "kiểm tra qua báo cáo, hồ sơ 1 cơ quan", "tối thiểu 30%",
                          "III. ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA", "từ ngày 01/03/2021 đến ngày 30/11/2021",
                          "1. Sở Tài chính", "Tháng 7 - Kiểm tra trực tiếp tại trụ sở cơ quan", "2. Sở Nội vụ",
                          "Tháng 7 - Kiểm tra qua báo cáo, hồ sơ", "IV. ĐOÀN KIỂM TRA", *TEAM, "V. KINH PHÍ",
                          "VI. TỔ CHỨC THỰC HIỆN", "GIÁM ĐỐC", "Nơi nhận:", "- UBND tỉnh Bình Thuận (để báo cáo);",
                          "- Lưu: VT."]),
    "decision": ("QĐ-SKHCN", ["QUYẾT ĐỊNH", f"Về việc thành lập Đoàn kiểm tra {SUBJECT}",
                              "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BÌNH THUẬN",
                              "Căn cứ Kế hoạch kiểm tra năm 2021 (726/KH-UBND ngày 03/3/2021);", "QUYẾT ĐỊNH:",
                              "Điều 1. Thành lập Đoàn kiểm tra", *TEAM, "Điều 2.", "Điều 3.", "GIÁM ĐỐC", "Nơi nhận:",
                              "- Như Điều 3;"]),
    "notice": ("TB-SKHCN", ["THÔNG BÁO", f"Về việc kiểm tra {SUBJECT}", "Kính gửi: Sở Tài chính.",
                            "Thực hiện Kế hoạch kiểm tra năm 2021", "1. Thời gian kiểm tra", "Ngày 15/07/2021.",
                            "2. Hình thức kiểm tra", "Kiểm tra trực tiếp tại trụ sở cơ quan.", "3. Đoàn kiểm tra",
                            "Theo Quyết định số 15/QĐ-SKHCN ngày 01/06/2021", "4. Đề nghị cơ quan chuẩn bị",
                            "GIÁM ĐỐC", "Nơi nhận:", "- Như trên;"]),
    "minutes": ("BB-ĐKT", ["BIÊN BẢN", f"Kiểm tra {SUBJECT}", "tại Sở Tài chính",
                           "Thực hiện Quyết định số 15/QĐ-SKHCN ngày 01/06/2021", "hôm nay, ngày 15/07/2021",
                           "I. THÀNH PHẦN ĐOÀN KIỂM TRA", *TEAM, "II. KẾT QUẢ KIỂM TRA THEO TIÊU CHÍ",
                           "TC01. Đã xây dựng HTQLCL", "Đạt", "TC06. Đã đánh giá nội bộ trong năm",
                           "Không đạt (Chưa có biên bản đánh giá)", "TC09. Áp dụng TCVN ISO 9001:2015",
                           "Không áp dụng", "III. CÁC PHÁT HIỆN",
                           f"1. Điểm không phù hợp: {FINDING} (TCVN ISO 9001:2015 mục 9.2)", "ĐẠI DIỆN SỞ TÀI CHÍNH",
                           "TRƯỞNG ĐOÀN", "Nguyễn Văn A", "Nơi nhận:", "- Lưu: Đoàn kiểm tra."]),
    "conclusion": ("TB-SKHCN", ["THÔNG BÁO", f"Kết luận kiểm tra {SUBJECT}", "Kính gửi: Sở Tài chính.",
                                "Căn cứ Biên bản kiểm tra số BB-01/2021 ngày 15/07/2021", "I. KẾT QUẢ CHUNG",
                                "Kết luận: Đạt, có kiến nghị.", "Số tiêu chí đạt: 1/2.", "II. CÁC PHÁT HIỆN", FINDING,
                                "III. KIẾN NGHỊ", f"1. {RECOMMENDATION}", "31/10/2021", "IV. TỔ CHỨC THỰC HIỆN",
                                "GIÁM ĐỐC", "Nơi nhận:", "- Như trên;", "- UBND tỉnh Bình Thuận (để báo cáo);"]),
    "report": ("BC-SKHCN", ["BÁO CÁO", f"Kết quả kiểm tra {SUBJECT}", "năm 2021",
                            "Kính gửi: Ủy ban nhân dân tỉnh Bình Thuận.", "I. KẾT QUẢ THỰC HIỆN",
                            "Số liệu tính đến ngày 20/07/2021.", "II. KHÓ KHĂN, VƯỚNG MẮC", "GIÁM ĐỐC", "Nơi nhận:"]),
}
# The yearly report's figures, each equal to what the records hold (label: value, as its table shows them).
FIGURES = {"Kế hoạch kiểm tra trong năm": "1", "Cơ quan trong kế hoạch kiểm tra": "2",
           "Trong đó kiểm tra tại trụ sở theo kế hoạch": "1", "Cuộc kiểm tra đã thực hiện": "1",
           "Trong đó kiểm tra tại trụ sở": "1", "Trong đó kiểm tra đột xuất": "0", "Kết luận đạt": "0",
           "Kết luận đạt, có kiến nghị": "1", "Kết luận không đạt": "0", "Điểm không phù hợp phát hiện": "1",
           "Kiến nghị đã ban hành": "1", "Kiến nghị đã khắc phục xong": "0", "Kiến nghị chưa khắc phục xong": "1",
           "Trong đó quá hạn": "0"}


@pytest.fixture
def year(province):
    return carried_out_year(province)


@pytest.mark.parametrize("kind", list(PARTS))
def test_each_issued_document_is_the_official_layout_in_docx_and_pdf_with_the_records(year, kind):
    symbol, parts = PARTS[kind]
    issued = year.issue(kind)
    head = HEAD if kind != "minutes" else ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "ĐOÀN KIỂM TRA", *HEAD[2:]]

    word, pdf = year.download(kind, "docx"), year.download(kind, "pdf")

    assert issued["symbol"] == symbol and issued["number_symbol"] == f"{issued['number']}/{symbol}"
    assert_official(word.data, pdf.data, [*head, f"Số: {issued['number']}/{symbol}", DATE_LINE, *parts])
    assert word.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert pdf.content_type == "application/pdf"


def test_the_yearly_reports_figures_are_the_records_counts(year):
    year.issue("report")

    lines = docx_lines(year.download("report", "docx").data)

    assert {label: lines[lines.index(label) + 1] for label in FIGURES} == FIGURES


def test_a_document_not_yet_issued_has_a_blank_number_and_todays_date(year, runtime, province):
    today = calendar.day_of(runtime.uow(province.tenant).now())  # in Việt Nam

    word, pdf = year.download("decision", "docx").data, year.download("decision", "pdf").data

    for text in (" ".join(docx_lines(word)), pdf_text(pdf)):
        assert "Số: /QĐ-SKHCN" in flat(text)
        assert f"ngày {today:%d} tháng {today:%m} năm {today:%Y}" in text


def test_a_download_is_named_in_vietnamese_with_an_ascii_fallback(year):
    response = year.download("conclusion", "pdf")

    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="thong-bao-ket-luan.pdf"; ')
    assert f"filename*=UTF-8''{quote('Thông báo kết luận kiểm tra Sở Tài chính.pdf')}" in disposition


def test_the_agencys_officer_reads_the_notice_and_conclusion_of_its_own_inspections_only(year, province):
    own, other = province.agency_officer(year.agency), province.agency_officer(year.other_agency)

    for kind in ("notice", "conclusion"):
        assert year.download(kind, "pdf", own).status_code == 200
        year.download(kind, "pdf", other, expect=404)
    for kind in ("minutes", "plan"):
        year.download(kind, "docx", own, expect=403)


def test_another_provinces_records_have_no_documents(year, other_province):
    for kind in PARTS:
        year.download(kind, "docx", other_province.officer, expect=404 if kind != "report" else 200)
        if kind != "report":
            year.issue(kind, other_province.leader, expect=404)

"""The certificate (Giấy chứng nhận) and the attendance sheet (Danh sách điểm danh) in the official layout
(kit.official), built from demo-like records and read back from the DOCX and the PDF: the parts in order, the
names, dates and counts of the records, no English, the PDF's fonts embedded."""

import io
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace as Row

import pypdf
import pytest

from kit.official import docx_bytes, pdf_bytes
from tests.support.official_documents import assert_in_order, docx_lines, english_words, pdf_text, shown_fonts
from training.documents.attendance import attendance_document
from training.documents.certificate import certificate

AGENCY = uuid.uuid4()
DAYS = [Row(id=uuid.uuid4(), starts_at=datetime(2026, 6, d, 1, 30, tzinfo=UTC), topic=topic)
        for d, topic in ((10, "Tổng quan TCVN ISO 9001:2015"), (11, "Đánh giá nội bộ"), (12, "Thực hành"))]
CLASS = Row(title="Lớp thư ký ISO khóa 1/2026", sessions=DAYS, venue="Hội trường Sở KH&CN, 15 Tôn Đức Thắng",
            provider="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", course_type="CHUYEN_GIA_DANH_GIA_NOI_BO")
PEOPLE = [Row(id=uuid.uuid4(), full_name=name, position=position, agency_id=AGENCY, qms_role="THU_KY_ISO",
              completed=True)
          for name, position in (("Nguyễn Thị Hồng Nhung", "Chuyên viên"), ("Trần Văn Đức", None))]
MARKS = {(PEOPLE[0].id, DAYS[0].id): True, (PEOPLE[0].id, DAYS[1].id): True, (PEOPLE[0].id, DAYS[2].id): True,
         (PEOPLE[1].id, DAYS[0].id): True, (PEOPLE[1].id, DAYS[1].id): False, (PEOPLE[1].id, DAYS[2].id): True}
HEAD = ["UBND TỈNH AN GIANG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc"]


def certificates():
    issued = [Row(number=f"000{n}/2026/GCN-ISO", issued_at=datetime(2026, 6, 30, 18, tzinfo=UTC)) for n in (1, 2)]
    return [certificate(CLASS, c, p, "Sở Tư pháp", "Chuyên gia đánh giá nội bộ", "Tỉnh An Giang")
            for c, p in zip(issued, PEOPLE, strict=True)]


def certificate_parts(number: str, person) -> list[str]:
    return [*HEAD, f"Số: {number}", "An Giang, ngày 01 tháng 07 năm 2026", "GIẤY CHỨNG NHẬN",
            "Hoàn thành khóa đào tạo về hệ thống quản lý chất lượng", "Chứng nhận:", f"Ông/Bà: {person.full_name}",
            "Cơ quan: Sở Tư pháp", "Đã hoàn thành khóa đào tạo:", f"Lớp: {CLASS.title}",
            "Chương trình: Chuyên gia đánh giá nội bộ", "Thời gian: từ ngày 10/06/2026 đến ngày 12/06/2026",
            f"Địa điểm: {CLASS.venue}", f"Đơn vị tổ chức: {CLASS.provider}", "GIÁM ĐỐC", "Nơi nhận:",
            "- Người được cấp;", "- Lưu: VT."]


SHEET_PARTS = [*HEAD, "Số: /DS-SKHCN", "An Giang, ngày 12 tháng 06 năm 2026", "DANH SÁCH ĐIỂM DANH",
               f"Học viên lớp {CLASS.title}", "I. THÔNG TIN LỚP HỌC",
               "Thời gian: từ ngày 10/06/2026 đến ngày 12/06/2026", "Số buổi học: 3; số học viên: 2",
               "II. CÁC BUỔI HỌC", "B1", "10/06/2026 Sáng", "Tổng quan TCVN ISO 9001:2015", "B3", "12/06/2026 Sáng",
               "III. DANH SÁCH HỌC VIÊN", "STT", "Họ và tên", "Cơ quan", "B1", "B2", "B3", "Có mặt", "Ký tên",
               "1", "Nguyễn Thị Hồng Nhung", "Sở Tư pháp", "x", "x", "x", "3",
               "2", "Trần Văn Đức", "Sở Tư pháp", "x", "v", "x", "2", "NGƯỜI LẬP DANH SÁCH", "Nơi nhận:", "- Lưu: VT."]


class TestCertificates:
    def test_the_docx_has_one_certificate_a_page_with_its_parts_in_order(self):
        lines = docx_lines(docx_bytes(*certificates()))
        text = "\n".join(lines)

        assert_in_order(text, certificate_parts("0001/2026/GCN-ISO", PEOPLE[0])
                        + certificate_parts("0002/2026/GCN-ISO", PEOPLE[1]))
        assert "Chức vụ: Chuyên viên" in lines and sum(line.startswith("Chức vụ") for line in lines) == 1
        assert not english_words(text)

    def test_the_pdf_says_the_same_one_a_page_in_embedded_fonts(self):
        data = pdf_bytes(*certificates())
        reader = pypdf.PdfReader(io.BytesIO(data))

        assert len(reader.pages) == 2
        for page, (number, person) in zip(reader.pages, (("0001/2026/GCN-ISO", PEOPLE[0]),
                                                         ("0002/2026/GCN-ISO", PEOPLE[1])), strict=True):
            assert_in_order(page.extract_text(), certificate_parts(number, person))
        assert not english_words(pdf_text(data))
        assert {"DejaVuSans", "DejaVuSans-Bold"} <= shown_fonts(reader)


class TestAttendanceSheet:
    @pytest.fixture
    def sheet(self):
        return attendance_document(CLASS, PEOPLE, MARKS, {AGENCY: "Sở Tư pháp"}, "Tỉnh An Giang")

    def test_the_docx_lists_the_class_sessions_and_trainees_with_a_signature_column(self, sheet):
        text = "\n".join(docx_lines(docx_bytes(sheet)))

        assert_in_order(text, SHEET_PARTS)
        assert not english_words(text)

    def test_the_pdf_says_the_same_in_embedded_fonts(self, sheet):
        data = pdf_bytes(sheet)

        assert_in_order(pdf_text(data), SHEET_PARTS)
        assert not english_words(pdf_text(data))
        assert {"DejaVuSans", "DejaVuSans-Bold"} <= shown_fonts(pypdf.PdfReader(io.BytesIO(data)))

    def test_the_counts_are_the_records(self, sheet):
        [_, _, trainees] = sheet.sections

        assert [row[1] for row in trainees.table] == [p.full_name for p in PEOPLE]
        assert [row[-2] for row in trainees.table] == ["3", "2"] and [row[-1] for row in trainees.table] == ["", ""]
        assert len(trainees.table_header) == len(trainees.column_shares) == 3 + len(DAYS) + 2
        assert abs(sum(trainees.column_shares) - 1) < 1e-9

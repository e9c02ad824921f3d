"""A periodic report as an XLSX workbook and as a DOCX in the Vietnamese official layout."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

TYPE_TITLES = {
    "BC_6_THANG": "Kết quả áp dụng HTQLCL theo TCVN ISO 9001 sáu tháng",
    "BC_TINH_NAM": "Kết quả áp dụng HTQLCL theo TCVN ISO 9001 năm",
    "BC_DOT_XUAT": "Kết quả áp dụng HTQLCL theo TCVN ISO 9001 (đột xuất)",
}
LINES = [
    ("Tổng số cơ quan", lambda f: f["total"]),
    ("Cơ quan thuộc đối tượng bắt buộc", lambda f: f["obliged"]),
    ("Cơ quan bắt buộc đã áp dụng", lambda f: f["obliged_share"]["label"]),
    ("Cơ quan đang áp dụng HTQLCL", lambda f: f["applying"]),
    ("Cơ quan đã công bố", lambda f: f["announced"]),
    ("Cơ quan công bố lại trong kỳ", lambda f: f["re_announced_in_period"]),
    ("Áp dụng TCVN ISO 9001:2015", lambda f: f["on_2015"]),
    ("Hoàn thành chuyển đổi sang TCVN ISO 9001:2015", lambda f: f["transition"]["label"]),
    ("UBND cấp xã áp dụng", lambda f: f["communes"]["label"]),
    ("Cơ quan hoàn thành đánh giá nội bộ và xem xét của lãnh đạo trong năm", lambda f: pick(f, "upkeep", "label")),
    ("Cuộc kiểm tra tại trụ sở theo kế hoạch năm", lambda f: pick(f, "inspections", "plan_year",
                                                                   "scheduled_on_site")),
    ("Cuộc kiểm tra đã thực hiện trong kỳ", lambda f: f["inspections"]["done"]),
    ("Trong đó kiểm tra tại trụ sở", lambda f: f["inspections"]["on_site"]),
    ("Cơ quan bắt buộc được kiểm tra tại trụ sở", lambda f: pick(f, "inspections", "on_site_of_obliged", "label")),
    ("Kiến nghị chưa khắc phục xong", lambda f: pick(f, "recommendations", "open")),
    ("Trong đó quá hạn", lambda f: pick(f, "recommendations", "overdue")),
    ("Lớp đào tạo, tập huấn đã tổ chức", lambda f: f["training"]["finished"]),
    ("Học viên hoàn thành", lambda f: f["training"]["completed"]),
    ("Cơ quan có thư ký ISO đã qua đào tạo", lambda f: pick(f, "training", "trained_secretaries", "label")),
    ("Kinh phí dự toán trong năm", lambda f: vnd(f["budget"]["estimate"])),
    ("Kinh phí đã chi trong năm", lambda f: vnd(f["budget"]["disbursed"])),
]


def pick(figures: dict, *path: str):
    """A nested figure, or "—" when a report frozen before the figure existed does not have it."""
    for name in path:
        if not isinstance(figures, dict) or name not in figures:
            return "—"
        figures = figures[name]
    return figures


def vnd(amount: int) -> str:
    """Integer VND in the Vietnamese format: 1.234.567 đồng."""
    return f"{amount:,}".replace(",", ".") + " đồng"
TYPE_HEADERS = ["Loại cơ quan", "Tổng số", "Bắt buộc", "Đang áp dụng", "Đã công bố", "TCVN ISO 9001:2015"]


def report_xlsx(report, province: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append([f"{TYPE_TITLES.get(report.report_type, 'Báo cáo')} – {province}"])
    sheet.append([f"Kỳ báo cáo: {report.period_start:%d/%m/%Y} – {report.cutoff:%d/%m/%Y}"])
    sheet.append(["Chỉ tiêu", "Giá trị"])
    for label, value in LINES:
        sheet.append([label, value(report.figures)])
    grouped = []
    for title, first, key in (("Theo loại cơ quan", "Loại cơ quan", "by_agency_type"),
                              ("Theo cấp hành chính", "Cấp hành chính", "by_admin_level")):
        group = book.create_sheet(title)
        group.append([first, *TYPE_HEADERS[1:]])
        for kind, counts in report.figures.get(key, {}).items():
            group.append([kind, counts["total"], counts["obliged"], counts["applying"], counts["announced"],
                          counts["on_2015"]])
        grouped.append(group[1])
    for row in (sheet[1], sheet[3], *grouped):
        for cell in row:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_docx(report, province: str) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _heading_block(document, province)
    _centered(document, "BÁO CÁO", bold=True, size=14)
    _centered(document, f"{TYPE_TITLES.get(report.report_type, 'Báo cáo')} "
                        f"(từ {report.period_start:%d/%m/%Y} đến {report.cutoff:%d/%m/%Y})", bold=True)
    document.add_paragraph("I. KẾT QUẢ THỰC HIỆN").runs[0].bold = True
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Chỉ tiêu", "Kết quả"
    for label, value in LINES:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value(report.figures))
    for title, text in (("II. KHÓ KHĂN, VƯỚNG MẮC", report.difficulties),
                        ("III. ĐỀ XUẤT, KIẾN NGHỊ", report.proposals)):
        document.add_paragraph(title).runs[0].bold = True
        document.add_paragraph(text or "Không có.")
    signature = document.add_paragraph("GIÁM ĐỐC\n(Ký, ghi rõ họ tên, đóng dấu)")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _heading_block(document, province: str) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = f"UBND {province.upper()}\nSỞ KHOA HỌC VÀ CÔNG NGHỆ"
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = True


def _centered(document, text: str, *, bold: bool = False, size: int | None = None) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)

"""A periodic report as a DOCX in the Vietnamese official layout: the heading block, the figures, the narrative."""

from __future__ import annotations

import io

from reporting.documents.lines import LINES, title


def report_docx(report, province: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _heading_block(document, province)
    _centered(document, "BÁO CÁO", bold=True, size=14)
    _centered(document, f"{title(report)} (từ {report.period_start:%d/%m/%Y} đến {report.cutoff:%d/%m/%Y})",
              bold=True)
    document.add_paragraph("I. KẾT QUẢ THỰC HIỆN").runs[0].bold = True
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Chỉ tiêu", "Kết quả"
    for label, value in LINES:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, str(value(report.figures))
    for heading, text in (("II. KHÓ KHĂN, VƯỚNG MẮC", report.difficulties),
                          ("III. ĐỀ XUẤT, KIẾN NGHỊ", report.proposals)):
        document.add_paragraph(heading).runs[0].bold = True
        document.add_paragraph(text or "Không có.")
    signature = document.add_paragraph("GIÁM ĐỐC\n(Ký, ghi rõ họ tên, đóng dấu)")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _heading_block(document, province: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

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
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)

"""A periodic report as PDF, with a Unicode font so that Vietnamese diacritics render."""

from __future__ import annotations

import io

from kit.pdf import register_dejavu
from reporting.documents.lines import LINES, title


def report_pdf(report, province: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_dejavu()
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=15)
    bold = ParagraphStyle("bold", parent=body, fontName="DejaVu-Bold")
    heading = ParagraphStyle("title", parent=bold, fontSize=14, alignment=1, spaceAfter=6)
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, title="Báo cáo ISO")
    header = Table([[Paragraph(f"UBND {province.upper()}<br/>SỞ KHOA HỌC VÀ CÔNG NGHỆ", bold),
                     Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc", bold)]])
    figures = Table([["Chỉ tiêu", "Kết quả"], *[[label, str(value(report.figures))] for label, value in LINES]],
                    colWidths=[11 * cm, 5 * cm])
    figures.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "DejaVu", 10), ("FONT", (0, 0), (-1, 0), "DejaVu-Bold"),
                                 ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story = [header, Spacer(1, 12), Paragraph("BÁO CÁO", heading),
             Paragraph(f"{title(report)} (từ {report.period_start:%d/%m/%Y} đến {report.cutoff:%d/%m/%Y})", heading),
             Paragraph("I. KẾT QUẢ THỰC HIỆN", bold), figures, Spacer(1, 12)]
    for section, text in (("II. KHÓ KHĂN, VƯỚNG MẮC", report.difficulties),
                          ("III. ĐỀ XUẤT, KIẾN NGHỊ", report.proposals)):
        story += [Paragraph(section, bold), Paragraph(_escape(text or "Không có."), body), Spacer(1, 8)]
    document.build(story)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")

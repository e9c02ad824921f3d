"""Administrative documents in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (DOMAIN.md section 9): one
`Official` description rendered as DOCX (python-docx) and as PDF (reportlab), so both say the same thing in the
same order.

The parts, top to bottom: the body above the issuer and the issuer (left) beside the quốc hiệu and tiêu ngữ
(right); số and ký hiệu (left) beside the place and date (right, italic); the type and the summary (centred, bold);
"Kính gửi"; the sections (a heading, paragraphs, an optional two-column table); the signer's authority, title and
name (right); "Nơi nhận" (left, small). Times New Roman 13 pt in the DOCX; DejaVu in the PDF, whose fonts are
embedded (Vietnamese diacritics). The exact positions of the appendix are unverified (DOMAIN.md: C2).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, str], ...] = ()  # (label, value) rows under a header row
    table_header: tuple[str, str] = ("Chỉ tiêu", "Kết quả")


@dataclass(frozen=True)
class Official:
    """What an official document says; `number` None leaves the number blank, to be given when it is signed."""

    superior: str  # e.g. "UBND TỈNH AN GIANG"
    issuer: str  # e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    symbol: str  # e.g. "BC-SKHCN"
    place: str  # e.g. "An Giang"
    dated: date
    kind: str  # e.g. "BÁO CÁO"
    summary: str
    sections: tuple[Section, ...]
    signer_title: str
    number: int | None = None
    addressees: tuple[str, ...] = ()
    signer_authority: str = ""  # "TM.", "KT.", "TL." and the body, when someone signs for another
    signer_name: str = ""
    recipients: tuple[str, ...] = field(default=("Lưu: VT.",))

    @property
    def number_line(self) -> str:
        return f"Số: {self.number if self.number is not None else '      '}/{self.symbol}"

    @property
    def date_line(self) -> str:
        return f"{self.place}, ngày {self.dated:%d} tháng {self.dated:%m} năm {self.dated:%Y}"

    @property
    def addressee_lines(self) -> list[str]:
        if not self.addressees:
            return []
        if len(self.addressees) == 1:
            return [f"Kính gửi: {self.addressees[0]}."]
        return ["Kính gửi:", *(f"- {name};" for name in self.addressees[:-1]), f"- {self.addressees[-1]}."]

    @property
    def signature_lines(self) -> list[str]:
        return [line for line in (self.signer_authority, self.signer_title) if line]


def docx_bytes(document: Official) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    out = Document()
    normal = out.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

    def line(cell_or_doc, text: str, *, align=None, bold=False, italic=False, size=None):
        paragraph = cell_or_doc.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return paragraph

    head = out.add_table(rows=2, cols=2)
    (issuer, nation), (number, dated) = head.rows[0].cells, head.rows[1].cells
    issuer.paragraphs[0].text = document.superior
    issuer.paragraphs[0].alignment = center
    line(issuer, document.issuer, align=center, bold=True)
    nation.paragraphs[0].add_run(NATION).bold = True
    nation.paragraphs[0].alignment = center
    line(nation, MOTTO, align=center, bold=True)
    number.paragraphs[0].text = document.number_line
    number.paragraphs[0].alignment = center
    dated.paragraphs[0].add_run(document.date_line).italic = True
    dated.paragraphs[0].alignment = center
    line(out, document.kind, align=center, bold=True, size=14)
    line(out, document.summary, align=center, bold=True)
    for text in document.addressee_lines:
        line(out, text, align=center)
    for section in document.sections:
        line(out, section.heading, bold=True)
        for text in section.paragraphs:
            line(out, text)
        if section.table:
            table = out.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, section.table_header, strict=True):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            for label, value in section.table:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
    for text in document.signature_lines:
        line(out, text, align=right, bold=True)
    line(out, document.signer_name or "(Ký, ghi rõ họ tên, đóng dấu)", align=right, bold=bool(document.signer_name),
         italic=not document.signer_name)
    line(out, "Nơi nhận:", bold=True, italic=True, size=12)
    for text in document.recipients:
        line(out, f"- {text}", size=11)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def pdf_bytes(document: Official) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from kit.pdf import register_dejavu

    register_dejavu()
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=15)
    bold = ParagraphStyle("bold", parent=body, fontName="DejaVu-Bold")
    centred, centred_bold = (ParagraphStyle(f"c{n}", parent=s, alignment=1) for n, s in ((1, body), (2, bold)))
    right_bold = ParagraphStyle("rb", parent=bold, alignment=2)
    right = ParagraphStyle("r", parent=body, alignment=2)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    title = ParagraphStyle("title", parent=centred_bold, fontSize=14, spaceBefore=12)
    width = A4[0] - 4.5 * cm
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=3 * cm, rightMargin=1.5 * cm, title=document.summary,
                            initialFontName="DejaVu")  # else every page names Helvetica, not embedded
    head = Table([[Paragraph(f"{_xml(document.superior)}<br/><b>{_xml(document.issuer)}</b>", centred),
                   Paragraph(f"{NATION}<br/>{MOTTO}", centred_bold)],
                  [Paragraph(_xml(document.number_line), centred),
                   Paragraph(f"<i>{_xml(document.date_line)}</i>", centred)]], colWidths=[width * 0.42, width * 0.58])
    story = [head, Paragraph(_xml(document.kind), title), Paragraph(_xml(document.summary), centred_bold),
             Spacer(1, 6), *(Paragraph(_xml(text), centred) for text in document.addressee_lines), Spacer(1, 6)]
    for section in document.sections:
        story += [Paragraph(_xml(section.heading), bold), *(Paragraph(_xml(text), body) for text in section.paragraphs)]
        if section.table:  # wrapped cells: a long label grows its row instead of running into its value
            rows = [[Paragraph(_xml(a), bold), Paragraph(_xml(b), bold)] for a, b in [section.table_header]]
            rows += [[Paragraph(_xml(a), body), Paragraph(_xml(b), body)] for a, b in section.table]
            table = Table(rows, colWidths=[width * 0.68, width * 0.32], repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
        story.append(Spacer(1, 8))
    story += [Paragraph(_xml(text), right_bold) for text in document.signature_lines]
    story.append(Paragraph(_xml(document.signer_name) if document.signer_name
                           else "<i>(Ký, ghi rõ họ tên, đóng dấu)</i>", right_bold if document.signer_name else right))
    story += [Spacer(1, 12), Paragraph("<b><i>Nơi nhận:</i></b>", small),
              *(Paragraph(_xml(f"- {text}"), small) for text in document.recipients)]
    pdf.build(story)
    return buffer.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")

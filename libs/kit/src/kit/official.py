"""Administrative documents in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (DOMAIN.md section 9): one
`Official` description rendered as DOCX (python-docx) and as PDF (reportlab), so both say the same thing in the
same order.

The parts, top to bottom: the body above the issuer and the issuer (left) beside the quốc hiệu and tiêu ngữ
(right); số and ký hiệu (left) beside the place and date (right, italic); the type and the summary (centred, bold);
"Kính gửi"; the sections (a heading, paragraphs, an optional table of two or more columns); the signer's authority,
title and name (right); "Nơi nhận" (left, small). Several documents (a class's certificates) render into one file,
each from a new page. Times New Roman 13 pt in the DOCX; DejaVu in the PDF, whose fonts are
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
    """A heading, its paragraphs, then its table: rows as wide as `table_header`, under it; `widths` are the
    columns' shares of the page (a label and its value by default; equal shares for a table of another width)."""

    heading: str  # "" for none (a document's opening paragraphs)
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    table_header: tuple[str, ...] = ("Chỉ tiêu", "Kết quả")
    widths: tuple[float, ...] = ()

    @property
    def column_shares(self) -> tuple[float, ...]:
        if self.widths:
            return self.widths
        columns = len(self.table_header)
        return (0.68, 0.32) if columns == 2 else (1 / columns,) * columns


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
    number: int | str | None = None  # a certificate's number carries its own symbol: `symbol` is then ""
    addressees: tuple[str, ...] = ()
    signer_authority: str = ""  # "TM.", "KT.", "TL." and the body, when someone signs for another
    signer_name: str = ""
    recipients: tuple[str, ...] = field(default=("Lưu: VT.",))

    @property
    def number_line(self) -> str:
        number = self.number if self.number is not None else "      "
        return f"Số: {number}/{self.symbol}" if self.symbol else f"Số: {number}"

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


def docx_bytes(*documents: Official) -> bytes:
    """The documents as one DOCX, each from a new page."""
    from docx import Document
    from docx.shared import Pt

    out = Document()
    normal = out.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    for index, document in enumerate(documents):
        if index:
            out.add_page_break()
        _docx_document(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _docx_document(out, document: Official) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

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
        if section.heading:  # a document's opening (its basis) has none
            line(out, section.heading, bold=True)
        for text in section.paragraphs:
            line(out, text)
        if section.table:
            _docx_table(out, section)
    for text in document.signature_lines:
        line(out, text, align=right, bold=True)
    line(out, document.signer_name or "(Ký, ghi rõ họ tên, đóng dấu)", align=right, bold=bool(document.signer_name),
         italic=not document.signer_name)
    line(out, "Nơi nhận:", bold=True, italic=True, size=12)
    for text in document.recipients:
        line(out, f"- {text}", size=11)


def _docx_table(out, section: Section) -> None:
    table = out.add_table(rows=1, cols=len(section.table_header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, section.table_header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in section.table:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def pdf_bytes(*documents: Official) -> bytes:
    """The documents as one PDF (A4), each from a new page, in DejaVu (embedded)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from kit.pdf import register_dejavu

    register_dejavu()
    styles = _pdf_styles()
    width = A4[0] - 4.5 * cm
    story = []
    for index, document in enumerate(documents):
        story += ([PageBreak()] if index else []) + _pdf_story(document, styles, width)
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=3 * cm, rightMargin=1.5 * cm, title=documents[0].summary,
                            initialFontName="DejaVu")  # else every page names Helvetica, not embedded
    pdf.build(story)
    return buffer.getvalue()


def _pdf_styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=15)
    bold = ParagraphStyle("bold", parent=body, fontName="DejaVu-Bold")
    centred_bold = ParagraphStyle("c2", parent=bold, alignment=1)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    return {"body": body, "bold": bold, "centred": ParagraphStyle("c1", parent=body, alignment=1),
            "centred_bold": centred_bold, "right_bold": ParagraphStyle("rb", parent=bold, alignment=2),
            "right": ParagraphStyle("r", parent=body, alignment=2), "small": small,
            "small_bold": ParagraphStyle("sb", parent=small, fontName="DejaVu-Bold"),
            "title": ParagraphStyle("title", parent=centred_bold, fontSize=14, spaceBefore=12)}


def _pdf_story(document: Official, style: dict, width: float) -> list:
    from reportlab.platypus import Paragraph, Spacer, Table

    head = Table([[Paragraph(f"{_xml(document.superior)}<br/><b>{_xml(document.issuer)}</b>", style["centred"]),
                   Paragraph(f"{NATION}<br/>{MOTTO}", style["centred_bold"])],
                  [Paragraph(_xml(document.number_line), style["centred"]),
                   Paragraph(f"<i>{_xml(document.date_line)}</i>", style["centred"])]],
                 colWidths=[width * 0.42, width * 0.58])
    story = [head, Paragraph(_xml(document.kind), style["title"]),
             Paragraph(_xml(document.summary), style["centred_bold"]), Spacer(1, 6),
             *(Paragraph(_xml(text), style["centred"]) for text in document.addressee_lines), Spacer(1, 6)]
    for section in document.sections:
        story += [Paragraph(_xml(section.heading), style["bold"])] if section.heading else []
        story += [Paragraph(_xml(text), style["body"]) for text in section.paragraphs]
        if section.table:
            story.append(_pdf_table(section, style, width))
        story.append(Spacer(1, 8))
    story += [Paragraph(_xml(text), style["right_bold"]) for text in document.signature_lines]
    story.append(Paragraph(_xml(document.signer_name), style["right_bold"]) if document.signer_name
                 else Paragraph("<i>(Ký, ghi rõ họ tên, đóng dấu)</i>", style["right"]))
    return story + [Spacer(1, 12), Paragraph("<b><i>Nơi nhận:</i></b>", style["small"]),
                    *(Paragraph(_xml(f"- {text}"), style["small"]) for text in document.recipients)]


def _pdf_table(section: Section, style: dict, width: float):
    """Wrapped cells: a long label grows its row instead of running into its value; a table wider than two
    columns is set small, so a name and a signature fit."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    wide = len(section.table_header) > 2
    head, cell = (style["small_bold"], style["small"]) if wide else (style["bold"], style["body"])
    rows = [[Paragraph(_xml(text), head) for text in section.table_header]]
    rows += [[Paragraph(_xml(text), cell) for text in row] for row in section.table]
    table = Table(rows, colWidths=[width * share for share in section.column_shares], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")

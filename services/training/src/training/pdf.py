"""A printable list as PDF (landscape A4) in a Unicode font, so Vietnamese names keep their diacritics."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kit.pdf import register_dejavu

PDF = "application/pdf"
WIDTH = landscape(A4)[0] - 24 * mm


def render(table) -> bytes:
    register_dejavu()
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName="DejaVu-Bold")
    grid = Table([[Paragraph(str(h), head) for h in table.heads]]
                 + [[Paragraph("" if v is None else str(v), cell) for v in row] for row in table.rows],
                 repeatRows=1, colWidths=_widths(table))
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]))
    story = [Paragraph(table.title, ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=13, leading=17)),
             Spacer(1, 4 * mm), grid]
    if table.note:
        story += [Spacer(1, 3 * mm), Paragraph(table.note, cell)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                      topMargin=12 * mm, bottomMargin=12 * mm, title=table.title).build(story)
    return buffer.getvalue()


def _widths(table) -> list[float]:
    """The given leading columns in mm; the others share what is left of the page."""
    fixed = [w * mm for w in table.widths_mm[:len(table.heads)]]
    rest = len(table.heads) - len(fixed)
    free = WIDTH - sum(fixed)
    return fixed + [free / rest] * rest if rest else fixed


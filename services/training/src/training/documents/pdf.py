"""A printable list as PDF (landscape A4) in a Unicode font, so Vietnamese names keep their diacritics."""

from __future__ import annotations

import io

from kit.pdf import register_dejavu
from training.documents.table import Table

MARGIN_MM = 12


def render(table: Table) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as Grid

    register_dejavu()
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName="DejaVu-Bold")
    width = landscape(A4)[0] - 2 * MARGIN_MM * mm
    grid = Grid([[Paragraph(str(h), head) for h in table.heads]]
                + [[Paragraph("" if v is None else str(v), cell) for v in row] for row in table.rows],
                repeatRows=1, colWidths=widths(table, width, mm))
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]))
    story = [Paragraph(table.title, ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=13, leading=17)),
             Spacer(1, 4 * mm), grid]
    if table.note:
        story += [Spacer(1, 3 * mm), Paragraph(table.note, cell)]
    buffer = io.BytesIO()
    margin = MARGIN_MM * mm
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=margin, rightMargin=margin,
                      topMargin=margin, bottomMargin=margin, title=table.title).build(story)
    return buffer.getvalue()


def widths(table: Table, page_width: float, unit: float) -> list[float]:
    """The given leading columns (in mm, `unit` points each); the others share what is left of `page_width`."""
    fixed = [w * unit for w in table.widths_mm[:len(table.heads)]]
    rest = len(table.heads) - len(fixed)
    free = page_width - sum(fixed)
    return fixed + [free / rest] * rest if rest else fixed

"""A printable list (title, headings, rows) and its rendering as an XLSX workbook or a PDF."""

from __future__ import annotations

from dataclasses import dataclass

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@dataclass(frozen=True)
class Table:
    sheet_name: str
    title: str
    heads: list
    rows: list
    note: str | None = None
    widths_mm: tuple = ()


def render(table: Table, fmt: str) -> tuple[bytes, str]:
    """(body, media type) of the table as `xlsx` or `pdf`."""
    from training.documents import pdf, xlsx

    if fmt == "pdf":
        return pdf.render(table), PDF
    return xlsx.render(table), XLSX

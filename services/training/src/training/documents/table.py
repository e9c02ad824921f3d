"""A printable list (title, headings, rows) and its rendering as an XLSX workbook; or an official document
(kit.official) as DOCX or PDF."""

from __future__ import annotations

from dataclasses import dataclass

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Table:
    sheet_name: str
    title: str
    heads: list
    rows: list
    note: str | None = None


def render(table: Table) -> tuple[bytes, str]:
    """(body, media type) of the table as an XLSX workbook."""
    from training.documents import xlsx

    return xlsx.render(table), XLSX


def render_official(documents: list, fmt: str) -> tuple[bytes, str]:
    """(body, media type) of kit.official documents as `docx` or `pdf`, each from a new page."""
    from kit.official import docx_bytes, pdf_bytes

    if fmt == "pdf":
        return pdf_bytes(*documents), PDF
    return docx_bytes(*documents), DOCX

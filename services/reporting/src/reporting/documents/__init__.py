"""A periodic report as a file: XLSX, DOCX (the Vietnamese official layout) or PDF. Each writer imports its
document library when it runs, so an API process loads none of them until someone downloads a report."""

from __future__ import annotations

from reporting.documents import letter, xlsx

WRITERS = {"xlsx": xlsx.report_xlsx, "docx": letter.report_docx, "pdf": letter.report_pdf}


def write(kind: str, report, province: str) -> bytes:
    """The report as `kind` (a key of WRITERS), headed with the province's name."""
    return WRITERS[kind](report, province)

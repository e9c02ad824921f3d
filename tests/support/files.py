"""Small real files of each kind, made here, for the attachment tests."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 80
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Biên bản đánh giá nội bộ")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Sổ tay chất lượng"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plain_zip(*names: str) -> bytes:
    """A zip of empty files with these names (one that only looks like an office document, say)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names or ("a.txt",):
            archive.writestr(name, "x")
    return out.getvalue()


def form(content: bytes, name: str, **fields: str) -> dict:
    """A multipart form for Flask's test client: the file as the field `file`, after the other `fields`."""
    return {**fields, "file": (io.BytesIO(content), name)}


def audit_trail(runtime, attachment_id: str) -> list[tuple[str, str]]:
    """(action, actor) of every audit line of an attachment, in order: its upload, then each download."""
    from sqlalchemy import select

    from kit.audit import AuditEntry

    with runtime.session_factory() as session:
        lines = session.execute(select(AuditEntry.action, AuditEntry.actor).where(
            AuditEntry.entity == "attachments", AuditEntry.entity_id == attachment_id).order_by(AuditEntry.seq),
            execution_options={"cross_tenant": True}).all()
    return [tuple(line) for line in lines]

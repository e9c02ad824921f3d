"""The inspection documents in the layout of Nghị định 30/2020/NĐ-CP (ADR 29): one module per document builds a
`kit.official.Official` from the records; kit renders it as DOCX or PDF, so both files say the same thing.
Each writer imports its document library when it runs, so an API process loads none of them until someone
downloads a document."""

from __future__ import annotations

from dataclasses import dataclass

from inspections.documents import conclusion, decision, minutes, notice, plan, year_report
from kit.official import Official, docx_bytes, pdf_bytes

WRITERS = {"docx": docx_bytes, "pdf": pdf_bytes}
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}
SO_BODY = "SKHCN"  # the Sở's register; an inspection team's is "DKT-" and the team's id


@dataclass(frozen=True)
class Kind:
    """A document of the register: its title (the file's name), an ASCII name (the fallback file name), its
    ký hiệu, and whether the inspected agency's own officer may read it."""

    title: str
    ascii_name: str
    symbol: str
    agency_reads: bool = False


KINDS = {
    "plan": Kind("Kế hoạch kiểm tra", "ke-hoach-kiem-tra", plan.SYMBOL),
    "decision": Kind("Quyết định thành lập Đoàn kiểm tra", "quyet-dinh-thanh-lap-doan", decision.SYMBOL),
    "notice": Kind("Thông báo kiểm tra", "thong-bao-kiem-tra", notice.SYMBOL, agency_reads=True),
    "minutes": Kind("Biên bản kiểm tra", "bien-ban-kiem-tra", minutes.SYMBOL),
    "conclusion": Kind("Thông báo kết luận kiểm tra", "thong-bao-ket-luan", conclusion.SYMBOL, agency_reads=True),
    "report": Kind("Báo cáo kết quả kiểm tra năm", "bao-cao-ket-qua-kiem-tra", year_report.SYMBOL),
}


def write(document: Official, fmt: str) -> bytes:
    """`document` as `fmt`, a key of WRITERS."""
    return WRITERS[fmt](document)

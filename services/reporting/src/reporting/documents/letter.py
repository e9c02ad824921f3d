"""A periodic report as the official document the Sở KH&CN signs (Nghị định 30/2020/NĐ-CP layout, kit.official):
the DOCX and the PDF are rendered from this one description, so they say the same thing."""

from __future__ import annotations

from kit import calendar
from kit.official import Official, Section, docx_bytes, pdf_bytes
from reporting.documents.lines import LINES, title

ISSUER = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
SYMBOL = "BC-SKHCN"
MINISTRY = "Bộ Khoa học và Công nghệ"


def report_document(report, province: str) -> Official:
    """`province`: its name as registered ("Tỉnh An Giang", "Thành phố Hồ Chí Minh"). Dated the day the report
    was sent to the Ministry, with the number the register gave it then; a draft is dated today, its number blank."""
    sent = report.submitted_at and calendar.day_of(report.submitted_at)
    figures = tuple((label, str(value(report.figures))) for label, value in LINES)
    return Official(
        superior=f"UBND {province.upper()}", issuer=ISSUER, symbol=report.doc_symbol or SYMBOL,
        number=report.doc_number, place=province.removeprefix("Tỉnh "),
        dated=sent or calendar.today(), kind="BÁO CÁO",
        summary=f"{title(report)} (từ {report.period_start:%d/%m/%Y} đến {report.cutoff:%d/%m/%Y})",
        addressees=(MINISTRY,),  # every report type is the province's report to the Ministry
        sections=(Section("I. KẾT QUẢ THỰC HIỆN", table=figures),
                  Section("II. KHÓ KHĂN, VƯỚNG MẮC", (report.difficulties or "Không có.",)),
                  Section("III. ĐỀ XUẤT, KIẾN NGHỊ", (report.proposals or "Không có.",))),
        signer_title="GIÁM ĐỐC",
        recipients=("Như trên;", f"UBND {province} (để báo cáo);", "Lưu: VT."))


def report_docx(report, province: str) -> bytes:
    return docx_bytes(report_document(report, province))


def report_pdf(report, province: str) -> bytes:
    return pdf_bytes(report_document(report, province))

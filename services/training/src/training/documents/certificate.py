"""A training certificate (Giấy chứng nhận) in the official layout (kit.official): one per participant who
completed the class, numbered from the province's register, rendered as DOCX and PDF from this description."""

from __future__ import annotations

from kit.official import Official, Section
from training.documents.issuer import day, heading, period


def certificate(training_class, certificate, registration, agency: str, course: str, province: str) -> Official:
    """`certificate` as issued (its number and date); `registration` the person; `agency` their agency's name,
    `course` the course type's Vietnamese name, `province` the issuing province's registered name."""
    person = [f"Ông/Bà: {registration.full_name}"]
    if registration.position:
        person.append(f"Chức vụ: {registration.position}")
    return Official(
        **heading(province), symbol="", number=certificate.number, dated=day(certificate.issued_at),
        kind="GIẤY CHỨNG NHẬN", summary="Hoàn thành khóa đào tạo về hệ thống quản lý chất lượng",
        sections=(Section("Chứng nhận:", (*person, f"Cơ quan: {agency}")),
                  Section("Đã hoàn thành khóa đào tạo:", (
                      f"Lớp: {training_class.title}", f"Chương trình: {course}",
                      f"Thời gian: {period(training_class)}", f"Địa điểm: {training_class.venue}",
                      f"Đơn vị tổ chức: {training_class.provider}"))),
        signer_title="GIÁM ĐỐC", recipients=("Người được cấp;", "Lưu: VT."))

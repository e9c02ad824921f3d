"""Biên bản kiểm tra: the team's minutes of the visit, with the checklist's results and the findings. The team is
an advisory body: it numbers its minutes in its own sequence (BB-ĐKT), under the Sở's name [U: Nghị định 30
Điều 15 as the brief reads it]. kit.official draws one signature, the team leader's; the agency's representative
signs the paper beside it (a second signature block is not drawn yet)."""

from __future__ import annotations

from inspections import orm
from inspections.documents.common import (
    FINDINGS,
    RESULTS,
    SO,
    SUBJECT,
    Heading,
    Stamp,
    agency,
    criterion_title,
    day,
    leader,
    members_section,
    official,
)
from kit.official import Official, Section

SYMBOL = "BB-ĐKT"
TEAM = "ĐOÀN KIỂM TRA"


def document(inspection: orm.Inspection, team: orm.Team | None, decision_no: str | None, titles: dict[str, str],
             where: Heading, stamp: Stamp) -> Official:
    """`decision_no`: the team's decision as the register numbered it (else as typed); `titles` by criterion."""
    name, held = agency(inspection), inspection.record_date or inspection.conducted_date
    decision = f"Quyết định số {decision_no} ngày {day(team.decision_date)}" if team else "quyết định"
    return official(
        where, stamp, superior=SO, issuer=TEAM, kind="BIÊN BẢN", summary=f"Kiểm tra {SUBJECT} tại {name}",
        sections=(
            Section("", (f"Thực hiện {decision} của Giám đốc Sở Khoa học và Công nghệ về việc thành lập Đoàn kiểm "
                         f"tra, hôm nay, ngày {day(held)}, Đoàn kiểm tra tiến hành kiểm tra tại {name}.",)),
            members_section("I. THÀNH PHẦN ĐOÀN KIỂM TRA", team),
            Section("II. KẾT QUẢ KIỂM TRA THEO TIÊU CHÍ", () if inspection.checklist else ("Chưa ghi kết quả.",),
                    table=checklist(inspection, titles), table_header=("Tiêu chí", "Kết quả")),
            Section("III. CÁC PHÁT HIỆN", findings(inspection)),
            Section(f"ĐẠI DIỆN {name.upper()}", ("(Ký, ghi rõ họ tên)",))),
        signer_title="TRƯỞNG ĐOÀN", signer_name=leader(team),
        recipients=(f"{name};", "Sở Khoa học và Công nghệ;", "Lưu: Đoàn kiểm tra."))


def checklist(inspection: orm.Inspection, titles: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((f"{row.criterion_code}. {criterion_title(titles.get(row.criterion_code, ''))}",
                  RESULTS[row.result] + (f" ({row.note})" if row.note else "")) for row in inspection.checklist)


def findings(inspection: orm.Inspection) -> tuple[str, ...]:
    if not inspection.findings:
        return ("Không có.",)
    return tuple(f"{i}. {FINDINGS[f.type]}: {f.description}"
                 + (f" (TCVN ISO 9001:2015 mục {f.iso_clause})" if f.iso_clause else "")
                 for i, f in enumerate(inspection.findings, 1))

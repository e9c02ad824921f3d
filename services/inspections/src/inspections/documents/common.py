"""What every inspection document shares: the heading of the province's Sở (the body above it named from the
registry's copy of the UBND tỉnh), the register's stamp (number, ký hiệu, date), and the Vietnamese words for the
records' codes.

The forms follow the seeds' practice (DOMAIN.md section 9: the sequence is C-seed, the forms themselves are
unverified); the layout is Nghị định 30/2020/NĐ-CP Phụ lục I as kit.official draws it (C2, positions unverified).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.inspections import InspectionForm, OverallResult
from inspections import orm
from inspections.model import CheckResult, FindingType, TeamRole
from kit.official import Official, Section

SO = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
DIRECTOR = "GIÁM ĐỐC"
# The subject of every inspection, worded as the seeds' plans word it (Kế hoạch 726/KH-UBND, Bình Thuận 2021).
SUBJECT = ("tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia "
           "TCVN ISO 9001")
BASIS = ("Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng Hệ thống quản "
         "lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống "
         "hành chính nhà nước;")
BLANK = "...................."  # a part the register does not know yet, filled in by hand

FORMS = {InspectionForm.TRUC_TIEP_TAI_TRU_SO: "Kiểm tra trực tiếp tại trụ sở cơ quan",
         InspectionForm.QUA_BAO_CAO_HO_SO: "Kiểm tra qua báo cáo, hồ sơ"}
ROLES = {TeamRole.TRUONG_DOAN: "Trưởng đoàn", TeamRole.PHO_TRUONG_DOAN: "Phó Trưởng đoàn",
         TeamRole.THANH_VIEN: "Thành viên", TeamRole.THU_KY_DOAN: "Thư ký"}
RESULTS = {CheckResult.DAT: "Đạt", CheckResult.KHONG_DAT: "Không đạt", CheckResult.KHONG_AP_DUNG: "Không áp dụng"}
OVERALL = {OverallResult.DAT: "Đạt", OverallResult.DAT_CO_KHUYEN_NGHI: "Đạt, có kiến nghị",
           OverallResult.KHONG_DAT: "Không đạt"}
FINDINGS = {FindingType.KHONG_PHU_HOP: "Điểm không phù hợp", FindingType.KHUYEN_NGHI: "Khuyến nghị",
            FindingType.DIEM_MANH: "Điểm mạnh"}


@dataclass(frozen=True)
class Heading:
    """The province as its documents name it: "UBND TỈNH BÌNH THUẬN" above the Sở, "Bình Thuận" before the date,
    "tỉnh Bình Thuận" in sentences."""

    superior: str
    place: str
    province: str


@dataclass(frozen=True)
class Stamp:
    """The register's entry of a document (its number and the day it was issued), or a draft's blank number."""

    symbol: str
    dated: date
    number: int | None = None


def heading(ubnd: str | None) -> Heading:
    """From the name the registry gives the province's UBND ("UBND tỉnh Bình Thuận"); a province whose UBND is not
    registered gets dotted blanks, filled in by hand as on paper."""
    if not ubnd:
        return Heading(superior=f"UBND TỈNH {BLANK}", place=BLANK, province=f"tỉnh {BLANK}")
    province = ubnd.removeprefix("UBND ").removeprefix("Ủy ban nhân dân ")
    return Heading(superior=f"UBND {province.upper()}", place=province.removeprefix("tỉnh ").removeprefix("Tỉnh "),
                   province=province)


def official(where: Heading, stamp: Stamp, *, issuer: str = SO, superior: str | None = None,
             signer_title: str = DIRECTOR, **parts) -> Official:
    """A document of the Sở (or, with `issuer` and `superior`, of a body under it), numbered by `stamp`."""
    return Official(superior=superior or where.superior, issuer=issuer, symbol=stamp.symbol, number=stamp.number,
                    place=where.place, dated=stamp.dated, signer_title=signer_title, **parts)


def day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else BLANK


def agency(record) -> str:
    return record.agency_name or BLANK


def members(team: orm.Team | None) -> tuple[tuple[str, str], ...]:
    """(name, role and organization) per member, in the decision's order."""
    if team is None:
        return ()
    return tuple((m.full_name, ROLES.get(m.role, m.role) + (f", {m.organization}" if m.organization else ""))
                 for m in team.members)


def members_section(heading_text: str, team: orm.Team | None) -> Section:
    return Section(heading_text, () if team else ("Chưa thành lập Đoàn kiểm tra.",), table=members(team),
                   table_header=("Họ và tên", "Chức danh trong Đoàn, đơn vị công tác"))


def leader(team: orm.Team | None) -> str:
    heads = [m.full_name for m in (team.members if team else []) if m.role == TeamRole.TRUONG_DOAN]
    return heads[0] if heads else ""


def criterion_title(title: str) -> str:
    """The library's titles end in an English gloss after the last " / ", which an official document leaves out."""
    return title.rsplit(" / ", 1)[0]

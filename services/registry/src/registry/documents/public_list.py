"""The public list as CSV, for reuse: UTF-8 with a byte order mark so that Excel reads the Vietnamese as it is,
rows ending in CRLF (RFC 4180), Vietnamese headers and labels, dates as dd/mm/yyyy."""

from __future__ import annotations

import csv
import io

from contracts.registry import AnnouncementKind
from registry.documents.xlsx import ADMIN_LEVEL_LABELS, AGENCY_TYPE_LABELS
from registry.model.public_list import AnnouncedAgency

HEADERS = ("Tên cơ quan", "Loại cơ quan", "Cấp", "Ngày công bố", "Hình thức", "Tiêu chuẩn áp dụng",
           "Số TTHC trong phạm vi", "Phạm vi áp dụng")
KIND_LABELS = {AnnouncementKind.LAN_DAU: "Công bố", AnnouncementKind.CONG_BO_LAI: "Công bố lại"}


def announced_csv(items: list[AnnouncedAgency]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for item in items:
        writer.writerow(_row(item))
    return "\ufeff".encode() + out.getvalue().encode()


def _row(item: AnnouncedAgency) -> list[str]:
    return [_cell(item.name), AGENCY_TYPE_LABELS.get(item.agency_type, item.agency_type),
            ADMIN_LEVEL_LABELS.get(item.admin_level, item.admin_level or ""),
            f"{item.announced_on:%d/%m/%Y}" if item.announced_on else "",
            KIND_LABELS.get(item.announcement_kind, ""), item.standard_version,
            "" if item.scope_tthc_count is None else str(item.scope_tthc_count), _cell(item.scope_description or "")]


def _cell(text: str) -> str:
    """A text that a spreadsheet would run as a formula (=, +, -, @) is kept as text (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

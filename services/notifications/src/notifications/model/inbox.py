"""What a notice says in the app, and the record it is about. Pure.

A notice is one of the reminders the scheduler made (services.schedule.plan); in the app it is read by the
province's staff (every agency's) and by an agency's ISO secretary (their agency's), each with their own read
state. Its `link` is the path of its record's page in the web UI, which the gateway serves beside the API.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class NoticeKind(StrEnum):
    UPKEEP_REMINDER = "UPKEEP_REMINDER"


# (Vietnamese, English) of each kind; the Vietnamese is what the province's officials read.
TEXTS = {
    NoticeKind.UPKEEP_REMINDER: (
        "Nhắc hạn duy trì HTQLCL năm {year}: {agency} cần hoàn thành đánh giá nội bộ và xem xét của lãnh đạo "
        "trước ngày {deadline:%d/%m/%Y}.",
        "Upkeep reminder {year}: {agency} must complete the internal audit and the management review by "
        "{deadline:%d/%m/%Y}."),
}


class About(Protocol):
    """The facts of a notice (orm.Notice) that its text and link name."""

    kind: str
    agency_id: object
    agency_name: str
    year: int
    deadline: object


def texts(about: About) -> tuple[str, str]:
    """(Vietnamese, English) text of a notice; a kind this version does not know says its code."""
    if about.kind not in TEXTS:
        return about.kind, about.kind
    vietnamese, english = TEXTS[about.kind]
    values = {"year": about.year, "agency": about.agency_name, "deadline": about.deadline}
    return vietnamese.format(**values), english.format(**values)


def link(about: About) -> str:
    """The web UI's page of the record a notice is about: the agency's, for an upkeep reminder."""
    return f"/agencies/{about.agency_id}"

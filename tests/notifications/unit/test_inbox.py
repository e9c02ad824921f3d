"""What a notice says in the app and where it leads (model.inbox): pure."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from notifications.model import inbox


@dataclass
class Notice:
    kind: str
    agency_id: uuid.UUID
    agency_name: str = "Sở Y tế tỉnh An Giang"
    year: int = 2026
    deadline: date = date(2026, 11, 30)


def test_an_upkeep_reminder_names_the_agency_the_year_and_the_deadline_day_first():
    vietnamese, english = inbox.texts(Notice("UPKEEP_REMINDER", uuid.uuid4()))

    assert vietnamese == ("Nhắc hạn duy trì HTQLCL năm 2026: Sở Y tế tỉnh An Giang cần hoàn thành đánh giá nội bộ "
                          "và xem xét của lãnh đạo trước ngày 30/11/2026.")
    assert english.endswith("by 30/11/2026.")


def test_a_kind_this_version_does_not_know_says_its_code():
    assert inbox.texts(Notice("AUDIT_DUE", uuid.uuid4())) == ("AUDIT_DUE", "AUDIT_DUE")


def test_a_notice_leads_to_its_agencys_page():
    agency = uuid.uuid4()

    assert inbox.link(Notice("UPKEEP_REMINDER", agency)) == f"/agencies/{agency}"

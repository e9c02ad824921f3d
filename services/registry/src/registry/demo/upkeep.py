"""What a diligent demo agency does every year after its announcement, up to today: the yearly upkeep and an ISO
secretary in office, with the few realistic exceptions a province's attention list shows.

The upkeep of an agency's years goes in one unit of work (`record_maintenance_batch`: the same records and events
as one command each), so that years of history do not cost a transaction per activity.
"""

from __future__ import annotations

from datetime import date, timedelta

from contracts.registry import OfficerRole
from registry.demo.stories import Steps, dated
from registry.services import officers

OBJECTIVES, AUDIT, REVIEW = "MUC_TIEU_CHAT_LUONG", "DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"
SECRETARIES = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Thu Hà", "Phạm Quốc Bảo", "Võ Thị Mai", "Đặng Minh Tâm",
               "Huỳnh Thị Ngọc", "Bùi Văn Khoa"]


def year_of_upkeep(year: int, n: int) -> list[tuple[str, date]]:
    """Objectives in February, the internal audit in September, the management review in October: all before the
    usual 30/11 deadline."""
    return [(OBJECTIVES, date(year, 2, 10 + n % 15)), (AUDIT, date(year, 9, 5 + n % 20)),
            (REVIEW, date(year, 10, 10 + n % 15))]


def record_upkeep(steps: Steps, n: int, today: date, until: date | None, *, lapsed: bool,
                  since: date = date.min) -> None:
    """Every year from the one after the first announcement to today's, activities dated before today (and not
    after the agency's last day, nor before `since`: an entry's first day); a `lapsed` agency did only its
    objectives this year."""
    if steps.announced_on is None:
        return
    last = min(today - timedelta(days=1), until or date.max)
    entries = [{"activity_type": activity, "activity_date": day}
               for year in range(steps.announced_on.year + 1, last.year + 1) if year not in steps.audited_years
               for activity, day in year_of_upkeep(year, n)
               if since <= day <= last and not (lapsed and year == today.year and activity != OBJECTIVES)]
    if entries:
        steps.run("record_maintenance_batch", entries[-1]["activity_date"], entries)


def appoint_secretaries(steps: Steps, n: int, today: date, *, vacant: bool) -> None:
    """A secretary from the start of the build; every ninth agency replaced its first one four years on; a `vacant`
    agency's secretary left two months ago and nobody is appointed yet."""
    if steps.built_on is None:
        return
    first = _appoint(steps, n, steps.built_on)
    replaced_on = date(steps.built_on.year + 4, 8, 1)
    if n % 9 == 4 and replaced_on < today:
        first = _appoint(steps, n + 1, replaced_on)
    if vacant:
        left = today - timedelta(days=60)
        officers.remove_officer(dated(steps.uow_for(steps.tenant), left), steps.agency, first.id, removed_on=left)


def _appoint(steps: Steps, n: int, on: date):
    fields = {"role": OfficerRole.THU_KY_ISO, "full_name": SECRETARIES[n % len(SECRETARIES)], "appointed_on": on}
    return officers.appoint_officer(dated(steps.uow_for(steps.tenant), on), steps.agency, fields)

"""Use cases of the public list (công khai): today's provinces, and each one's agencies with an announced quality
system on a day. Read only; nothing but what `model.public_list` publishes leaves here."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kit import calendar, lineage
from kit.uow import UnitOfWork
from registry import repository
from registry.model.public_list import AnnouncedAgency, AnnouncedList, Province, pick_province

CONTINUATIONS = 5  # provinces merged in turn: how far back an entry's announcement is looked for


@dataclass(frozen=True)
class ListQuery:
    province: str  # slug or official code
    on: date
    q: str | None = None
    page: int | None = 1  # None: every row (the CSV)
    page_size: int = 50


def provinces_today(across: UnitOfWork) -> list[Province]:
    """The provinces on the platform not merged into another by today (Việt Nam's day), by name."""
    today = calendar.today()
    with across:
        tenants = [t for t in repository.list_tenants(across.session)
                   if lineage.successor(across.session, t.id, today) is None]
    return sorted((Province(t.id, t.name, t.official_code) for t in tenants), key=lambda p: p.name)


def announced(across: UnitOfWork, uow_for: Callable[[str], UnitOfWork], query: ListQuery) -> AnnouncedList:
    """The list of `query.province` on `query.on`: its agencies (and those of the provinces merged into it, for a
    day before the merger) valid that day whose quality system stood announced, with the announcement in force."""
    province = pick_province(provinces_today(across), query.province)
    with uow_for(province.id) as uow:
        total, rows = repository.announced_on(uow.session, query.on, query.q, query.page, query.page_size)
        announcements = _in_force(uow, [row.id for row in rows], query.on)
    items = [_item(row, announcements.get(row.id)) for row in rows]
    return AnnouncedList(province, query.on, total, query.page or 1, query.page_size if query.page else total, items)


def _in_force(uow: UnitOfWork, agency_ids: list[uuid.UUID], on: date) -> dict:
    """Agency -> its announcement in force on `on`; for an entry that continues one of a province merged away,
    the announcement of the entry it continues (the decision is the same body's)."""
    found = repository.announcements_by(uow.session, agency_ids, on)
    wanting = {agency_id: agency_id for agency_id in agency_ids if agency_id not in found}
    for _ in range(CONTINUATIONS):
        earlier = repository.continued_from(uow.session, list(wanting.values()))
        wanting = {agency_id: earlier[entry] for agency_id, entry in wanting.items() if entry in earlier}
        if not wanting:
            break
        theirs = repository.announcements_by(uow.session, list(wanting.values()), on)
        found |= {agency_id: theirs[entry] for agency_id, entry in wanting.items() if entry in theirs}
        wanting = {agency_id: entry for agency_id, entry in wanting.items() if entry not in theirs}
    return found


def _item(row, announcement) -> AnnouncedAgency:
    scope = announcement or row
    return AnnouncedAgency(
        name=row.name, agency_type=row.agency_type, admin_level=row.admin_level,
        announced_on=announcement.decision_date if announcement else None,
        announcement_kind=announcement.kind if announcement else None,
        standard_version=row.standard_name, scope_description=scope.scope_description,
        scope_tthc_count=scope.scope_tthc_count)

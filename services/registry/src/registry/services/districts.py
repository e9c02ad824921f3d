"""The end of the district level (Nghị quyết 202/2025/QH15: no districts from 1/7/2025): a province's UBND huyện,
its phòng chuyên môn and its other district-level agencies still on the register end on 30/6/2025, so that they
count on that day and drop out of every count, in every service, from the next (their `registry.agency.dissolved`
events tell the others).

A dry run lists them; the execution is idempotent (an agency already ended is left as it is).
"""

from __future__ import annotations

from datetime import date

from contracts.registry import AdminLevel, AgencyStatus, AgencyType
from kit.uow import UnitOfWork
from registry import repository
from registry.orm import Agency
from registry.services import agencies

LAST_DAY = date(2025, 6, 30)
LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
DISTRICT_TYPES = frozenset({AgencyType.UBND_HUYEN, AgencyType.PHONG_CM_HUYEN})


def district_agencies(uow: UnitOfWork) -> list[Agency]:
    """The province's district-level agencies still valid on 30/6/2025 and not ended since."""
    with uow:
        return _still_on_the_register(uow)


def end_districts(uow: UnitOfWork) -> list[Agency]:
    """End them on 30/6/2025; returns those ended now. They are locked first, in the order of their ids (as a
    merger locks its two), and read again: one another change ended meanwhile is left as it is."""
    with uow:
        candidates = [agency.id for agency in _still_on_the_register(uow)]
        locked = repository.lock_agencies(uow.session, candidates)
        ended = [agency for agency in _still_on_the_register(uow) if agency in locked]
        for agency in ended:
            agencies.dissolve(uow, agency.id, LAST_DAY, LEGAL_BASIS)
        uow.commit()
        return ended


def district_level(agency) -> bool:
    """A UBND huyện, a phòng chuyên môn cấp huyện, or any agency at the district level."""
    return agency.agency_type in DISTRICT_TYPES or agency.admin_level == AdminLevel.HUYEN


def _still_on_the_register(uow: UnitOfWork) -> list[Agency]:
    return [a for a in repository.all_agencies(uow.session)
            if district_level(a) and a.status == AgencyStatus.HOAT_DONG
            and (a.valid_from is None or a.valid_from <= LAST_DAY) and (a.valid_to is None or a.valid_to > LAST_DAY)]

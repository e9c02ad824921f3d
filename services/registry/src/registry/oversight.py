"""What an officer checks every day: the per-province summary and the agencies that need attention."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from kit.uow import UnitOfWork
from registry import lifecycle
from registry.orm import (
    Agency,
    AgencyOfficer,
    DefaultSetting,
    MaintenanceActivityType,
    MaintenanceRecord,
    QualitySystem,
    StandardVersion,
    TenantSetting,
)

OBLIGED = ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH")
FIGURES = ("total", "obliged", "applying", "announced", "on_2015")
FLAGS = ("overdue_maintenance", "overdue_reannouncement", "legacy_version", "no_iso_secretary", "scope_incomplete")


@dataclass
class AgencyFlags:
    agency_id: uuid.UUID
    name: str
    agency_type: str
    flags: list[str] = field(default_factory=list)


def summary(uow: UnitOfWork, as_of: date) -> dict:
    """Counts of the agencies valid on `as_of`, in total and by agency type (statuses are the current ones)."""
    with uow:
        rows = uow.session.execute(_summary_query(as_of)).all()
    by_type = {row.agency_type: {name: int(getattr(row, name)) for name in FIGURES} for row in rows}
    totals = {name: sum(figures[name] for figures in by_type.values()) for name in FIGURES}
    return {"as_of": as_of, **totals, "by_agency_type": by_type}


def _summary_query(as_of: date):
    system = QualitySystem
    applying = system.status.in_(lifecycle.IN_USE)
    return (
        select(
            Agency.agency_type,
            func.count(Agency.id).label("total"),
            _count(Agency.obligation.in_(OBLIGED)).label("obliged"),
            _count(applying).label("applying"),
            _count(system.status.in_(lifecycle.WITH_ANNOUNCEMENT)).label("announced"),
            _count(and_(applying, system.standard_version == lifecycle.STANDARD_2015)).label("on_2015"),
        )
        .outerjoin(system, and_(system.agency_id == Agency.id, system.status != lifecycle.STOPPED))
        .where(valid_on(as_of))
        .group_by(Agency.agency_type)
    )


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def valid_on(as_of: date):
    return and_(or_(Agency.valid_from.is_(None), Agency.valid_from <= as_of),
                or_(Agency.valid_to.is_(None), Agency.valid_to >= as_of))


def flagged_agencies(uow: UnitOfWork, as_of: date, only: str | None = None) -> list[AgencyFlags]:
    with uow:
        session = uow.session
        rows = session.execute(
            select(Agency, QualitySystem)
            .outerjoin(QualitySystem, and_(QualitySystem.agency_id == Agency.id,
                                           QualitySystem.status != lifecycle.STOPPED))
            .where(valid_on(as_of)).order_by(Agency.name)).all()
        context = _FlagContext.load(session, as_of)
        results = [AgencyFlags(a.id, a.name, a.agency_type, context.flags(a, s)) for a, s in rows]
    return [r for r in results if r.flags and (only is None or only in r.flags)]


@dataclass
class _FlagContext:
    as_of: date
    maintenance_deadline: date
    reannouncement_days: int
    required: set[str]
    done: dict[uuid.UUID, set[str]]
    secretaries: set[uuid.UUID]
    legacy_after: dict[str, date]

    @classmethod
    def load(cls, session: Session, as_of: date) -> _FlagContext:
        day, month = (int(part) for part in setting(session, "maintenance_deadline").split("/"))
        done: dict[uuid.UUID, set[str]] = {}
        records = select(MaintenanceRecord.quality_system_id, MaintenanceRecord.activity_type).where(
            MaintenanceRecord.year == as_of.year, MaintenanceRecord.activity_date <= as_of)
        for system_id, activity in session.execute(records):
            done.setdefault(system_id, set()).add(activity)
        secretaries = select(AgencyOfficer.agency_id).where(
            AgencyOfficer.role == "THU_KY_ISO", AgencyOfficer.appointed_on <= as_of,
            or_(AgencyOfficer.removed_on.is_(None), AgencyOfficer.removed_on > as_of))
        required = select(MaintenanceActivityType.code).where(MaintenanceActivityType.required_yearly.is_(True))
        legacy = select(StandardVersion.code, StandardVersion.transition_deadline).where(
            StandardVersion.transition_deadline.is_not(None))
        return cls(as_of, date(as_of.year, month, day), int(setting(session, "reannouncement_days")),
                   set(session.scalars(required)), done, set(session.scalars(secretaries)),
                   {code: deadline for code, deadline in session.execute(legacy)})

    def flags(self, agency: Agency, system: QualitySystem | None) -> list[str]:
        checks = {
            "overdue_maintenance": system is not None and system.status in lifecycle.IN_USE
            and self.as_of > self.maintenance_deadline and bool(self.required - self.done.get(system.id, set())),
            "overdue_reannouncement": system is not None and system.status == lifecycle.NEEDS_REANNOUNCEMENT
            and self.as_of > system.status_since + timedelta(days=self.reannouncement_days),
            "legacy_version": system is not None and system.status != lifecycle.NOT_BUILT
            and self.as_of > self.legacy_after.get(system.standard_version, date.max),
            "no_iso_secretary": agency.id not in self.secretaries,
            "scope_incomplete": system is not None and None not in (system.scope_tthc_count, agency.tthc_count)
            and system.scope_tthc_count < agency.tthc_count,
        }
        return [name for name in FLAGS if checks[name]]


def setting(session: Session, key: str) -> str:
    """The province's value of a setting, else the platform default (with its legal basis in the table)."""
    override = session.scalars(select(TenantSetting.value).where(TenantSetting.key == key)).first()
    return override if override is not None else session.get(DefaultSetting, key).value

"""Queries of the registry. The session is tenant-bound, so every query here sees one province (the reference
tables are platform-wide)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, delete, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from contracts.registry import OBLIGED, AdminLevel, AgencyStatus, AgencyType, OfficerRole
from contracts.registry import QualitySystemStatus as Status
from kit import db, tenancy
from kit.pagination import Page, paginate
from registry.model.agencies import AgencyFilter
from registry.model.oversight import FIGURES, SystemOnDate
from registry.model.quality_system import IN_USE, STANDARD_2015, WITH_ANNOUNCEMENT
from registry.orm import (
    AdministrativeUnit,
    Agency,
    AgencyHistoryEntry,
    AgencyOfficer,
    AgencySuccession,
    Announcement,
    Attachment,
    DefaultSetting,
    LegalBasis,
    MaintenanceActivityType,
    MaintenanceRecord,
    ObligationRule,
    ProvinceSuccession,
    QualitySystem,
    StandardVersion,
    StatusSpan,
    StepDateCorrection,
    Tenant,
    TenantSetting,
    UnitSuccession,
)
from registry.orm.reference import ReferenceSource


def find_agency(session: Session, agency_id: uuid.UUID, *, lock: bool = False) -> Agency | None:
    """With `lock`, the agency stays locked until the transaction ends (PostgreSQL; SQLite's write lock is taken
    when the transaction begins, kit.db): a change that checks its status or version and then writes serializes
    with every other change of it, and reads it as committed, not as the session last saw it."""
    query = select(Agency).where(Agency.id == agency_id)
    if lock:
        query = query.with_for_update(of=Agency).execution_options(populate_existing=True)
    return session.scalars(query).first()


def lock_agencies(session: Session, agency_ids: list[uuid.UUID]) -> list[Agency]:
    """Lock several agencies, in the order of their ids (two changes of the same two agencies, a merger of A into
    B and one of B into A, then wait for each other instead of deadlocking); those of the province found."""
    query = (select(Agency).where(Agency.id.in_(sorted(set(agency_ids)))).order_by(Agency.id)
             .with_for_update(of=Agency).execution_options(populate_existing=True))
    return list(session.scalars(query))


def list_agencies(session: Session, where: AgencyFilter, page: int, page_size: int) -> Page:
    query = select(Agency)
    for column in ("agency_type", "status", "admin_level", "parent_agency_id"):
        if getattr(where, column) is not None:
            query = query.where(getattr(Agency, column) == getattr(where, column))
    if where.only_agency_id is not None:
        query = query.where(Agency.id == where.only_agency_id)
    if where.province is not None:
        query = query.where(Agency.tenant_id == where.province)
    if where.q:
        query = query.where(db.contains_folded(session, Agency.name, where.q))
    by_name = (db.folded(session, Agency.name), Agency.id)
    declared = {"type": (Agency.agency_type, AgencyType), "level": (Agency.admin_level, AdminLevel)}
    if where.order in declared:
        column, codes = declared[where.order]
        ranks = case({code.value: rank for rank, code in enumerate(codes)}, value=column, else_=len(codes))
        return paginate(session, query, (ranks, *by_name), page, page_size)
    return paginate(session, query, by_name, page, page_size)


def agency_names(session: Session, *, active_only: bool = False) -> list[tuple[uuid.UUID, str]]:
    query = select(Agency.id, Agency.name)
    if active_only:
        query = query.where(Agency.status == AgencyStatus.HOAT_DONG)
    return list(session.execute(query).all())


def obligation_defaults(session: Session) -> dict[str, str]:
    """The default obligation of each agency type (what `Agency.obligation` falls back to)."""
    return dict(session.execute(select(ObligationRule.agency_type, ObligationRule.obligation)).all())


def find_tenant(session: Session, tenant_id: str) -> Tenant | None:
    return session.get(Tenant, tenant_id)


def all_agencies(session: Session) -> list[Agency]:
    """The province's every agency, by name."""
    return list(session.scalars(select(Agency).order_by(Agency.name, Agency.id)))


def agencies_of_tenants(session: Session, tenants: list[str]) -> list[Agency]:
    """Every agency of these provinces (a session across provinces: a province succession's plan)."""
    query = select(Agency).where(Agency.tenant_id.in_(tenants)).order_by(Agency.tenant_id, Agency.name, Agency.id)
    return list(session.scalars(query))


def province_successions(session: Session) -> list[ProvinceSuccession]:
    return list(session.scalars(select(ProvinceSuccession).order_by(ProvinceSuccession.effective_date,
                                                                    ProvinceSuccession.successor)))


def succession_of(session: Session, predecessors: list[str]) -> ProvinceSuccession | None:
    """The succession on record that any of these provinces is a predecessor in (a province merges once)."""
    return next((s for s in province_successions(session) if set(s.predecessors) & set(predecessors)), None)


def list_tenants(session: Session) -> list[Tenant]:
    return list(session.scalars(select(Tenant).order_by(Tenant.id)))


def agency_history(session: Session, agency_id: uuid.UUID) -> list[AgencyHistoryEntry]:
    query = select(AgencyHistoryEntry).where(AgencyHistoryEntry.agency_id == agency_id)
    return list(session.scalars(query.order_by(AgencyHistoryEntry.version)))


def find_history_entry(session: Session, agency_id: uuid.UUID, version: int) -> AgencyHistoryEntry | None:
    return session.get(AgencyHistoryEntry, (agency_id, version))


def successions(session: Session, agency_id: uuid.UUID) -> dict:
    query = select(AgencySuccession)
    rows = session.scalars(query.where((AgencySuccession.predecessor_id == agency_id)
                                       | (AgencySuccession.successor_id == agency_id)))
    rows = list(rows)
    return {"predecessors": [r for r in rows if r.successor_id == agency_id],
            "successors": [r for r in rows if r.predecessor_id == agency_id]}


def current_quality_system(session: Session, agency_id: uuid.UUID) -> QualitySystem | None:
    query = select(QualitySystem).where(QualitySystem.agency_id == agency_id,
                                        QualitySystem.status != Status.NGUNG_AP_DUNG)
    return session.scalars(query.order_by(QualitySystem.created_at.desc())).first()


def find_standard(session: Session, code: str) -> StandardVersion | None:
    return session.get(StandardVersion, code)


def activity_types_on_record(session: Session, quality_system_id: uuid.UUID, since: date, until: date) -> set[str]:
    query = select(MaintenanceRecord.activity_type).where(
        MaintenanceRecord.quality_system_id == quality_system_id,
        MaintenanceRecord.activity_date.between(since, until))
    return set(session.scalars(query))


def announcements_of(session: Session, agency_id: uuid.UUID) -> list[Announcement]:
    query = select(Announcement).where(Announcement.agency_id == agency_id)
    return list(session.scalars(query.order_by(Announcement.decision_date, Announcement.created_at)))


def find_announcement(session: Session, announcement_id: uuid.UUID) -> Announcement | None:
    return session.scalars(select(Announcement).where(Announcement.id == announcement_id)).first()


def maintenance_of(session: Session, agency_id: uuid.UUID, year: int | None) -> list[MaintenanceRecord]:
    query = select(MaintenanceRecord).where(MaintenanceRecord.agency_id == agency_id)
    if year is not None:
        query = query.where(MaintenanceRecord.year == year)
    return list(session.scalars(query.order_by(MaintenanceRecord.activity_date)))


def officers_of(session: Session, agency_id: uuid.UUID) -> list[AgencyOfficer]:
    query = select(AgencyOfficer).where(AgencyOfficer.agency_id == agency_id)
    return list(session.scalars(query.order_by(AgencyOfficer.appointed_on, AgencyOfficer.created_at)))


def find_officer(session: Session, agency_id: uuid.UUID, officer_id: uuid.UUID) -> AgencyOfficer | None:
    query = select(AgencyOfficer).where(AgencyOfficer.agency_id == agency_id, AgencyOfficer.id == officer_id)
    return session.scalars(query).first()


def activity_types(session: Session) -> set[str]:
    return set(session.scalars(select(MaintenanceActivityType.code)))


# The summary and the flags -------------------------------------------------------------------------------------

def record_status(session: Session, system: QualitySystem) -> None:
    """Put the system's status and standard version on its history from its `status_since` on. A step dated on or
    before the steps on record (a backdated first step, a backdated stop) replaces them from that day on: as in
    reporting's read model, the latest step holds from its date."""
    on, spans = system.status_since, StatusSpan.quality_system_id == system.id
    session.execute(delete(StatusSpan).where(spans, StatusSpan.starts_on >= on))
    session.execute(update(StatusSpan).where(spans, or_(StatusSpan.ends_before.is_(None), StatusSpan.ends_before > on))
                    .values(ends_before=on))
    session.add(StatusSpan(quality_system_id=system.id, agency_id=system.agency_id, status=system.status,
                           standard_version=system.standard_version, starts_on=on))


def status_spans(session: Session, system_id: uuid.UUID) -> list[StatusSpan]:
    """The system's history, oldest first."""
    query = select(StatusSpan).where(StatusSpan.quality_system_id == system_id)
    return list(session.scalars(query.order_by(StatusSpan.starts_on, StatusSpan.created_at)))


def corrections_of(session: Session, agency_id: uuid.UUID) -> list[StepDateCorrection]:
    query = select(StepDateCorrection).where(StepDateCorrection.agency_id == agency_id)
    return list(session.scalars(query.order_by(StepDateCorrection.corrected_at)))


def figures_by_type(session: Session, as_of: date) -> dict[str, dict[str, int]]:
    """The summary's figures of the agencies valid on `as_of`, by agency type, with the statuses of that day."""
    systems = _systems_on(as_of)
    applying = systems.c.status.in_(IN_USE)
    query = (
        select(
            Agency.agency_type,
            func.count(Agency.id).label("total"),
            _count(Agency.obligation.in_(sorted(OBLIGED))).label("obliged"),
            _count(applying).label("applying"),
            _count(systems.c.status.in_(WITH_ANNOUNCEMENT)).label("announced"),
            _count(and_(applying, systems.c.standard_version == STANDARD_2015)).label("on_2015"),
        )
        .outerjoin(systems, _system_of_agency(systems))
        .where(_valid_on(as_of))
        .group_by(Agency.agency_type)
    )
    return {row.agency_type: {name: int(getattr(row, name)) for name in FIGURES} for row in session.execute(query)}


def _count(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _valid_on(as_of: date):
    return and_(or_(Agency.valid_from.is_(None), Agency.valid_from <= as_of),
                or_(Agency.valid_to.is_(None), Agency.valid_to >= as_of))


def _systems_on(as_of: date):
    """The quality systems not stopped on `as_of`, as they stood that day, ranked per agency newest first (one
    agency may have an old system stopping while a new one is built; the newest counts, as in
    `current_quality_system`)."""
    newest_first = func.row_number().over(partition_by=StatusSpan.agency_id,
                                          order_by=(QualitySystem.created_at.desc(), QualitySystem.id))
    return (
        select(StatusSpan.agency_id, StatusSpan.quality_system_id, StatusSpan.status, StatusSpan.standard_version,
               StatusSpan.starts_on, QualitySystem.scope_tthc_count, newest_first.label("rank"))
        .join(QualitySystem, QualitySystem.id == StatusSpan.quality_system_id)
        .where(StatusSpan.starts_on <= as_of, or_(StatusSpan.ends_before.is_(None), StatusSpan.ends_before > as_of),
               StatusSpan.status != Status.NGUNG_AP_DUNG)
        .subquery())


def _system_of_agency(systems):
    return and_(systems.c.agency_id == Agency.id, systems.c.rank == 1)


def agencies_and_systems(session: Session, as_of: date) -> list[tuple[Agency, SystemOnDate | None]]:
    """The agencies valid on `as_of` by name, each with its quality system in use as it stood that day (or None)."""
    systems = _systems_on(as_of)
    rows = session.execute(
        select(Agency, systems.c.quality_system_id, systems.c.status, systems.c.standard_version,
               systems.c.starts_on, systems.c.scope_tthc_count)
        .outerjoin(systems, _system_of_agency(systems))
        .where(_valid_on(as_of)).order_by(Agency.name))
    return [(agency, SystemOnDate(*system) if system[0] is not None else None) for agency, *system in rows]


def activities_this_year(session: Session, as_of: date) -> dict[uuid.UUID, set[str]]:
    """Quality system -> the activity types on record from 1 January to `as_of`."""
    done: dict[uuid.UUID, set[str]] = {}
    records = select(MaintenanceRecord.quality_system_id, MaintenanceRecord.activity_type).where(
        MaintenanceRecord.year == as_of.year, MaintenanceRecord.activity_date <= as_of)
    for system_id, activity in session.execute(records):
        done.setdefault(system_id, set()).add(activity)
    return done


def agencies_with_secretary(session: Session, as_of: date) -> set[uuid.UUID]:
    secretaries = select(AgencyOfficer.agency_id).where(
        AgencyOfficer.role == OfficerRole.THU_KY_ISO, AgencyOfficer.appointed_on <= as_of,
        or_(AgencyOfficer.removed_on.is_(None), AgencyOfficer.removed_on > as_of))
    return set(session.scalars(secretaries))


def secretaries_left(session: Session, as_of: date) -> dict[uuid.UUID, date]:
    """Agency -> the day its last ISO secretary who left by `as_of` left (their `removed_on`)."""
    left = (select(AgencyOfficer.agency_id, func.max(AgencyOfficer.removed_on))
            .where(AgencyOfficer.role == OfficerRole.THU_KY_ISO, AgencyOfficer.removed_on <= as_of)
            .group_by(AgencyOfficer.agency_id))
    return {agency_id: day for agency_id, day in session.execute(left)}


def yearly_activity_types(session: Session) -> set[str]:
    return set(session.scalars(select(MaintenanceActivityType.code)
                               .where(MaintenanceActivityType.required_yearly.is_(True))))


def transition_deadlines(session: Session) -> dict[str, date]:
    legacy = select(StandardVersion.code, StandardVersion.transition_deadline).where(
        StandardVersion.transition_deadline.is_not(None))
    return {code: deadline for code, deadline in session.execute(legacy)}


# Settings and the reference ------------------------------------------------------------------------------------

def setting(session: Session, key: str) -> str:
    """The province's value of a setting, else the platform default (with its legal basis in the table)."""
    override = session.scalars(select(TenantSetting.value).where(
        TenantSetting.key == key, tenancy.own_rows(TenantSetting, session))).one_or_none()
    return override if override is not None else session.get(DefaultSetting, key).value


def setting_keys(session: Session) -> list[str]:
    return list(session.scalars(select(DefaultSetting.key)))


def is_setting(session: Session, key: str) -> bool:
    return session.get(DefaultSetting, key) is not None


def province_setting(session: Session, key: str, *, lock: bool = False) -> TenantSetting | None:
    query = select(TenantSetting).where(TenantSetting.key == key, tenancy.own_rows(TenantSetting, session))
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).one_or_none()


REFERENCE_TABLES = {"legal_bases": LegalBasis, "obligation_rules": ObligationRule,
                    "standard_versions": StandardVersion, "maintenance_activity_types": MaintenanceActivityType,
                    "default_settings": DefaultSetting, "reference_sources": ReferenceSource}


def reference_tables(session: Session) -> dict[str, list]:
    return {name: list(session.scalars(select(table))) for name, table in REFERENCE_TABLES.items()}


def find_obligation_rule(session: Session, agency_type: str, *, lock: bool = False) -> ObligationRule | None:
    query = select(ObligationRule).where(ObligationRule.agency_type == agency_type)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).first()


def is_legal_basis(session: Session, code: str) -> bool:
    return session.get(LegalBasis, code) is not None


@dataclass(frozen=True)
class UnitFilter:
    """Which administrative units a list shows (None: any); `as_of` keeps the units valid on that day."""

    scheme: str | None = None
    tenant: str | None = None
    level: str | None = None
    parent_code: str | None = None
    as_of: date | None = None


UNIT_ORDER = (AdministrativeUnit.scheme, case({"TINH": 0, "HUYEN": 1, "XA": 2}, value=AdministrativeUnit.level,
                                              else_=3), AdministrativeUnit.code, AdministrativeUnit.id)


def administrative_units(session: Session, *, scheme: str | None, tenant: str | None,
                         level: str | None = None) -> list[AdministrativeUnit]:
    """Every unit that matches, unpaged: pass `level` ("TINH") where only provinces matter (14,000 units)."""
    units = _units(UnitFilter(scheme=scheme, tenant=tenant, level=level))
    return list(session.scalars(units.order_by(AdministrativeUnit.scheme, AdministrativeUnit.code)))


def list_administrative_units(session: Session, where: UnitFilter, page: int, page_size: int) -> Page:
    """A page of units: provinces before districts before communes, by code, within each scheme."""
    return paginate(session, _units(where), UNIT_ORDER, page, page_size)


def _units(where: UnitFilter):
    units = select(AdministrativeUnit)
    for name, column in (("scheme", "scheme"), ("tenant", "tenant_id"), ("level", "level"),
                         ("parent_code", "parent_code")):
        if getattr(where, name):
            units = units.where(getattr(AdministrativeUnit, column) == getattr(where, name))
    return units.where(_unit_valid_on(where.as_of)) if where.as_of else units


def _unit_valid_on(on: date):
    unit = AdministrativeUnit
    return and_(or_(unit.valid_from.is_(None), unit.valid_from <= on),
                or_(unit.valid_to.is_(None), unit.valid_to >= on))


def unit_code_valid_on(session: Session, code: str, on: date) -> bool:
    """Whether `code` is the code of a province, district or commune valid on `on`, under either scheme."""
    query = select(AdministrativeUnit.id).where(AdministrativeUnit.code == code, _unit_valid_on(on)).limit(1)
    return session.scalars(query).first() is not None


def unit_successions(session: Session, *, provinces_only: bool = False) -> list[UnitSuccession]:
    query = select(UnitSuccession).order_by(UnitSuccession.from_code)
    return list(session.scalars(query.where(_of_provinces()) if provinces_only else query))


def _of_provinces():
    return func.length(UnitSuccession.from_code) == 2  # province codes have two digits, districts 3, communes 5


def successions_of_units(session: Session, units: list[AdministrativeUnit]) -> list[UnitSuccession]:
    """The provinces' successions (few, and what every reader of codes needs) and those from or into `units`."""
    keys = [(unit.scheme, unit.code) for unit in units]
    succession = UnitSuccession
    query = select(succession).where(or_(_of_provinces(),
                                         tuple_(succession.from_scheme, succession.from_code).in_(keys),
                                         tuple_(succession.to_scheme, succession.to_code).in_(keys)))
    return list(session.scalars(query.order_by(succession.from_code, succession.to_code, succession.id)))


def unit_code_used(session: Session, scheme: str, code: str) -> bool:
    same_code = select(AdministrativeUnit).where(AdministrativeUnit.scheme == scheme, AdministrativeUnit.code == code)
    return session.scalars(same_code).first() is not None


RECORD_MODELS = {"quality_system": QualitySystem, "announcement": Announcement, "maintenance_record": MaintenanceRecord}


def record_of(session: Session, kind: str, record_id: uuid.UUID):
    """The quality system, announcement or maintenance record `record_id` (None if not in the province)."""
    model = RECORD_MODELS[kind]
    return session.scalars(select(model).where(model.id == record_id)).first()


def attachments_of(session: Session, agency_id: uuid.UUID, kind: str | None,
                   record_id: uuid.UUID | None) -> list[Attachment]:
    """The agency's attachments not deleted, of one record kind or record if given, oldest first."""
    query = select(Attachment).where(Attachment.agency_id == agency_id, Attachment.deleted_at.is_(None))
    if kind is not None:
        query = query.where(Attachment.record_kind == kind)
    if record_id is not None:
        query = query.where(Attachment.record_id == record_id)
    return list(session.scalars(query.order_by(Attachment.uploaded_at, Attachment.id)))


def find_attachment(session: Session, attachment_id: uuid.UUID) -> Attachment | None:
    return session.scalars(select(Attachment).where(Attachment.id == attachment_id)).first()


def attachments_to_purge(session: Session, deleted_before) -> list[Attachment]:
    """Deleted attachments whose file is still in the store, deleted before `deleted_before`, locked."""
    return list(session.scalars(select(Attachment).where(
        Attachment.deleted_at <= deleted_before, Attachment.purged_at.is_(None)).with_for_update(skip_locked=True)))


# The public list (công khai) ------------------------------------------------------------------------------------

def announced_on(session: Session, on: date, q: str | None, page: int | None, page_size: int) -> tuple[int, list]:
    """The agencies valid on `on` whose quality system stood announced that day (as `figures_by_type` counts
    them), by name with accents ignored: (how many in all, page `page` of them, or all of them when None). Each
    row: id, name, agency_type, admin_level, the standard's name, the system's scope then."""
    systems = _systems_on(on)
    query = (select(Agency.id, Agency.name, Agency.agency_type, Agency.admin_level,
                    StandardVersion.name.label("standard_name"), QualitySystem.scope_description,
                    QualitySystem.scope_tthc_count)
             .join(systems, _system_of_agency(systems))
             .join(QualitySystem, QualitySystem.id == systems.c.quality_system_id)
             .join(StandardVersion, StandardVersion.code == systems.c.standard_version)
             .where(_valid_on(on), systems.c.status.in_(WITH_ANNOUNCEMENT)))
    if q:
        query = query.where(db.contains_folded(session, Agency.name, q))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    query = query.order_by(db.folded(session, Agency.name), Agency.name, Agency.id)
    if page is not None:
        query = query.offset((page - 1) * page_size).limit(page_size)
    return total, list(session.execute(query).all())


def announcements_by(session: Session, agency_ids: list[uuid.UUID], on: date) -> dict[uuid.UUID, Announcement]:
    """Each agency's last announcement decided by `on` (the one in force then; a later one supersedes it)."""
    query = (select(Announcement).where(Announcement.agency_id.in_(agency_ids), Announcement.decision_date <= on)
             .order_by(Announcement.decision_date, Announcement.created_at))
    return {announcement.agency_id: announcement for announcement in session.scalars(query)}


def continued_from(session: Session, agency_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Successor -> the agency it continues after a province succession (its entry in the province merged away,
    which holds the announcements made before)."""
    query = select(AgencySuccession.successor_id, AgencySuccession.predecessor_id).where(
        AgencySuccession.successor_id.in_(agency_ids), AgencySuccession.kind == "CONTINUED")
    return dict(session.execute(query).all())

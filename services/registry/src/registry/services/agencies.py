"""Use cases of the province's register of agencies: register, change, dissolve, merge; and the timeline."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

from sqlalchemy.orm.attributes import set_committed_value

from contracts import registry as events
from contracts.registry import AgencyStatus
from kit import preconditions
from kit.errors import RuleViolated
from kit.pagination import Page
from kit.uow import UnitOfWork
from registry import repository
from registry.model import agencies as rules
from registry.model.agencies import AgencyFilter, AgencyNotFound
from registry.model.tenants import TenantNotRegistered
from registry.orm import Agency, AgencyHistoryEntry, AgencySuccession
from registry.services import quality_systems


def register_agency(uow: UnitOfWork, fields: dict, *, agency_id: uuid.UUID | None = None) -> Agency:
    with uow:
        agency = add_agency(uow, fields, agency_id=agency_id)
        uow.commit()
        return agency


def add_agency(uow: UnitOfWork, fields: dict, *, agency_id: uuid.UUID | None = None) -> Agency:
    """Add one agency and its event to the open unit of work (the caller commits; the importer adds many)."""
    if repository.find_tenant(uow.session, uow.tenant) is None:
        raise TenantNotRegistered(uow.tenant)
    agency = Agency(id=agency_id or uuid.uuid4(), version=1, status=AgencyStatus.HOAT_DONG, **fields)
    rules.ensure_override_cited(agency)
    _check_parent(uow, agency.id, agency.parent_agency_id)
    _check_unit_code(uow, agency)
    uow.session.add(agency)
    _snapshot(uow, agency)  # loads the derived obligation
    uow.publish(registered(uow, agency))
    return agency


def registered(uow: UnitOfWork, agency: Agency) -> events.AgencyRegistered:
    """The event of a new agency whose derived obligation is known (loaded, or computed by the bulk import)."""
    return events.AgencyRegistered(**snapshot(agency), valid_from=agency.valid_from, registered_at=uow.now())


def get_agency(uow: UnitOfWork, agency_id: uuid.UUID) -> Agency:
    with uow:
        return _get(uow, agency_id)


def list_agencies(uow: UnitOfWork, where: AgencyFilter, page: int, page_size: int) -> Page:
    with uow:
        return repository.list_agencies(uow.session, where, page, page_size)


def update_agency(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict, *, expected: int | None = None) -> Agency:
    """Change the entry made from version `expected` (the caller's If-Match, which the route requires): of two
    people editing it, the second is refused (412), not silently overwritten. None: a caller that read nothing
    first (a tool or test driving the use case); the entry is locked all the same."""
    with uow:
        agency = _get(uow, agency_id, lock=True)
        if expected is not None:
            preconditions.check(agency.version, expected)
        rules.ensure_active(agency)
        changed = rules.changes(agency, fields)
        if not changed:
            return agency
        if "parent_agency_id" in changed:
            _check_parent(uow, agency.id, changed["parent_agency_id"])
        for name, value in changed.items():
            setattr(agency, name, value)
        if "location_unit_code" in changed:
            _check_unit_code(uow, agency)
        rules.ensure_override_cited(agency)
        agency.version += 1
        uow.publish(events.AgencyUpdated(**_snapshot(uow, agency), updated_at=uow.now()))
        uow.commit()
        return agency


def dissolve_agency(uow: UnitOfWork, agency_id: uuid.UUID, *, dissolved_on: date, decision: str | None) -> Agency:
    with uow:
        agency = dissolve(uow, agency_id, dissolved_on, decision)
        uow.commit()
        return agency


def merge_agency(uow: UnitOfWork, agency_id: uuid.UUID, *, successor_agency_id: uuid.UUID, merged_on: date,
                 decision: str | None) -> Agency:
    """Sáp nhập: the agency ceases on `merged_on`, its successor carries its work on, and the succession is
    kept both ways (predecessors and successors)."""
    with uow:
        repository.lock_agencies(uow.session, [agency_id, successor_agency_id])  # both, always in the same order
        successor = repository.find_agency(uow.session, successor_agency_id)
        rules.ensure_successor(agency_id, successor)
        agency = merge_into(uow, agency_id, successor.id, merged_on, decision)
        uow.commit()
        return agency


def dissolve(uow: UnitOfWork, agency_id: uuid.UUID, on: date, decision: str | None) -> Agency:
    """Inside an open unit of work: the agency is dissolved, `on` its last valid day, and the event says so."""
    agency = _end_agency(uow, agency_id, on, AgencyStatus.DA_GIAI_THE, decision)
    uow.publish(events.AgencyDissolved(agency_id=agency.id, version=agency.version, dissolved_on=on,
                                       decision=decision, dissolved_at=uow.now()))
    return agency


def merge_into(uow: UnitOfWork, agency_id: uuid.UUID, successor_id: uuid.UUID, on: date, decision: str | None, *,
               kind: str = "MERGED", effective_date: date | None = None, successor_tenant: str | None = None) -> Agency:
    """Inside an open unit of work: the agency is merged, `on` its last valid day, into `successor_id` (checked
    by the caller; in a province succession it belongs to `successor_tenant`, the successor province), the
    succession kept as `kind` from `effective_date` (`on` by default), and the event says so, naming the other
    province when there is one (its services then close the open work instead of moving it, ADR 18)."""
    agency = _end_agency(uow, agency_id, on, AgencyStatus.DA_SAP_NHAP, decision)
    uow.session.add(AgencySuccession(predecessor_id=agency.id, successor_id=successor_id, kind=kind,
                                     effective_date=effective_date or on, decision=decision))
    elsewhere = (repository.find_tenant(uow.session, successor_tenant)
                 if successor_tenant not in (None, uow.tenant) else None)
    uow.publish(events.AgencyMerged(agency_id=agency.id, version=agency.version, successor_agency_id=successor_id,
                                    merged_on=on, decision=decision, merged_at=uow.now(),
                                    successor_tenant=elsewhere.id if elsewhere else None,
                                    successor_tenant_name=elsewhere.name if elsewhere else None))
    return agency


def successions_of(uow: UnitOfWork, agency_id: uuid.UUID) -> dict:
    with uow:
        _get(uow, agency_id)
        return repository.successions(uow.session, agency_id)


def _end_agency(uow: UnitOfWork, agency_id: uuid.UUID, on: date, status: AgencyStatus, decision: str | None) -> Agency:
    """The agency's last valid day is `on` (dissolved or merged, by `decision`); its quality system stops the
    day after. The agency is locked first: dissolved and merged at the same moment, it ends once (the other is
    refused as ended)."""
    agency = _get(uow, agency_id, lock=True)
    rules.ensure_active(agency)
    rules.ensure_end_date(agency, on)
    agency.status, agency.valid_to, agency.dissolution_decision = status, on, decision
    agency.version += 1
    quality_systems.stop_with_agency(uow, agency, on, reason=status)
    return agency


def agency_history(uow: UnitOfWork, agency_id: uuid.UUID) -> list[AgencyHistoryEntry]:
    with uow:
        _get(uow, agency_id)
        return repository.agency_history(uow.session, agency_id)


def record_history(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, event_type: str, occurred_at, data: dict):
    """Append a timeline line; a line already there for this version is left as it is."""
    with uow:
        if repository.find_history_entry(uow.session, agency_id, version) is None:
            uow.session.add(AgencyHistoryEntry(agency_id=agency_id, version=version, event_type=event_type,
                                               occurred_at=occurred_at, data=data))
        uow.commit()


def _get(uow: UnitOfWork, agency_id: uuid.UUID, *, lock: bool = False) -> Agency:
    agency = repository.find_agency(uow.session, agency_id, lock=lock)
    if agency is None:
        raise AgencyNotFound(agency_id)
    return agency


def _check_parent(uow: UnitOfWork, agency_id: uuid.UUID, parent_id: uuid.UUID | None) -> None:
    if parent_id is not None:
        rules.ensure_parent(agency_id, repository.find_agency(uow.session, parent_id))


def _check_unit_code(uow: UnitOfWork, agency: Agency, valid_on=repository.unit_code_valid_on) -> None:
    """The agency's location is a province, district or commune code of the reference valid on the day the agency
    starts (today if not said): a commune code in force since 1/7/2025, or a code of before for an older agency."""
    code, on = agency.location_unit_code, agency.valid_from or uow.now().date()
    if code is not None and not valid_on(uow.session, code, on):
        raise RuleViolated("unknown_unit_code", code=code, on=on)


class NewAgencies:
    """`add_agency` for many agencies in one unit of work (the spreadsheet import): the same rules, checked against
    lookups made once instead of per agency, and the derived obligation computed as the database computes it
    (`Agency.obligation`), so nothing is flushed and re-read per agency. The caller adds them and flushes."""

    def __init__(self, uow: UnitOfWork, existing_ids: set[uuid.UUID]):
        self.uow, self.known = uow, set(existing_ids)
        self.defaults = repository.obligation_defaults(uow.session)
        self.codes: dict[tuple[str, date], bool] = {}

    def new(self, fields: dict, agency_id: uuid.UUID) -> Agency:
        """The agency, not yet added; raises `RuleViolated` as `add_agency` would."""
        agency = Agency(id=agency_id, version=1, status=AgencyStatus.HOAT_DONG, **fields)
        rules.ensure_override_cited(agency)
        if agency.parent_agency_id is not None:
            known = agency.parent_agency_id in self.known
            rules.ensure_parent(agency.id, SimpleNamespace(id=agency.parent_agency_id) if known else None)
        _check_unit_code(self.uow, agency, self._unit_code_valid_on)
        obligation = agency.obligation_override or self.defaults.get(agency.agency_type)
        set_committed_value(agency, "obligation", obligation or events.Obligation.KHONG_AP_DUNG.value)
        self.known.add(agency.id)
        return agency

    def _unit_code_valid_on(self, session, code: str, on: date) -> bool:
        if (code, on) not in self.codes:
            self.codes[code, on] = repository.unit_code_valid_on(session, code, on)
        return self.codes[code, on]


def _snapshot(uow: UnitOfWork, agency: Agency) -> dict:
    uow.session.flush()
    uow.session.refresh(agency)  # loads the derived obligation
    return snapshot(agency)


def snapshot(agency: Agency) -> dict:
    return {
        "obligation": events.Obligation(agency.obligation),
        "agency_id": agency.id, "version": agency.version, "name": agency.name, "short_name": agency.short_name,
        "agency_type": events.AgencyType(agency.agency_type),
        "admin_level": events.AdminLevel(agency.admin_level) if agency.admin_level else None,
        "parent_agency_id": agency.parent_agency_id, "location_unit_code": agency.location_unit_code,
    }

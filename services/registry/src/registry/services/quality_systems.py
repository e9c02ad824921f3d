"""Use cases of the quality system (HTQLCL): lifecycle commands, announcements and maintenance records."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta

from contracts import registry as events
from contracts.registry import QualitySystemStatus as Status
from kit.errors import Conflict, NotFound, RuleViolated
from kit.uow import UnitOfWork
from registry import repository
from registry.model import quality_system as rules
from registry.model.quality_system import QUALITY_SYSTEM, AnnouncementStatus, NoQualitySystem
from registry.orm import Agency, Announcement, MaintenanceRecord, QualitySystem


def create_quality_system(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict) -> QualitySystem:
    with uow:
        agency = agency_of(uow, agency_id, lock=True)
        rules.check_agency_active(agency)
        if repository.current_quality_system(uow.session, agency_id) is not None:
            raise Conflict("quality_system_exists")
        _standard(uow, fields["standard_version"])
        system = QualitySystem(id=uuid.uuid4(), agency_id=agency_id, version=1, status=Status.CHUA_XAY_DUNG,
                               status_since=uow.now().date(), **fields)
        uow.session.add(system)
        repository.record_status(uow.session, system)
        _announce_status(uow, system, previous=None)
        uow.commit()
        return system


def get_quality_system(uow: UnitOfWork, agency_id: uuid.UUID) -> QualitySystem:
    with uow:
        agency_of(uow, agency_id)
        return current_system(uow, agency_id)


def start_building(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date) -> QualitySystem:
    def check(system):
        standard = _standard(uow, system.standard_version)
        rules.check_new_build(standard.name, standard.new_builds_until, on)

    return _move(uow, agency_id, "start_building", on, check)


def apply(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date) -> QualitySystem:
    def record(system):
        system.first_applied_on = on

    return _move(uow, agency_id, "apply", on, record)


def start_transition(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date) -> QualitySystem:
    return _move(uow, agency_id, "start_transition", on, lambda s: rules.check_transition_from(s.standard_version))


def stop(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date, reason: str) -> QualitySystem:
    def record(system):
        system.stop_reason = reason

    return _move(uow, agency_id, "stop", on, record, require_active=False)


def change_scope(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date, reason: str, **scope) -> QualitySystem:
    """QĐ 19/2014 Đ4 k3: a scope change of an announced system calls for a re-announcement."""
    rules.check_scope_reason(reason)
    with uow:
        agency = agency_of(uow, agency_id, lock=True)
        system = current_system(uow, agency_id)
        rules.check_agency_active(agency)
        for name, value in scope.items():
            setattr(system, name, value)
        system.scope_change_reason, system.scope_changed_on = reason, on
        if system.status == Status.DA_CONG_BO:
            rules.check_chronology(system.status, system.status_since, on)
            _set_status(uow, system, QUALITY_SYSTEM.next("change_scope", system.status), on)
        uow.commit()
        return system


def announce(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict) -> Announcement:
    with uow:
        agency = agency_of(uow, agency_id, lock=True)
        system = current_system(uow, agency_id)
        rules.check_agency_active(agency)
        target = QUALITY_SYSTEM.next("announce", system.status)
        rules.check_chronology(system.status, system.status_since, fields["decision_date"])
        standard = fields.pop("standard_version", None) or system.standard_version
        version = _standard(uow, standard)
        audits = None  # the province may not require them (a setting: the rule is not verified, DOMAIN.md)
        if repository.setting(uow.session, rules.AUDITS_SETTING) == "1":
            audits = repository.activity_types_on_record(uow.session, system.id,
                                                         *rules.audit_cycle(fields["decision_date"]))
        rules.check_announcement(system.status, fields.get("reason"), standard, audits)
        rules.check_version_in_force(version.name, version.transition_deadline, fields["decision_date"])
        announcement = _new_announcement(uow, system, standard, fields)
        if system.status == Status.DANG_CHUYEN_DOI:
            system.standard_version, system.transition_completed_on = standard, fields["decision_date"]
        _set_status(uow, system, target, fields["decision_date"])
        uow.publish(events.QualitySystemAnnounced(
            quality_system_id=system.id, agency_id=agency_id, version=system.version,
            announcement_id=announcement.id, kind=events.AnnouncementKind(announcement.kind),
            reason=announcement.reason, decision_no=announcement.decision_no,
            decision_date=announcement.decision_date, standard_version=standard,
            scope_tthc_count=announcement.scope_tthc_count, announced_at=uow.now()))
        uow.commit()
        return announcement


def list_announcements(uow: UnitOfWork, agency_id: uuid.UUID) -> list[Announcement]:
    with uow:
        agency_of(uow, agency_id)
        return repository.announcements_of(uow.session, agency_id)


def receive_announcement(uow: UnitOfWork, agency_id: uuid.UUID, announcement_id: uuid.UUID, *, received_by: str,
                         on: date):
    """The Sở registers that it received the agency's announcement; another agency's is not found under this one."""
    with uow:
        repository.find_agency(uow.session, agency_id, lock=True)  # two receipts of one announcement serialize
        announcement = repository.find_announcement(uow.session, announcement_id)
        if announcement is None or announcement.agency_id != agency_id:
            raise NotFound("announcement_not_found", announcement_id=announcement_id)
        if announcement.status != AnnouncementStatus.DA_KY:
            raise Conflict("announcement_not_pending")
        announcement.status, announcement.received_by, announcement.received_on = (
            AnnouncementStatus.DA_TIEP_NHAN, received_by, on)
        uow.commit()
        return announcement


def record_maintenance(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict) -> MaintenanceRecord:
    [record] = record_maintenance_batch(uow, agency_id, [fields])
    return record


def record_maintenance_batch(uow: UnitOfWork, agency_id: uuid.UUID, entries: list[dict]) -> list[MaintenanceRecord]:
    """Several activities of one agency in one unit of work (years of upkeep brought in at once, as the demo does):
    the same records, checks and events, in order, as one `record_maintenance` each; all or none are kept. The
    activity types and the records on file are read once, not once per activity."""
    with uow:
        agency_of(uow, agency_id, lock=True)  # the records on file, and so the day upkeep completed, stay as read
        system = current_system(uow, agency_id)
        required, known = repository.yearly_activity_types(uow.session), repository.activity_types(uow.session)
        done: dict[int, list[tuple[str, date]]] = defaultdict(list)  # the system's activities on file, by year
        for record in repository.maintenance_of(uow.session, system.agency_id, None):
            if record.quality_system_id == system.id:
                done[record.year].append((record.activity_type, record.activity_date))
        records = []
        for fields in entries:
            if fields["activity_type"] not in known:
                raise RuleViolated("unknown_activity_type", activity_type=fields["activity_type"])
            year = fields["activity_date"].year
            records.append(_add_maintenance(uow, system, fields, rules.upkeep_completed_on(
                [*done[year], (fields["activity_type"], fields["activity_date"])], required)))
            done[year].append((fields["activity_type"], fields["activity_date"]))
        uow.commit()
        return records


def _add_maintenance(uow: UnitOfWork, system: QualitySystem, fields: dict, completed: date | None) -> MaintenanceRecord:
    record = MaintenanceRecord(id=uuid.uuid4(), quality_system_id=system.id, agency_id=system.agency_id,
                               year=fields["activity_date"].year, **fields)
    uow.session.add(record)
    uow.publish(events.MaintenanceRecorded(
        record_id=record.id, quality_system_id=system.id, agency_id=system.agency_id, year=record.year,
        activity_type=record.activity_type, activity_date=record.activity_date, recorded_at=uow.now(),
        upkeep_completed_on=completed))
    return record


def flag_reorganised(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date) -> None:
    """Inside an open unit of work: an agency another merged into in a province succession needs to re-announce
    its system (SAP_XEP_TO_CHUC, QĐ 19/2014 Đ4 k3) from `on`, if it was announced by then; else nothing changes."""
    repository.find_agency(uow.session, agency_id, lock=True)
    system = repository.current_quality_system(uow.session, agency_id)
    if system is not None and system.status == Status.DA_CONG_BO and system.status_since <= on:
        _set_status(uow, system, QUALITY_SYSTEM.next("change_scope", system.status), on)


def carry_over(uow: UnitOfWork, agency_id: uuid.UUID, source: QualitySystem, *, on: date) -> QualitySystem:
    """Inside an open unit of work: the quality system of an agency that continues another in a province
    succession, as the other's stood (status, standard, scope), from `on`."""
    system = QualitySystem(
        id=uuid.uuid4(), agency_id=agency_id, version=1, status=source.status, status_since=on,
        **{name: getattr(source, name) for name in (
            "standard_version", "built_with", "consultant_name", "uses_framework_model", "scope_description",
            "scope_tthc_count", "internal_process_count", "first_applied_on", "transition_completed_on")})
    uow.session.add(system)
    repository.record_status(uow.session, system)
    _announce_status(uow, system, previous=None)
    return system


def list_maintenance(uow: UnitOfWork, agency_id: uuid.UUID, year: int | None) -> list[MaintenanceRecord]:
    with uow:
        agency_of(uow, agency_id)
        return repository.maintenance_of(uow.session, agency_id, year)


def stop_with_agency(uow: UnitOfWork, agency: Agency, last_day: date, reason: str) -> None:
    """Inside an open unit of work: an agency that ceased stops its quality system (history kept) the day after its
    last valid day, so that on that day it still counts as it stood (validity ends are inclusive everywhere)."""
    system = repository.current_quality_system(uow.session, agency.id)
    if system is not None:
        system.stop_reason = reason
        _set_status(uow, system, Status.NGUNG_AP_DUNG, last_day + timedelta(days=1))


def _move(uow, agency_id, command, on, check, *, require_active=True) -> QualitySystem:
    with uow:
        agency = agency_of(uow, agency_id, lock=True)  # the root first: its status and its system's stay as checked
        system = current_system(uow, agency_id)
        if require_active:
            rules.check_agency_active(agency)
        target = QUALITY_SYSTEM.next(command, system.status)
        if command != "stop":
            rules.check_chronology(system.status, system.status_since, on)
        check(system)
        _set_status(uow, system, target, on)
        uow.commit()
        return system


def _set_status(uow: UnitOfWork, system: QualitySystem, status: str, on: date) -> None:
    previous = system.status
    system.status, system.status_since = status, on
    system.version += 1
    repository.record_status(uow.session, system)  # with the standard version, which a transition may have just set
    _announce_status(uow, system, previous)


def _announce_status(uow: UnitOfWork, system: QualitySystem, previous: str | None) -> None:
    uow.publish(events.QualitySystemStatusChanged(
        quality_system_id=system.id, agency_id=system.agency_id, version=system.version,
        status=events.QualitySystemStatus(system.status),
        previous_status=events.QualitySystemStatus(previous) if previous else None,
        standard_version=system.standard_version, changed_on=system.status_since, changed_at=uow.now()))


def _new_announcement(uow: UnitOfWork, system: QualitySystem, standard: str, fields: dict) -> Announcement:
    for earlier in repository.announcements_of(uow.session, system.agency_id):
        if earlier.status in (AnnouncementStatus.DA_KY, AnnouncementStatus.DA_TIEP_NHAN):
            earlier.status = AnnouncementStatus.HET_HIEU_LUC
    announcement = Announcement(
        id=uuid.uuid4(), quality_system_id=system.id, agency_id=system.agency_id, standard_version=standard,
        kind=rules.announcement_kind(system.status), status=AnnouncementStatus.DA_KY,
        scope_tthc_count=fields.pop("scope_tthc_count", None) or system.scope_tthc_count,
        scope_description=fields.pop("scope_description", None) or system.scope_description, **fields)
    uow.session.add(announcement)
    return announcement


def agency_of(uow: UnitOfWork, agency_id: uuid.UUID, *, lock: bool = False) -> Agency:
    """The agency (404 if not in the province); `lock`: locked until the unit of work ends, as every change of
    its quality system, announcements or records takes it (repository.find_agency)."""
    agency = repository.find_agency(uow.session, agency_id, lock=lock)
    if agency is None:
        raise NotFound("agency_not_found", agency_id=agency_id)
    return agency


def current_system(uow: UnitOfWork, agency_id: uuid.UUID) -> QualitySystem:
    system = repository.current_quality_system(uow.session, agency_id)
    if system is None:
        agency_of(uow, agency_id)
        raise NoQualitySystem(agency_id)
    return system


def _standard(uow: UnitOfWork, code: str):
    standard = repository.find_standard(uow.session, code)
    if standard is None:
        raise RuleViolated("unknown_standard", standard=code)
    return standard

"""The notifications consumer: the registry's facts the upkeep reminders need (the agencies, their quality
systems, their ISO officers with their e-mail, their upkeep records) and the province's name."""

from __future__ import annotations

from contracts import registry
from kit.uow import UnitOfWork
from notifications.services import replicas


def on_tenant_created(uow: UnitOfWork, event: registry.TenantCreated) -> None:
    replicas.record_tenant(uow, event.name)


def on_agency_registered(uow: UnitOfWork, event: registry.AgencyRegistered | registry.AgencyUpdated) -> None:
    replicas.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name)


def on_agency_ended(uow: UnitOfWork, event: registry.AgencyDissolved | registry.AgencyMerged) -> None:
    replicas.record_agency(uow, agency_id=event.agency_id, version=event.version, active=False)


def on_quality_system_changed(uow: UnitOfWork, event: registry.QualitySystemStatusChanged) -> None:
    replicas.record_quality_system(uow, quality_system_id=event.quality_system_id, agency_id=event.agency_id,
                                   version=event.version, status=event.status)


def on_officer_appointed(uow: UnitOfWork, event: registry.OfficerAppointed) -> None:
    replicas.appoint(uow, officer_id=event.officer_id, agency_id=event.agency_id, role=event.role,
                     full_name=event.full_name, email=event.email, appointed_on=event.appointed_on)


def on_officer_removed(uow: UnitOfWork, event: registry.OfficerRemoved) -> None:
    replicas.remove(uow, officer_id=event.officer_id, agency_id=event.agency_id, role=event.role,
                    removed_on=event.removed_on)


def on_maintenance_recorded(uow: UnitOfWork, event: registry.MaintenanceRecorded) -> None:
    replicas.record_upkeep(uow, record_id=event.record_id, agency_id=event.agency_id, year=event.year,
                           activity_type=event.activity_type, activity_date=event.activity_date,
                           upkeep_completed_on=event.upkeep_completed_on)


HANDLERS = {
    registry.TenantCreated: on_tenant_created,
    registry.AgencyRegistered: on_agency_registered,
    registry.AgencyUpdated: on_agency_registered,
    registry.AgencyDissolved: on_agency_ended,
    registry.AgencyMerged: on_agency_ended,
    registry.QualitySystemStatusChanged: on_quality_system_changed,
    registry.OfficerAppointed: on_officer_appointed,
    registry.OfficerRemoved: on_officer_removed,
    registry.MaintenanceRecorded: on_maintenance_recorded,
}

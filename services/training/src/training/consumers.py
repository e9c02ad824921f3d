"""The training consumer: keeps the replica of registry agencies and ISO officers for the compliance indicator,
and carries registrations over an agency merger or a province succession (training.services.successions)."""

from __future__ import annotations

from contracts import registry as events
from kit.uow import UnitOfWork
from training.services import compliance, reference, successions


def on_tenant_created(uow: UnitOfWork, event: events.TenantCreated) -> None:
    reference.record_province(uow, event.tenant_id, event.name)


def on_agency_registered(uow: UnitOfWork, event) -> None:
    compliance.record_agency(uow, event.agency_id, event.version, name=event.name)


def on_agency_dissolved(uow: UnitOfWork, event: events.AgencyDissolved) -> None:
    compliance.record_agency(uow, event.agency_id, event.version, active=False, ended_on=event.dissolved_on)


def on_agency_merged(uow: UnitOfWork, event: events.AgencyMerged) -> None:
    successions.record_merger(uow, event)


def on_province_succeeded(uow: UnitOfWork, event: events.ProvinceSucceeded) -> None:
    successions.record_succession(uow, event)


def on_officer_appointed(uow: UnitOfWork, event: events.OfficerAppointed) -> None:
    compliance.record_appointment(uow, officer_id=event.officer_id, agency_id=event.agency_id, role=event.role,
                                  full_name=event.full_name, appointed_on=event.appointed_on)


def on_officer_removed(uow: UnitOfWork, event: events.OfficerRemoved) -> None:
    compliance.record_removal(uow, event.officer_id)


HANDLERS = {
    events.TenantCreated: on_tenant_created,
    events.AgencyRegistered: on_agency_registered,
    events.AgencyUpdated: on_agency_registered,
    events.AgencyDissolved: on_agency_dissolved,
    events.AgencyMerged: on_agency_merged,
    events.OfficerAppointed: on_officer_appointed,
    events.OfficerRemoved: on_officer_removed,
    events.ProvinceSucceeded: on_province_succeeded,
}

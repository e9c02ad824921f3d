"""The inspections consumer: keeps the local copy of the registry's agencies and reacts to agencies that end."""

from __future__ import annotations

from contracts import registry as events
from inspections.services import agencies
from kit.uow import UnitOfWork


def on_registered(uow: UnitOfWork, event: events.AgencyRegistered) -> None:
    agencies.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name,
                           agency_type=event.agency_type, obligation=event.obligation, valid_from=event.valid_from)


def on_updated(uow: UnitOfWork, event: events.AgencyUpdated) -> None:
    agencies.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name,
                           agency_type=event.agency_type, obligation=event.obligation)


def on_dissolved(uow: UnitOfWork, event: events.AgencyDissolved) -> None:
    reason = f"Cơ quan đã giải thể từ {event.dissolved_on:%d/%m/%Y} / the agency was dissolved"
    if event.decision:
        reason += f" ({event.decision})"
    agencies.end_agency(uow, agency_id=event.agency_id, version=event.version, ended_on=event.dissolved_on,
                        reason=reason)


def on_merged(uow: UnitOfWork, event: events.AgencyMerged) -> None:
    reason = (f"Cơ quan đã sáp nhập từ {event.merged_on:%d/%m/%Y}, chuyển sang cơ quan kế thừa / the agency was "
              f"merged; its open work moved to {event.successor_agency_id}")
    agencies.end_agency(uow, agency_id=event.agency_id, version=event.version, ended_on=event.merged_on,
                        reason=reason, successor_id=event.successor_agency_id)


HANDLERS = {
    events.AgencyRegistered: on_registered,
    events.AgencyUpdated: on_updated,
    events.AgencyDissolved: on_dissolved,
    events.AgencyMerged: on_merged,
}

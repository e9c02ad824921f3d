"""The inspections consumer: keeps the local copy of the registry's agencies and reacts to agencies that end."""

from __future__ import annotations

from datetime import timedelta

from contracts import registry as events
from inspections.services import agencies
from kit import lineage
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
    if event.successor_tenant not in (None, uow.tenant):
        reason = _gone_on_in(event)
    else:
        reason = (f"Cơ quan đã sáp nhập từ {event.merged_on:%d/%m/%Y}, chuyển sang cơ quan kế thừa / the agency was "
                  f"merged; its open work moved to {event.successor_agency_id}")
    agencies.end_agency(uow, agency_id=event.agency_id, version=event.version, ended_on=event.merged_on,
                        reason=reason, successor_id=event.successor_agency_id, successor_tenant=event.successor_tenant)


def _gone_on_in(event: events.AgencyMerged) -> str:
    """Why a province succession closes the open work: it goes on in the successor province, which follows it up
    (`merged_on` is the agency's last day here)."""
    name = event.successor_tenant_name or event.successor_tenant
    short = lineage.short_name(name)
    effective = event.merged_on + timedelta(days=1)
    return (f"Tỉnh đã hợp nhất từ {effective:%d/%m/%Y}: cơ quan tiếp tục tại {name}, việc còn mở do {short} theo dõi"
            f" / the province merged on {effective.isoformat()}: the agency goes on in {short}, which follows up "
            f"its open work")


HANDLERS = {
    events.AgencyRegistered: on_registered,
    events.AgencyUpdated: on_updated,
    events.AgencyDissolved: on_dissolved,
    events.AgencyMerged: on_merged,
}

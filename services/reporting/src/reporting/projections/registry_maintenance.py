"""registry.maintenance: the upkeep activities of quality systems (internal audit, management review...) and, with
each, the day the year's upkeep was complete by the registry's rule (this service has no rule of its own)."""

from __future__ import annotations

from contracts import registry as events
from kit.uow import UnitOfWork
from reporting import ledger
from reporting.orm import MaintenanceView


def apply_maintenance(uow: UnitOfWork, event: events.MaintenanceRecorded) -> None:
    with uow:
        if uow.session.get(MaintenanceView, event.record_id) is None:
            with ledger.kept(uow.session, event.agency_id):
                uow.session.add(MaintenanceView(
                    record_id=event.record_id, agency_id=event.agency_id, activity_type=event.activity_type,
                    activity_date=event.activity_date, year=event.year, recorded_at=event.recorded_at,
                    upkeep_completed_on=event.upkeep_completed_on))
        uow.commit()

"""inspections.inspection: inspections scheduled (and moved to another date), then concluded or cancelled."""

from __future__ import annotations

from contracts import inspections as events
from kit.uow import UnitOfWork
from reporting.model.codes import InspectionState
from reporting.orm import InspectionView


def apply_inspection(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(InspectionView, event.inspection_id)
        if isinstance(event, events.InspectionScheduled):
            if row is None:
                uow.session.add(InspectionView(inspection_id=event.inspection_id, agency_id=event.agency_id,
                                               plan_id=event.plan_id, form=event.form,
                                               status=InspectionState.SCHEDULED, scheduled_on=event.scheduled_date))
        elif row is not None and row.status == InspectionState.SCHEDULED:
            if isinstance(event, events.InspectionRescheduled):
                row.scheduled_on = event.scheduled_date
            elif isinstance(event, events.InspectionConcluded):
                row.status, row.concluded_on, row.overall_result = \
                    InspectionState.CONCLUDED, event.concluded_on, event.overall_result
                row.form = event.form
            else:
                row.status = InspectionState.CANCELLED
        uow.commit()

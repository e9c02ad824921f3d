"""registry.officer: who holds an ISO role in an agency, from when to when."""

from __future__ import annotations

from contracts import registry as events
from kit.uow import UnitOfWork
from reporting import ledger
from reporting.orm import OfficerView


def apply_officer(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(OfficerView, event.officer_id)
        if isinstance(event, events.OfficerAppointed) and row is None:
            with ledger.kept(uow.session, event.agency_id):
                uow.session.add(OfficerView(officer_id=event.officer_id, agency_id=event.agency_id, role=event.role,
                                            appointed_on=event.appointed_on))
        elif isinstance(event, events.OfficerRemoved) and row is not None:
            with ledger.kept(uow.session, row.agency_id):
                row.removed_on = event.removed_on
        uow.commit()

"""registry.agency: the agencies, their type, level, obligation and validity dates (newest version wins)."""

from __future__ import annotations

from contracts import registry as events
from kit.replicas import upsert_newest
from kit.uow import UnitOfWork
from reporting import ledger
from reporting.orm import AgencyView


def apply_agency(uow: UnitOfWork, event) -> None:
    values: dict = {}
    if isinstance(event, events.AgencyRegistered | events.AgencyUpdated):
        values.update(name=event.name, agency_type=event.agency_type, admin_level=event.admin_level,
                      obligation=event.obligation)
    if isinstance(event, events.AgencyRegistered):
        values["valid_from"] = event.valid_from
    if isinstance(event, events.AgencyDissolved):
        values["valid_to"] = event.dissolved_on
    if isinstance(event, events.AgencyMerged):
        values["valid_to"] = event.merged_on
    with uow:
        with ledger.kept(uow.session, event.agency_id):
            changed = upsert_newest(uow.session, AgencyView, {"agency_id": event.agency_id}, event.version, values,
                                    defaults={"name": "", "agency_type": ""})
        if changed:
            uow.commit()

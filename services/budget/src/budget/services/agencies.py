"""The budget service's copy of the province's agencies, kept from the registry's events: a line is budgeted
for an agency the copy knows and holds active."""

from __future__ import annotations

import uuid

from budget.orm import Agency
from kit.replicas import upsert_newest
from kit.uow import UnitOfWork

# Until an event names them: the agency id as its name, and a type outside the registry's AgencyType, which
# no level rule maps to a cap level (its lines' caps are unknown).
UNNAMED_TYPE = "KHAC"


def record_agency(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, name: str | None = None,
                  agency_type: str | None = None, active: bool = True) -> None:
    """Keep the newest version of the agency; an older or repeated event changes nothing. An event without a
    name or type (a dissolution) keeps the copy's."""
    with uow:
        named = {column: value for column, value in {"name": name, "agency_type": agency_type}.items() if value}
        upsert_newest(uow.session, Agency, {"id": agency_id}, version, {"active": active, **named},
                      defaults={"name": str(agency_id), "agency_type": UNNAMED_TYPE})
        uow.commit()

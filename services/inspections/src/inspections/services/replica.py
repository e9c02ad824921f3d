"""The local replica of the registry's agencies, and what an agency's end does to open inspections."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import inspections as events
from inspections import model, orm, repository
from inspections.services import inspections
from kit.uow import UnitOfWork

ACTIVE, DISSOLVED, MERGED = "HOAT_DONG", "DA_GIAI_THE", "DA_SAP_NHAP"


def record_agency(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, name: str, agency_type: str,
                  obligation: str | None = None, valid_from: date | None = None) -> None:
    """Registered or updated: take the entry unless the replica already holds this version or a newer one."""
    with uow:
        agency = _fresh(uow, agency_id, version)
        if agency is None:
            return
        agency.name, agency.agency_type, agency.obligation = name, agency_type, obligation
        if valid_from is not None:
            agency.valid_from = valid_from
        uow.commit()


def end_agency(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, ended_on: date, reason: str,
               successor_id: uuid.UUID | None = None) -> None:
    """Dissolved (no successor): cancel its open inspections. Merged: move its open work to the successor."""
    with uow:
        agency = _fresh(uow, agency_id, version)
        if agency is None:
            return
        agency.status, agency.valid_to = (MERGED if successor_id else DISSOLVED), ended_on
        agency.successor_agency_id = successor_id
        for inspection in repository.open_inspections_of(uow.session, agency_id, model.OPEN_INSPECTION):
            if successor_id is None:
                inspections.cancel_in(uow, inspection, reason)
            else:
                _retarget(uow, inspection, successor_id, reason)
        if successor_id is not None:
            for recommendation in repository.open_recommendations_of(uow.session, agency_id):
                recommendation.agency_id = successor_id
                uow.publish(events.RecommendationRetargeted(
                    recommendation_id=recommendation.id, inspection_id=recommendation.inspection_id,
                    from_agency_id=agency_id, agency_id=successor_id, retargeted_at=uow.now()))
        uow.commit()


def _retarget(uow: UnitOfWork, inspection: orm.Inspection, successor_id: uuid.UUID, reason: str) -> None:
    uow.publish(events.InspectionRetargeted(inspection_id=inspection.id, from_agency_id=inspection.agency_id,
                                            agency_id=successor_id, reason=reason, retargeted_at=uow.now()))
    inspection.agency_id, inspection.status_note = successor_id, reason


def _fresh(uow: UnitOfWork, agency_id: uuid.UUID, version: int) -> orm.Agency | None:
    agency = repository.get(uow.session, orm.Agency, agency_id)
    if agency is None:
        agency = orm.Agency(id=agency_id, version=version, status=ACTIVE)
        uow.session.add(agency)
        return agency
    if version <= agency.version:
        return None
    agency.version = version
    return agency

"""The local copy of the registry's agencies (kept at the newest version announced), and what an agency's end
does to its open work: dissolved, its open inspections are cancelled; merged, they move to its successor; gone on
in another province (a province succession), its open inspections are cancelled and its open recommendations
closed, with the reason, because every record stays with the province that made it (ADR 16, ADR 18)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from contracts import inspections as events
from contracts.registry import AgencyStatus
from inspections import model, orm, repository
from inspections.services import inspections, recommendations
from kit.replicas import upsert_newest
from kit.uow import UnitOfWork


def record_agency(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, name: str, agency_type: str,
                  obligation: str | None = None, valid_from: date | None = None) -> None:
    """Registered or updated: take the entry unless the replica already holds this version or a newer one."""
    with uow:
        values = {"name": name, "agency_type": agency_type, "obligation": obligation}
        if valid_from is not None:
            values["valid_from"] = valid_from
        if not upsert_newest(uow.session, orm.Agency, {"id": agency_id}, version, values,
                             defaults={"status": AgencyStatus.HOAT_DONG}):
            return
        uow.commit()


def end_agency(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, ended_on: date, reason: str,
               successor_id: uuid.UUID | None = None, successor_tenant: str | None = None) -> None:
    """Dissolved (no successor): cancel its open inspections. Merged: move its open work to the successor; when
    the successor is another province's (`successor_tenant`), cancel and close it instead."""
    with uow:
        status = AgencyStatus.DA_SAP_NHAP if successor_id else AgencyStatus.DA_GIAI_THE
        values = {"status": status, "valid_to": ended_on, "successor_agency_id": successor_id}
        if not upsert_newest(uow.session, orm.Agency, {"id": agency_id}, version, values,
                             defaults={"status": AgencyStatus.HOAT_DONG}):
            return
        moves = successor_id is not None and successor_tenant in (None, uow.tenant)
        _lock_open_work(uow, agency_id)
        for inspection in repository.open_inspections_of(uow.session, agency_id, model.OPEN_INSPECTION,
                                                         lock=True):
            if moves:
                _retarget(uow, inspection, successor_id, reason)
            else:
                inspections.cancel_in(uow, inspection, reason)
            inspections.changed(inspection)
        if successor_id is not None:
            for recommendation in repository.open_recommendations_of(uow.session, agency_id, lock=True):
                if moves:
                    _retarget_recommendation(uow, recommendation, successor_id)
                else:
                    recommendations.close_in(uow, recommendation, reason)
        uow.commit()


def active_of_types(uow: UnitOfWork, types: Collection[str]) -> list[orm.Agency]:
    """The replica's active agencies of `types`, by name."""
    with uow:
        found = repository.agencies_of_types(uow.session, types, AgencyStatus.HOAT_DONG)
        return sorted(found, key=lambda agency: agency.name or "")


def known_of_types(uow: UnitOfWork, types: Collection[str]) -> list[orm.Agency]:
    """Every agency of `types` the replica knows, whatever its dates."""
    with uow:
        return [a for a in repository.agencies(uow.session) if a.agency_type in types]


def valid_of_types(uow: UnitOfWork, types: Collection[str], on: date) -> list[orm.Agency]:
    """The replica's agencies of `types` valid on `on` (started by then; active, or ended on or after it), by name."""
    with uow:
        found = [a for a in repository.agencies(uow.session) if a.agency_type in types
                 and (a.valid_from is None or a.valid_from <= on)
                 and (a.status == AgencyStatus.HOAT_DONG or (a.valid_to is not None and a.valid_to >= on))]
        return sorted(found, key=lambda agency: agency.name or "")


def _lock_open_work(uow: UnitOfWork, agency_id: uuid.UUID) -> None:
    """Lock the inspections the agency's end may change (its open ones, and those of its open recommendations) in
    one go, in id order, before their recommendations: the order every change of an inspection locks in."""
    found = {i.id for i in repository.open_inspections_of(uow.session, agency_id, model.OPEN_INSPECTION)}
    found |= {r.inspection_id for r in repository.open_recommendations_of(uow.session, agency_id)}
    repository.lock_inspections(uow.session, found)


def _retarget(uow: UnitOfWork, inspection: orm.Inspection, successor_id: uuid.UUID, reason: str) -> None:
    uow.publish(events.InspectionRetargeted(inspection_id=inspection.id, from_agency_id=inspection.agency_id,
                                            agency_id=successor_id, reason=reason, retargeted_at=uow.now()))
    inspection.agency_id, inspection.status_note = successor_id, reason


def _retarget_recommendation(uow: UnitOfWork, recommendation: orm.Recommendation, successor_id: uuid.UUID) -> None:
    uow.publish(events.RecommendationRetargeted(
        recommendation_id=recommendation.id, inspection_id=recommendation.inspection_id,
        from_agency_id=recommendation.agency_id, agency_id=successor_id, retargeted_at=uow.now()))
    recommendation.agency_id = successor_id

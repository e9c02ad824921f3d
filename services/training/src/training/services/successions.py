"""Registrations when an agency ends in a merger, and when its whole province is succeeded (issue 19, item 4).

An agency merged into another of the same province hands its open registrations to it: the person keeps the
place, the successor agency now answers for it. An agency that goes on in another province (a province
succession, ADR 17) cannot: the class is its old province's, read only from the effective date, so the place
is cancelled with a reason naming the province the person now trains in. When the succession itself arrives,
every place still open in the predecessor's classes is cancelled the same way (an AgencyMerged read before it
without `successor_tenant`, from a registry older than that field, may have moved some in the meantime).
Certificates and completions stay where they were made; the compliance indicator reads them through the lineage.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from contracts import training as events
from contracts.registry import AgencyMerged, ProvinceSucceeded
from kit import lineage, tenancy
from kit.replicas import upsert_newest
from kit.uow import UnitOfWork
from training import repository
from training.model import RegistrationStatus as R
from training.orm import AgencyReplica, Registration


@dataclass(frozen=True)
class Succession:
    """The province the agency now belongs to, and from when."""

    successor_name: str
    effective_date: date

    def reason(self) -> str:
        day = self.effective_date
        return (f"Tỉnh đã hợp nhất vào {self.successor_name} từ ngày {day:%d/%m/%Y}: lớp của tỉnh cũ không tiếp "
                f"tục, đề nghị đăng ký lớp của {self.successor_name} / the province merged into "
                f"{self.successor_name} on {day.isoformat()}: the former province's class does not go on; register "
                f"for a class of {self.successor_name}")


def record_merger(uow: UnitOfWork, merger: AgencyMerged) -> None:
    """The agency ends in the replica with its successor; its open registrations move with it or are cancelled."""
    with uow:
        upsert_newest(uow.session, AgencyReplica, {"id": merger.agency_id}, merger.version,
                      {"active": False, "successor_agency_id": merger.successor_agency_id,
                       "ended_on": merger.merged_on})
        succession = _succession_of(uow, merger)
        if succession is None:
            _move(uow, merger.agency_id, merger.successor_agency_id)
        else:
            _cancel(uow, repository.live_registrations(uow.session, merger.agency_id), succession)
        uow.commit()


def record_succession(uow: UnitOfWork, event: ProvinceSucceeded) -> None:
    """Cancel what is still open in each predecessor, each in a unit of work of its own province (they are the
    predecessors' rows), then record the lineage in the event's (kit.lineage.with_lineage). A redelivery finds
    nothing open and records the same lineage again."""
    succession = Succession(event.successor_name, event.effective_date)
    for predecessor in event.predecessors:
        with uow.for_tenant(tenancy.tenant_id(predecessor)) as theirs:
            _cancel(theirs, repository.live_registrations(theirs.session), succession)
            theirs.commit()
    lineage.apply(uow, event)


def _succession_of(uow: UnitOfWork, merger: AgencyMerged) -> Succession | None:
    """The province succession the merger is part of, if it crosses provinces: named by the event, or by the
    lineage when the event predates `successor_tenant`."""
    day_after = merger.merged_on + timedelta(days=1)
    row = lineage.successor(uow.session, uow.tenant, day_after)
    if merger.successor_tenant in (None, uow.tenant) and row is None:
        return None
    successor_name = merger.successor_tenant_name or (row.successor_name if row else merger.successor_tenant)
    return Succession(successor_name, row.effective_date if row else day_after)


def _move(uow: UnitOfWork, agency_id: uuid.UUID, successor_agency_id: uuid.UUID) -> None:
    """The person keeps the place; there is no event for it (reporting projects no registrations)."""
    for registration in repository.live_registrations(uow.session, agency_id):
        registration.agency_id = successor_agency_id
    for training_class in repository.live_on_site_classes(uow.session, agency_id):
        training_class.on_site_agency_id = successor_agency_id
        training_class.changed()


def _cancel(uow: UnitOfWork, registrations: list[Registration], succession: Succession) -> None:
    """Cancelled as a cancellation by the province would be, with its event; no waitlist is promoted (the class
    is read only)."""
    reason = succession.reason()
    for registration in registrations:
        registration.status, registration.cancel_reason = R.CANCELLED, reason
        uow.publish(events.RegistrationCancelled(
            registration_id=registration.id, class_id=registration.class_id, agency_id=registration.agency_id,
            reason=reason, cancelled_at=uow.now()))

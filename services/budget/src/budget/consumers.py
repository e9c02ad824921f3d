"""The budget consumer: the agency replica from the registry, actual costs of training and inspections, and the
predecessors' lines closed at a province succession."""

from __future__ import annotations

from budget.services import agencies, costs, successions
from contracts import inspections, registry, training
from kit.uow import UnitOfWork


def on_agency_registered(uow: UnitOfWork, event: registry.AgencyRegistered) -> None:
    agencies.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name,
                           agency_type=event.agency_type)


def on_agency_updated(uow: UnitOfWork, event: registry.AgencyUpdated) -> None:
    agencies.record_agency(uow, agency_id=event.agency_id, version=event.version, name=event.name,
                           agency_type=event.agency_type)


def on_agency_ended(uow: UnitOfWork, event: registry.AgencyDissolved | registry.AgencyMerged) -> None:
    agencies.record_agency(uow, agency_id=event.agency_id, version=event.version, active=False)


def on_province_succeeded(uow: UnitOfWork, event: registry.ProvinceSucceeded) -> None:
    successions.record_succession(uow, event)


def on_class_scheduled(uow: UnitOfWork, event: training.ClassScheduled) -> None:
    costs.record_class(uow, class_id=event.class_id, year=event.year, title=event.title,
                       cost_estimate=event.cost_estimate)


def on_class_finished(uow: UnitOfWork, event: training.ClassFinished) -> None:
    # ClassFinished v1 has no actual cost yet; an additive `cost_actual` field is read when it comes.
    costs.record_class_cost(uow, class_id=event.class_id, cost_actual=getattr(event, "cost_actual", None),
                            finished_on=event.finished_at.date())


def on_class_settled(uow: UnitOfWork, event: training.ClassSettled) -> None:
    costs.settle_class_cost(uow, class_id=event.class_id, year=event.year, cost_actual=event.cost_actual,
                            settled_on=event.settled_at.date())


def on_inspection_concluded(uow: UnitOfWork, event: inspections.InspectionConcluded) -> None:
    costs.record_inspection_cost(uow, inspection_id=event.inspection_id,
                                 cost_actual=getattr(event, "cost_actual", None), concluded_on=event.concluded_on,
                                 conclusion_doc=event.conclusion_doc)


HANDLERS = {
    registry.AgencyRegistered: on_agency_registered,
    registry.AgencyUpdated: on_agency_updated,
    registry.AgencyDissolved: on_agency_ended,
    registry.AgencyMerged: on_agency_ended,
    training.ClassScheduled: on_class_scheduled,
    training.ClassFinished: on_class_finished,
    training.ClassSettled: on_class_settled,
    inspections.InspectionConcluded: on_inspection_concluded,
    registry.ProvinceSucceeded: on_province_succeeded,
}

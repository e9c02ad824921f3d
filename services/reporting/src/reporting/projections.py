"""Use cases that apply one event to the read models; each commits once, and stale versions change nothing."""

from __future__ import annotations

from contracts import inspections as inspection_events
from contracts import registry as registry_events
from kit.uow import UnitOfWork
from reporting.orm import (
    AgencyView,
    AnnouncementView,
    InspectionView,
    OfficerView,
    ProvinceView,
    QualitySystemStatusView,
)


def apply_agency(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(AgencyView, event.agency_id)
        if row is not None and row.version >= event.version:
            return
        if row is None:
            row = AgencyView(agency_id=event.agency_id, name="", agency_type="")
            uow.session.add(row)
        row.version = event.version
        if isinstance(event, registry_events.AgencyRegistered | registry_events.AgencyUpdated):
            row.name, row.agency_type, row.admin_level = event.name, event.agency_type, event.admin_level
            row.obligation = event.obligation
        if isinstance(event, registry_events.AgencyRegistered):
            row.valid_from = event.valid_from
        if isinstance(event, registry_events.AgencyDissolved):
            row.valid_to = event.dissolved_on
        if isinstance(event, registry_events.AgencyMerged):
            row.valid_to = event.merged_on
        uow.commit()


def apply_quality_status(uow: UnitOfWork, event: registry_events.QualitySystemStatusChanged) -> None:
    with uow:
        key = (event.quality_system_id, event.version)
        if uow.session.get(QualitySystemStatusView, key) is None:
            uow.session.add(QualitySystemStatusView(
                quality_system_id=event.quality_system_id, version=event.version, agency_id=event.agency_id,
                status=event.status, standard_version=event.standard_version, changed_on=event.changed_on))
        uow.commit()


def apply_announcement(uow: UnitOfWork, event: registry_events.QualitySystemAnnounced) -> None:
    with uow:
        if uow.session.get(AnnouncementView, event.announcement_id) is None:
            uow.session.add(AnnouncementView(
                announcement_id=event.announcement_id, agency_id=event.agency_id, kind=event.kind,
                reason=event.reason, decision_date=event.decision_date, standard_version=event.standard_version))
        uow.commit()


def apply_officer(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(OfficerView, event.officer_id)
        if isinstance(event, registry_events.OfficerAppointed) and row is None:
            uow.session.add(OfficerView(officer_id=event.officer_id, agency_id=event.agency_id, role=event.role,
                                        appointed_on=event.appointed_on))
        elif isinstance(event, registry_events.OfficerRemoved) and row is not None:
            row.removed_on = event.removed_on
        uow.commit()


def apply_inspection(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(InspectionView, event.inspection_id)
        if isinstance(event, inspection_events.InspectionScheduled):
            if row is None:
                uow.session.add(InspectionView(inspection_id=event.inspection_id, agency_id=event.agency_id,
                                               plan_id=event.plan_id, form=event.form, status="SCHEDULED",
                                               scheduled_on=event.scheduled_date))
        elif row is not None and row.status == "SCHEDULED":
            if isinstance(event, inspection_events.InspectionConcluded):
                row.status, row.concluded_on, row.overall_result = "CONCLUDED", event.concluded_on, \
                    event.overall_result
                row.form = event.form
            else:
                row.status = "CANCELLED"
        uow.commit()


def apply_province(uow: UnitOfWork, event: registry_events.TenantCreated) -> None:
    with uow:
        if uow.session.get(ProvinceView, event.tenant_id) is None:
            uow.session.add(ProvinceView(tenant_id=event.tenant_id, name=event.name,
                                         official_code=event.official_code))
        uow.commit()

"""registry.quality_system: every status a quality system went through, its announcements, and corrections of their
dates."""

from __future__ import annotations

from contracts import registry as events
from kit.uow import UnitOfWork
from reporting import ledger, repository
from reporting.orm import AnnouncementView, QualitySystemStatusView


def apply_quality_status(uow: UnitOfWork, event: events.QualitySystemStatusChanged) -> None:
    with uow:
        key = (event.quality_system_id, event.version)
        if uow.session.get(QualitySystemStatusView, key) is None:
            with ledger.kept(uow.session, event.agency_id):
                uow.session.add(QualitySystemStatusView(
                    quality_system_id=event.quality_system_id, version=event.version, agency_id=event.agency_id,
                    status=event.status, standard_version=event.standard_version, changed_on=event.changed_on))
        uow.commit()


def apply_announcement(uow: UnitOfWork, event: events.QualitySystemAnnounced) -> None:
    with uow:
        if uow.session.get(AnnouncementView, event.announcement_id) is None:
            uow.session.add(AnnouncementView(
                announcement_id=event.announcement_id, agency_id=event.agency_id, kind=event.kind,
                reason=event.reason, decision_date=event.decision_date, standard_version=event.standard_version))
        uow.commit()


def apply_step_date_correction(uow: UnitOfWork, event: events.QualitySystemStepDateCorrected) -> None:
    """The corrected step's status change and its announcement take the new date, so every figure built on them
    moves; a correction whose rows no longer carry the old date (already applied) changes nothing."""
    with uow:
        with ledger.kept(uow.session, event.agency_id):
            status = repository.status_dated(uow.session, event.quality_system_id, event.status, event.old_date,
                                             event.version) if event.status is not None else None
            if status is not None:
                status.changed_on = event.new_date
            announcement = uow.session.get(AnnouncementView, event.announcement_id) if event.announcement_id else None
            if announcement is not None and event.status is not None and announcement.decision_date == event.old_date:
                announcement.decision_date = event.new_date
        uow.commit()

"""registry.quality_system: every status a quality system went through, and its announcements."""

from __future__ import annotations

from contracts import registry as events
from kit.uow import UnitOfWork
from reporting import ledger
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

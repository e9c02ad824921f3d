"""training.certificate: certificates issued, and the ISO roles their course qualifies for."""

from __future__ import annotations

from contracts import training as events
from kit.calendar import day_of as local_day
from kit.uow import UnitOfWork
from reporting.orm import CertificateView


def apply_certificate(uow: UnitOfWork, event: events.CertificateIssued) -> None:
    with uow:
        if uow.session.get(CertificateView, event.certificate_id) is None:
            uow.session.add(CertificateView(
                certificate_id=event.certificate_id, agency_id=event.agency_id, officer_id=event.officer_id,
                course_type=event.course_type, qualifies_roles=list(event.qualifies_roles or []),
                issued_on=local_day(event.issued_at)))
        uow.commit()

"""training.certificate: certificates issued, and the ISO roles their course qualifies for."""

from __future__ import annotations

from contracts import training as events
from kit.calendar import day_of as local_day
from kit.uow import UnitOfWork
from reporting import ledger
from reporting.orm import CertificateView, OfficerView


def apply_certificate(uow: UnitOfWork, event: events.CertificateIssued) -> None:
    with uow:
        if uow.session.get(CertificateView, event.certificate_id) is None:
            # A secretary's certificate counts for the agency the officer serves (none yet: counted when the
            # appointment arrives, which reads the officer's certificates).
            officer = uow.session.get(OfficerView, event.officer_id) if event.officer_id else None
            with ledger.kept(uow.session, officer.agency_id if officer else None):
                uow.session.add(CertificateView(
                    certificate_id=event.certificate_id, agency_id=event.agency_id, officer_id=event.officer_id,
                    course_type=event.course_type, qualifies_roles=list(event.qualifies_roles or []),
                    issued_on=local_day(event.issued_at)))
        uow.commit()

"""Certificates: issued once per participant who completed; numbers unique per province and year.

The number comes from a counter row per (province, year) taken under a row lock, so concurrent issuance
(two officers, two classes) never hands out a number twice; the unique constraints are the backstop.
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from contracts import training as events
from kit.uow import UnitOfWork
from training import model, repository
from training.documents import table
from training.documents.certificate import certificate
from training.documents.certificates import certificate_list as printable_list
from training.model import RegistrationStatus as R
from training.orm import Certificate, CertificateCounter, Registration, TrainingClass
from training.services import settings


def issue_certificates(uow: UnitOfWork, class_id: uuid.UUID) -> list[Certificate]:
    """Issue the missing certificates of a finished class; returns every certificate of the class."""
    with uow:
        training_class = repository.get_class(uow.session, class_id, lock=True)
        model.ensure_certifiable(training_class.status)
        _ensure_counter(uow, training_class.year)
        template = settings.effective(uow.session).certificate_format
        done = {c.registration_id for c in repository.certificates_of(uow.session, class_id)}
        for registration in repository.class_registrations(uow.session, class_id, R.CONFIRMED):
            if registration.completed and registration.id not in done:
                _issue(uow, training_class, registration, template)
        uow.commit()
    with uow:
        return repository.certificates_of(uow.session, class_id)


def list_certificates(uow: UnitOfWork, class_id: uuid.UUID) -> list[Certificate]:
    """The certificates of the class in number order."""
    with uow:
        repository.get_class(uow.session, class_id)
        return repository.certificates_of(uow.session, class_id)


def certificate_list(uow: UnitOfWork, class_id: uuid.UUID, fmt: str) -> tuple[bytes, str]:
    """The class's certificates as `fmt`: the list (xlsx), or the certificates themselves in the official layout,
    one a page (docx, pdf; 409 when the class has none). Returns (body, media type)."""
    with uow:
        training_class = repository.get_class(uow.session, class_id)
        registrations = {r.id: r for r in repository.class_registrations(uow.session, class_id)}
        pairs = [(c, registrations[c.registration_id]) for c in repository.certificates_of(uow.session, class_id)]
        names = repository.agency_names(uow.session)
        if fmt == "xlsx":
            return table.render(printable_list(training_class, pairs, names))
        if not pairs:
            raise model.NoCertificates(class_id)
        course = repository.find_course_type(uow.session, training_class.course_type)
        province = repository.province_name(uow.session, training_class.tenant_id) or training_class.tenant_id
        documents = [certificate(training_class, c, r, names.get(r.agency_id) or str(r.agency_id),
                                 course.name_vi if course else training_class.course_type, province)
                     for c, r in pairs]
    return table.render_official(documents, fmt)


def _ensure_counter(uow: UnitOfWork, year: int) -> None:
    """Create the (province, year) counter if missing, in its own savepoint: a concurrent creator wins."""
    if repository.locked_counter(uow.session, year) is not None:
        return
    try:
        with uow.session.begin_nested():
            uow.session.add(CertificateCounter(year=year, last=0))
    except IntegrityError:
        pass


def _issue(uow: UnitOfWork, training_class: TrainingClass, registration: Registration, template: str) -> None:
    counter = repository.locked_counter(uow.session, training_class.year)
    counter.last += 1
    number = model.certificate_number(template, seq=counter.last, year=training_class.year)
    certificate = Certificate(id=uuid.uuid4(), registration_id=registration.id, class_id=training_class.id,
                              year=training_class.year, seq=counter.last, number=number, issued_at=uow.now())
    uow.session.add(certificate)
    registration.certificate_no = number
    uow.publish(events.CertificateIssued(
        certificate_id=certificate.id, number=number, year=training_class.year, registration_id=registration.id,
        class_id=training_class.id, agency_id=registration.agency_id, full_name=registration.full_name,
        course_type=training_class.course_type, officer_id=registration.officer_id, issued_at=uow.now(),
        qualifies_roles=_qualifies(uow, training_class.course_type)))


def _qualifies(uow: UnitOfWork, course_type: str) -> list[str]:
    """The ISO roles the course type trains for (reference data shared by every province)."""
    row = repository.find_course_type(uow.session, course_type)
    return list(row.qualifies_roles) if row is not None else []

"""On-site training requests: an agency asks; the province approves it into a new class or declines."""

from __future__ import annotations

import uuid

from kit.pagination import Page
from kit.uow import UnitOfWork
from training import model, repository
from training.model import Actor, RequestStatus
from training.orm import OnSiteRequest
from training.services.classes import ensure_course_type, new_class
from training.services.compliance import ensure_known_agency


def submit_request(uow: UnitOfWork, fields: dict, actor: Actor) -> OnSiteRequest:
    agency_id = model.requesting_agency(actor, fields.pop("agency_id", None))
    with uow:
        ensure_known_agency(uow, agency_id)
        ensure_course_type(uow.session, fields["course_type"])
        request = OnSiteRequest(**fields, agency_id=agency_id, status=RequestStatus.SUBMITTED,
                                requested_by=actor.subject)
        uow.session.add(request)
        uow.commit()
        return request


def approve_request(uow: UnitOfWork, request_id: uuid.UUID, class_fields: dict) -> OnSiteRequest:
    with uow:
        request = _pending(uow, request_id)
        class_fields = {"course_type": request.course_type, **class_fields}
        training_class = new_class(uow, class_fields, request.agency_id)
        request.status, request.class_id = RequestStatus.APPROVED, training_class.id
        uow.commit()
        return request


def decline_request(uow: UnitOfWork, request_id: uuid.UUID, reason: str) -> OnSiteRequest:
    with uow:
        request = _pending(uow, request_id)
        request.status, request.decline_reason = RequestStatus.DECLINED, reason
        uow.commit()
        return request


def get_request(uow: UnitOfWork, request_id: uuid.UUID, actor: Actor) -> OnSiteRequest:
    with uow:
        request = repository.find_request(uow.session, request_id)
        if request is None:
            raise model.RequestNotFound(request_id)
        actor.scope.ensure(request.agency_id, model.RequestNotFound, request_id)
        return request


def list_requests(uow: UnitOfWork, actor: Actor, *, page: int, page_size: int, agency_id: uuid.UUID | None = None,
                  status: str | None = None) -> Page:
    """A page of requests, newest first; an agency officer's are their agency's only."""
    with uow:
        return repository.list_requests(uow.session, agency_id if actor.is_province else actor.agency_id, status,
                                        page, page_size)


def _pending(uow: UnitOfWork, request_id: uuid.UUID) -> OnSiteRequest:
    request = repository.find_request(uow.session, request_id, lock=True)
    if request is None:
        raise model.RequestNotFound(request_id)
    model.ensure_pending(request.status)
    return request

"""On-site training requests: an agency asks; the province approves it into a new class or declines."""

from __future__ import annotations

import uuid

from kit.errors import Conflict, Forbidden, RuleViolated
from kit.uow import UnitOfWork
from training import model, repository
from training.model import RequestStatus
from training.orm import OnSiteRequest
from training.services import common
from training.services.classes import new_class


def submit_request(uow: UnitOfWork, fields: dict, actor: common.Actor) -> OnSiteRequest:
    agency_id = fields.pop("agency_id", None)
    if actor.agency_id is not None and agency_id not in (None, actor.agency_id):
        raise Forbidden(model.rule("Cán bộ cơ quan chỉ gửi đề nghị cho cơ quan mình",
                                   "an agency officer asks for their own agency only"))
    agency_id = actor.agency_id or agency_id
    if agency_id is None:
        raise RuleViolated(model.rule("Cần nêu cơ quan đề nghị", "agency_id is required"))
    with uow:
        common.ensure_course_type(uow.session, fields["course_type"])
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


def get_request(uow: UnitOfWork, request_id: uuid.UUID, actor: common.Actor) -> OnSiteRequest:
    with uow:
        return _get(uow, request_id, actor)


def list_requests(uow: UnitOfWork, actor: common.Actor, agency_id: uuid.UUID | None, status: str | None,
                  page: int, page_size: int) -> repository.Page:
    with uow:
        return repository.list_requests(uow.session, actor.agency_id or agency_id, status, page, page_size)


def _get(uow: UnitOfWork, request_id: uuid.UUID, actor: common.Actor) -> OnSiteRequest:
    request = repository.find_request(uow.session, request_id)
    if request is None or (actor.agency_id is not None and request.agency_id != actor.agency_id):
        raise model.RequestNotFound(request_id)
    return request


def _pending(uow: UnitOfWork, request_id: uuid.UUID) -> OnSiteRequest:
    request = repository.find_request(uow.session, request_id, lock=True)
    if request is None:
        raise model.RequestNotFound(request_id)
    if request.status != RequestStatus.SUBMITTED:
        raise Conflict(model.rule(f"Đề nghị đã được xử lý ({request.status})",
                                  f"the request was already decided ({request.status})"))
    return request

"""Routes of an agency's quality system, its announcements and maintenance records, and their schemas.

An agency officer reaches only their own agency (others answer 404). The blueprint also carries the routes of
`api/officers.py` and `api/successions.py`.
"""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from contracts.registry import AnnouncementKind, QualitySystemStatus
from kit import calendar, routes
from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.roles import MANAGERS_AND_AGENCIES, PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from kit.validation import refused
from registry.api.access import agency_uow
from registry.model.quality_system import STANDARD_2015
from registry.services import quality_systems

blp = Blueprint("registry-records", __name__, url_prefix="/api/v1/registry/agencies",
                description="An agency's quality system, announcements, maintenance and ISO officers")

QS = "/<uuid:agency_id>/quality-system"
BUILT_WITH = ("TO_CHUC_TU_VAN", "CHUYEN_GIA_DOC_LAP", "TU_XAY_DUNG")
TEXT = validate.Length(1, 300)


class QualitySystemCreateSchema(ma.Schema):
    standard_version = ma.fields.String(load_default=STANDARD_2015, validate=validate.Length(1, 40))
    built_with = ma.fields.String(allow_none=True, validate=validate.OneOf(BUILT_WITH))
    consultant_name = ma.fields.String(allow_none=True, validate=TEXT)
    uses_framework_model = ma.fields.Boolean(load_default=False)
    scope_description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    scope_tthc_count = Integer(allow_none=True, validate=validate.Range(0, 10_000))
    internal_process_count = Integer(allow_none=True, validate=validate.Range(0, 10_000))


class QualitySystemSchema(QualitySystemCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    agency_id = ma.fields.UUID(dump_only=True)
    version = Integer(dump_only=True)
    status = Choice(QualitySystemStatus, dump_only=True)
    status_since = ma.fields.Date(dump_only=True)
    first_applied_on = ma.fields.Date(dump_only=True)
    transition_completed_on = ma.fields.Date(dump_only=True)
    stop_reason = ma.fields.String(dump_only=True)
    scope_change_reason = ma.fields.String(dump_only=True)
    scope_changed_on = ma.fields.Date(dump_only=True)


def happened(day) -> None:
    """A step, an activity or a decision is recorded once it has happened: a day after today in Việt Nam (a typo
    such as 9999-12-31) would count as done for every year to come."""
    if day > calendar.today():
        raise refused("date_after_today", "Ngày không được sau hôm nay / the date must not be after today")


class OnDateSchema(ma.Schema):
    on = ma.fields.Date(required=True, validate=happened)


class StopSchema(OnDateSchema):
    reason = ma.fields.String(required=True, validate=TEXT)


class ScopeChangeSchema(OnDateSchema):
    reason = ma.fields.String(required=True, validate=validate.Length(1, 32))
    scope_tthc_count = Integer(allow_none=True, validate=validate.Range(0, 10_000))
    scope_description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    internal_process_count = Integer(allow_none=True, validate=validate.Range(0, 10_000))


class AnnounceSchema(ma.Schema):
    decision_no = ma.fields.String(required=True, validate=validate.Length(1, 100))
    decision_date = ma.fields.Date(required=True, validate=happened)
    signed_by = ma.fields.String(allow_none=True, validate=validate.Length(1, 120))
    reason = ma.fields.String(allow_none=True, validate=validate.Length(1, 32))
    standard_version = ma.fields.String(allow_none=True, validate=validate.Length(1, 40))
    scope_tthc_count = Integer(allow_none=True, validate=validate.Range(0, 10_000))
    scope_description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    notified_on = ma.fields.Date(allow_none=True)
    notification_doc_no = ma.fields.String(allow_none=True, validate=validate.Length(1, 100))
    posted_on_website_on = ma.fields.Date(allow_none=True)


class AnnouncementSchema(AnnounceSchema):
    id = ma.fields.UUID(dump_only=True)
    quality_system_id = ma.fields.UUID(dump_only=True)
    kind = Choice(AnnouncementKind, dump_only=True)
    status = ma.fields.String(dump_only=True)
    received_by = ma.fields.String(dump_only=True, allow_none=True)
    received_on = ma.fields.Date(dump_only=True, allow_none=True)


class MaintenanceCreateSchema(ma.Schema):
    activity_type = ma.fields.String(required=True, validate=validate.Length(1, 40))
    activity_date = ma.fields.Date(required=True, validate=happened)
    description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    nonconformities_found = Integer(allow_none=True, validate=validate.Range(0, 10_000))
    evidence_refs = ma.fields.List(ma.fields.String(validate=TEXT), load_default=list,
                                   validate=validate.Length(max=50))


class MaintenanceSchema(MaintenanceCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    quality_system_id = ma.fields.UUID(dump_only=True)
    year = Integer(dump_only=True)


class YearQuerySchema(ma.Schema):
    year = Integer(validate=validate.Range(2000, 2100))


@blp.route(QS, methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(QualitySystemCreateSchema)
@blp.response(201, QualitySystemSchema)
def create_quality_system(args, agency_id):
    """Put the agency's quality system on record (status: not built)."""
    return quality_systems.create_quality_system(agency_uow(agency_id), agency_id, args)


@blp.route(QS, methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, QualitySystemSchema)
def get_quality_system(agency_id):
    """The agency's current quality system."""
    return quality_systems.get_quality_system(agency_uow(agency_id), agency_id)


@blp.route(f"{QS}/start-building", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(OnDateSchema)
@blp.response(200, QualitySystemSchema)
def start_building(args, agency_id):
    """Not built -> being built."""
    return quality_systems.start_building(agency_uow(agency_id), agency_id, **args)


@blp.route(f"{QS}/apply", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(OnDateSchema)
@blp.response(200, QualitySystemSchema)
def apply(args, agency_id):
    """Being built -> applied."""
    return quality_systems.apply(agency_uow(agency_id), agency_id, **args)


@blp.route(f"{QS}/scope", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(ScopeChangeSchema)
@blp.response(200, QualitySystemSchema)
def change_scope(args, agency_id):
    """Change the scope; an announced system then awaits re-announcement (QĐ 19/2014 Đ4 k3)."""
    return quality_systems.change_scope(agency_uow(agency_id), agency_id, **args)


@blp.route(f"{QS}/start-transition", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(OnDateSchema)
@blp.response(200, QualitySystemSchema)
def start_transition(args, agency_id):
    """Start moving a 2008 system to TCVN ISO 9001:2015."""
    return quality_systems.start_transition(agency_uow(agency_id), agency_id, **args)


@blp.route(f"{QS}/stop", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(StopSchema)
@blp.response(200, QualitySystemSchema)
def stop(args, agency_id):
    """Stop the quality system (history kept)."""
    return quality_systems.stop(routes.uow(), agency_id, **args)


@blp.route(f"{QS}/announce", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(AnnounceSchema)
@blp.response(201, AnnouncementSchema)
def announce(args, agency_id):
    """Record the head's công bố / công bố lại decision."""
    return quality_systems.announce(agency_uow(agency_id), agency_id, args)


@blp.route("/<uuid:agency_id>/announcements", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, AnnouncementSchema(many=True))
def list_announcements(agency_id):
    """The agency's announcements, oldest first."""
    return quality_systems.list_announcements(agency_uow(agency_id), agency_id)


@blp.route("/<uuid:agency_id>/announcements/<uuid:announcement_id>/receive", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(OnDateSchema)
@blp.response(200, AnnouncementSchema)
def receive_announcement(args, agency_id, announcement_id):
    """The Sở registers the receipt of an announcement."""
    return quality_systems.receive_announcement(routes.uow(), agency_id, announcement_id,
                                                received_by=routes.principal().subject, **args)


@blp.route("/<uuid:agency_id>/maintenance", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(MaintenanceCreateSchema)
@blp.response(201, MaintenanceSchema)
def record_maintenance(args, agency_id):
    """Put an upkeep activity on record (internal audit, management review...)."""
    return quality_systems.record_maintenance(agency_uow(agency_id), agency_id, args)


@blp.route("/<uuid:agency_id>/maintenance", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(YearQuerySchema, location="query")
@blp.response(200, MaintenanceSchema(many=True))
def list_maintenance(args, agency_id):
    """The agency's maintenance records, of one year if given."""
    return quality_systems.list_maintenance(agency_uow(agency_id), agency_id, args.get("year"))

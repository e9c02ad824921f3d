"""Routes for an agency's records. An agency officer reaches only their own agency (others answer 404)."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint

from kit.auth import require
from registry import officers, quality, services
from registry import schemas_records as schemas
from registry.api import READERS, WRITERS, own_agency_only, uow

blp = Blueprint("registry-records", __name__, url_prefix="/api/v1/registry/agencies",
                description="An agency's quality system, announcements, maintenance and ISO officers")

RECORD_WRITERS = (*WRITERS, "agency_officer")
QS = "/<uuid:agency_id>/quality-system"


def mine(agency_id):
    own_agency_only(agency_id)
    return uow()


@blp.route(QS, methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.QualitySystemCreateSchema)
@blp.response(201, schemas.QualitySystemSchema)
def create_quality_system(args, agency_id):
    """Put the agency's quality system on record (status: not built)."""
    return quality.create_quality_system(mine(agency_id), agency_id, args)


@blp.route(QS, methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.QualitySystemSchema)
def get_quality_system(agency_id):
    """The agency's current quality system."""
    return quality.get_quality_system(mine(agency_id), agency_id)


@blp.route(f"{QS}/start-building", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.OnDateSchema)
@blp.response(200, schemas.QualitySystemSchema)
def start_building(args, agency_id):
    """Not built -> being built."""
    return quality.start_building(mine(agency_id), agency_id, **args)


@blp.route(f"{QS}/apply", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.OnDateSchema)
@blp.response(200, schemas.QualitySystemSchema)
def apply(args, agency_id):
    """Being built -> applied."""
    return quality.apply(mine(agency_id), agency_id, **args)


@blp.route(f"{QS}/scope", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.ScopeChangeSchema)
@blp.response(200, schemas.QualitySystemSchema)
def change_scope(args, agency_id):
    """Change the scope; an announced system then awaits re-announcement (QĐ 19/2014 Đ4 k3)."""
    return quality.change_scope(mine(agency_id), agency_id, **args)


@blp.route(f"{QS}/start-transition", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.OnDateSchema)
@blp.response(200, schemas.QualitySystemSchema)
def start_transition(args, agency_id):
    """Start moving a 2008 system to TCVN ISO 9001:2015."""
    return quality.start_transition(mine(agency_id), agency_id, **args)


@blp.route(f"{QS}/stop", methods=["POST"])
@require(*WRITERS)
@blp.arguments(schemas.StopSchema)
@blp.response(200, schemas.QualitySystemSchema)
def stop(args, agency_id):
    """Stop the quality system (history kept)."""
    return quality.stop(uow(), agency_id, **args)


@blp.route(f"{QS}/announce", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.AnnounceSchema)
@blp.response(201, schemas.AnnouncementSchema)
def announce(args, agency_id):
    """Record the head's công bố / công bố lại decision."""
    return quality.announce(mine(agency_id), agency_id, args)


@blp.route("/<uuid:agency_id>/announcements", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.AnnouncementSchema(many=True))
def list_announcements(agency_id):
    """The agency's announcements, oldest first."""
    return quality.list_announcements(mine(agency_id), agency_id)


@blp.route("/<uuid:agency_id>/announcements/<uuid:announcement_id>/receive", methods=["POST"])
@require(*WRITERS)
@blp.arguments(schemas.OnDateSchema)
@blp.response(200, schemas.AnnouncementSchema)
def receive_announcement(args, agency_id, announcement_id):
    """The Sở registers the receipt of an announcement."""
    return quality.receive_announcement(uow(), announcement_id, received_by=g.principal.subject, **args)


@blp.route("/<uuid:agency_id>/maintenance", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.MaintenanceCreateSchema)
@blp.response(201, schemas.MaintenanceSchema)
def record_maintenance(args, agency_id):
    """Put an upkeep activity on record (internal audit, management review...)."""
    return quality.record_maintenance(mine(agency_id), agency_id, args)


@blp.route("/<uuid:agency_id>/maintenance", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.YearQuerySchema, location="query")
@blp.response(200, schemas.MaintenanceSchema(many=True))
def list_maintenance(args, agency_id):
    """The agency's maintenance records, of one year if given."""
    return quality.list_maintenance(mine(agency_id), agency_id, args.get("year"))


@blp.route("/<uuid:agency_id>/officers", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.OfficerCreateSchema)
@blp.response(201, schemas.OfficerSchema)
def appoint_officer(args, agency_id):
    """Appoint a thư ký ISO or đại diện lãnh đạo; the previous holder's appointment ends."""
    return officers.appoint_officer(mine(agency_id), agency_id, args)


@blp.route("/<uuid:agency_id>/officers", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.OfficerSchema(many=True))
def list_officers(agency_id):
    """Every appointment, current and past."""
    return officers.list_officers(mine(agency_id), agency_id)


@blp.route("/<uuid:agency_id>/officers/<uuid:officer_id>/remove", methods=["POST"])
@require(*RECORD_WRITERS)
@blp.arguments(schemas.OfficerRemoveSchema)
@blp.response(200, schemas.OfficerSchema)
def remove_officer(args, agency_id, officer_id):
    """End an appointment."""
    return officers.remove_officer(mine(agency_id), agency_id, officer_id, **args)


@blp.route("/<uuid:agency_id>/merge", methods=["POST"])
@require(*WRITERS)
@blp.arguments(schemas.MergeSchema)
@blp.response(200, schemas.SuccessionsSchema)
def merge_agency(args, agency_id):
    """Record that the agency was merged into another (sáp nhập)."""
    services.merge_agency(uow(), agency_id, **args)
    return services.successions_of(uow(), agency_id)


@blp.route("/<uuid:agency_id>/successions", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.SuccessionsSchema)
def successions(agency_id):
    """The agencies this one succeeded and the ones that succeeded it."""
    return services.successions_of(mine(agency_id), agency_id)

"""HTTP shapes of an agency's records: quality system, announcements, maintenance, officers, successions."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from contracts.registry import AnnouncementKind, OfficerRole, QualitySystemStatus
from kit.http import Choice

BUILT_WITH = ("TO_CHUC_TU_VAN", "CHUYEN_GIA_DOC_LAP", "TU_XAY_DUNG")
TEXT = validate.Length(1, 300)


class QualitySystemCreateSchema(ma.Schema):
    standard_version = ma.fields.String(load_default="TCVN_ISO_9001_2015", validate=validate.Length(1, 40))
    built_with = ma.fields.String(allow_none=True, validate=validate.OneOf(BUILT_WITH))
    consultant_name = ma.fields.String(allow_none=True, validate=TEXT)
    uses_framework_model = ma.fields.Boolean(load_default=False)
    scope_description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    scope_tthc_count = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))
    internal_process_count = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))


class QualitySystemSchema(QualitySystemCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    agency_id = ma.fields.UUID(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    status = Choice(QualitySystemStatus, dump_only=True)
    status_since = ma.fields.Date(dump_only=True)
    first_applied_on = ma.fields.Date(dump_only=True)
    transition_completed_on = ma.fields.Date(dump_only=True)
    stop_reason = ma.fields.String(dump_only=True)


class OnDateSchema(ma.Schema):
    on = ma.fields.Date(required=True)


class StopSchema(OnDateSchema):
    reason = ma.fields.String(required=True, validate=TEXT)


class ScopeChangeSchema(OnDateSchema):
    reason = ma.fields.String(required=True, validate=validate.Length(1, 32))
    scope_tthc_count = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))
    scope_description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    internal_process_count = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))


class AnnounceSchema(ma.Schema):
    decision_no = ma.fields.String(required=True, validate=validate.Length(1, 100))
    decision_date = ma.fields.Date(required=True)
    signed_by = ma.fields.String(allow_none=True, validate=validate.Length(1, 120))
    reason = ma.fields.String(allow_none=True, validate=validate.Length(1, 32))
    standard_version = ma.fields.String(allow_none=True, validate=validate.Length(1, 40))
    scope_tthc_count = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))
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
    activity_date = ma.fields.Date(required=True)
    description = ma.fields.String(allow_none=True, validate=validate.Length(1, 5000))
    nonconformities_found = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))
    evidence_refs = ma.fields.List(ma.fields.String(validate=TEXT), load_default=list,
                                   validate=validate.Length(max=50))


class MaintenanceSchema(MaintenanceCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    quality_system_id = ma.fields.UUID(dump_only=True)
    year = ma.fields.Integer(dump_only=True)


class YearQuerySchema(ma.Schema):
    year = ma.fields.Integer(validate=validate.Range(2000, 2100))


class OfficerCreateSchema(ma.Schema):
    role = Choice(OfficerRole, required=True)
    full_name = ma.fields.String(required=True, validate=validate.Length(1, 120))
    position = ma.fields.String(allow_none=True, validate=validate.Length(1, 200))
    phone = ma.fields.String(allow_none=True, validate=validate.Regexp(r"^[0-9 +().-]{6,30}$"))
    email = ma.fields.Email(allow_none=True)
    appointed_on = ma.fields.Date(required=True)
    appointment_decision = ma.fields.String(allow_none=True, validate=validate.Length(1, 200))


class OfficerSchema(OfficerCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    agency_id = ma.fields.UUID(dump_only=True)
    removed_on = ma.fields.Date(dump_only=True, allow_none=True)


class OfficerRemoveSchema(ma.Schema):
    removed_on = ma.fields.Date(required=True)


class MergeSchema(ma.Schema):
    successor_agency_id = ma.fields.UUID(required=True)
    merged_on = ma.fields.Date(required=True)
    decision = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))


class SuccessionSchema(ma.Schema):
    predecessor_id = ma.fields.UUID()
    successor_id = ma.fields.UUID()
    kind = ma.fields.String()
    effective_date = ma.fields.Date()
    decision = ma.fields.String()


class SuccessionsSchema(ma.Schema):
    predecessors = ma.fields.List(ma.fields.Nested(SuccessionSchema))
    successors = ma.fields.List(ma.fields.Nested(SuccessionSchema))

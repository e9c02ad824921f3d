"""HTTP shapes of the training service. Unknown fields are rejected (marshmallow RAISE)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from kit.http import Choice
from training.model import ClassStatus, QmsRole, RegistrationStatus, RequestStatus

MAX_PAGE_SIZE = 100
CODE = validate.Regexp(r"^[A-Z][A-Z0-9_]{1,63}$", error="a course type code such as 'NHAN_THUC_CHUNG'")
VND = validate.Range(0, 10**13)


class PageQuery(ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = ma.fields.Integer(load_default=20, validate=validate.Range(1, MAX_PAGE_SIZE))


def page_of(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    return ma.Schema.from_dict({
        "items": ma.fields.List(ma.fields.Nested(item_schema)), "total": ma.fields.Integer(),
        "page": ma.fields.Integer(), "page_size": ma.fields.Integer()}, name=f"{item_schema.__name__}Page")


class CourseTypeSchema(ma.Schema):
    code = ma.fields.String()
    name_vi = ma.fields.String()
    name_en = ma.fields.String()
    qualifies_roles = ma.fields.List(ma.fields.String())


class SettingsSchema(ma.Schema):
    completion_percent = ma.fields.Integer(validate=validate.Range(1, 100))
    season_start_month = ma.fields.Integer(validate=validate.Range(1, 12))
    season_end_month = ma.fields.Integer(validate=validate.Range(1, 12))
    certificate_format = ma.fields.String(validate=validate.Regexp(
        r"^[^{}]*\{seq(:0\dd)?\}[^{}]*\{year\}[^{}]*$|^[^{}]*\{year\}[^{}]*\{seq(:0\dd)?\}[^{}]*$",
        error="use {seq} (or {seq:04d}) and {year} once each, e.g. '{seq:04d}/{year}/GCN-ISO'"))
    overridden = ma.fields.Boolean(dump_only=True)


class SessionSchema(ma.Schema):
    id = ma.fields.UUID(dump_only=True)
    starts_at = ma.fields.AwareDateTime(required=True, default_timezone=None)
    ends_at = ma.fields.AwareDateTime(required=True, default_timezone=None)
    topic = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 300))


class ClassFields(ma.Schema):
    title = ma.fields.String(validate=validate.Length(1, 300))
    audience = ma.fields.List(ma.fields.String(validate=validate.Length(1, 100)), validate=validate.Length(0, 20))
    venue = ma.fields.String(validate=validate.Length(1, 300))
    capacity = ma.fields.Integer(validate=validate.Range(1, 2000))
    provider = ma.fields.String(validate=validate.Length(1, 300))
    trainers = ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)), validate=validate.Length(0, 20))
    cost_estimate = ma.fields.Integer(strict=True, validate=VND, metadata={"description": "VND"})


class ClassCreateSchema(ClassFields):
    title = ma.fields.String(required=True, validate=validate.Length(1, 300))
    course_type = ma.fields.String(required=True, validate=CODE)
    year = ma.fields.Integer(validate=validate.Range(2000, 2100))
    venue = ma.fields.String(required=True, validate=validate.Length(1, 300))
    capacity = ma.fields.Integer(required=True, validate=validate.Range(1, 2000))
    provider = ma.fields.String(required=True, validate=validate.Length(1, 300))
    sessions = ma.fields.List(ma.fields.Nested(SessionSchema), required=True, validate=validate.Length(1, 60))


class OnSiteClassSchema(ClassCreateSchema):
    course_type = ma.fields.String(validate=CODE)


class ClassUpdateSchema(ClassFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise ma.ValidationError("give at least one field to change", "_schema")


class ClassSchema(ClassCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    status = Choice(ClassStatus, dump_only=True)
    status_reason = ma.fields.String(dump_only=True, allow_none=True)
    cost_actual = ma.fields.Integer(dump_only=True, allow_none=True)
    on_site_agency_id = ma.fields.UUID(dump_only=True, allow_none=True)
    in_season = ma.fields.Boolean(dump_only=True)
    confirmed = ma.fields.Integer(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


class StatusChangeSchema(ma.Schema):
    status = Choice(ClassStatus, required=True)
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 1000))
    cost_actual = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=VND)


class ClassQuerySchema(PageQuery):
    year = ma.fields.Integer(validate=validate.Range(2000, 2100))
    course_type = ma.fields.String(validate=CODE)
    status = Choice(ClassStatus)


class NominationSchema(ma.Schema):
    agency_id = ma.fields.UUID(metadata={"description": "required for province staff; an agency officer's own"})
    person_id = ma.fields.String(required=True, validate=validate.Length(1, 64),
                                 metadata={"description": "the person's identity number or e-mail"})
    full_name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    position = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))
    qms_role = Choice(QmsRole, required=True)
    officer_id = ma.fields.UUID(load_default=None, allow_none=True,
                                metadata={"description": "the registry appointment the nominee holds, if any"})


class RegistrationSchema(NominationSchema):
    id = ma.fields.UUID(dump_only=True)
    class_id = ma.fields.UUID(dump_only=True, allow_none=True)
    status = Choice(RegistrationStatus, dump_only=True)
    queue_no = ma.fields.Integer(dump_only=True)
    cancel_reason = ma.fields.String(dump_only=True, allow_none=True)
    completed = ma.fields.Boolean(dump_only=True, allow_none=True)
    certificate_no = ma.fields.String(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class RegistrationQuerySchema(PageQuery):
    class_id = ma.fields.UUID()
    agency_id = ma.fields.UUID()
    status = Choice(RegistrationStatus)


class CancelSchema(ma.Schema):
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 1000))


class AttendanceSchema(ma.Schema):
    present = ma.fields.List(ma.fields.UUID(), load_default=list, validate=validate.Length(0, 2000))
    absent = ma.fields.List(ma.fields.UUID(), load_default=list, validate=validate.Length(0, 2000))


class AttendanceRowSchema(ma.Schema):
    registration_id = ma.fields.UUID()
    session_id = ma.fields.UUID()
    present = ma.fields.Boolean()


class CertificateSchema(ma.Schema):
    id = ma.fields.UUID()
    registration_id = ma.fields.UUID()
    number = ma.fields.String()
    year = ma.fields.Integer()
    issued_at = ma.fields.DateTime()


class RequestCreateSchema(ma.Schema):
    agency_id = ma.fields.UUID(metadata={"description": "required for province staff; an agency officer's own"})
    course_type = ma.fields.String(required=True, validate=CODE)
    participants = ma.fields.Integer(required=True, validate=validate.Range(1, 2000))
    preferred_from = ma.fields.Date(load_default=None, allow_none=True)
    preferred_to = ma.fields.Date(load_default=None, allow_none=True)
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 2000))

    @ma.validates_schema
    def period(self, data: dict, **_kwargs) -> None:
        start, end = data.get("preferred_from"), data.get("preferred_to")
        if start and end and end < start:
            raise ma.ValidationError("preferred_to is before preferred_from", "preferred_to")


class RequestSchema(RequestCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    status = Choice(RequestStatus, dump_only=True)
    class_id = ma.fields.UUID(dump_only=True, allow_none=True)
    decline_reason = ma.fields.String(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class RequestQuerySchema(PageQuery):
    agency_id = ma.fields.UUID()
    status = Choice(RequestStatus)


class DeclineSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(1, 2000))


class OfficerGapSchema(ma.Schema):
    officer_id = ma.fields.UUID()
    full_name = ma.fields.String()
    role = ma.fields.String()
    appointed_on = ma.fields.Date()


class AgencyGapSchema(ma.Schema):
    agency_id = ma.fields.UUID()
    agency_name = ma.fields.String(allow_none=True)
    officers = ma.fields.List(ma.fields.Nested(OfficerGapSchema))


class IndicatorSchema(ma.Schema):
    officers = ma.fields.Integer()
    untrained_officers = ma.fields.Integer()
    agencies_with_officers = ma.fields.Integer()
    non_compliant_agencies = ma.fields.Integer()
    untrained_by_role = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())
    vacant_by_role = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(),
                                    metadata={"description": "known active agencies with nobody in the role"})
    agencies = ma.fields.List(ma.fields.Nested(AgencyGapSchema))

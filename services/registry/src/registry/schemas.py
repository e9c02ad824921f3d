"""HTTP shapes of the registry. Unknown fields are rejected (marshmallow RAISE)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from contracts.registry import AdminLevel, AgencyStatus, AgencyType, Obligation
from kit.http import Choice

TENANT_SLUG = validate.Regexp(r"^[a-z][a-z0-9-]{1,62}$", error="use a lower-case ASCII slug such as 'an-giang'")
UNIT_CODE = validate.Regexp(r"^\d{2}(\d{3})?$", error="a 2-digit province or 5-digit commune code")
MAX_PAGE_SIZE = 100


class TenantSchema(ma.Schema):
    id = ma.fields.String(required=True, validate=TENANT_SLUG)
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    official_code = ma.fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{2}$"))
    created_at = ma.fields.DateTime(dump_only=True)


class AgencyFields(ma.Schema):
    name = ma.fields.String(validate=validate.Length(1, 300))
    short_name = ma.fields.String(allow_none=True, validate=validate.Length(1, 100))
    agency_type = Choice(AgencyType)
    admin_level = Choice(AdminLevel, allow_none=True)
    parent_agency_id = ma.fields.UUID(allow_none=True)
    location_unit_code = ma.fields.String(allow_none=True, validate=UNIT_CODE)
    ma_dinh_danh = ma.fields.String(allow_none=True, validate=validate.Length(1, 40))
    head_name = ma.fields.String(allow_none=True, validate=validate.Length(1, 120))
    website_url = ma.fields.Url(allow_none=True, validate=validate.Length(1, 300))
    tthc_count = ma.fields.Integer(allow_none=True, validate=validate.Range(0, 10_000))
    obligation_override = Choice(Obligation, allow_none=True)
    obligation_decision_no = ma.fields.String(allow_none=True, validate=validate.Length(1, 100))
    obligation_decision_date = ma.fields.Date(allow_none=True)


class AgencyCreateSchema(AgencyFields):
    name = ma.fields.String(required=True, validate=validate.Length(1, 300))
    agency_type = Choice(AgencyType, required=True)
    valid_from = ma.fields.Date(allow_none=True)


class AgencyUpdateSchema(AgencyFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise ma.ValidationError("give at least one field to change", "_schema")


class AgencySchema(AgencyCreateSchema):
    id = ma.fields.UUID(dump_only=True)
    tenant_id = ma.fields.String(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    status = Choice(AgencyStatus, dump_only=True)
    valid_to = ma.fields.Date(dump_only=True, allow_none=True)
    dissolution_decision = ma.fields.String(dump_only=True, allow_none=True)
    obligation = Choice(Obligation, dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class DissolveSchema(ma.Schema):
    dissolved_on = ma.fields.Date(required=True)
    decision = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))


class AgencyQuerySchema(ma.Schema):
    agency_type = Choice(AgencyType)
    status = Choice(AgencyStatus)
    admin_level = Choice(AdminLevel)
    parent_agency_id = ma.fields.UUID()
    q = ma.fields.String(validate=validate.Length(1, 100))
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = ma.fields.Integer(load_default=20, validate=validate.Range(1, MAX_PAGE_SIZE))


class AgencyPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(AgencySchema))
    total = ma.fields.Integer()
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()


class HistoryEntrySchema(ma.Schema):
    version = ma.fields.Integer()
    event_type = ma.fields.String()
    occurred_at = ma.fields.DateTime()
    data = ma.fields.Dict()

"""HTTP shapes of the budget service. Unknown fields are rejected; money is integer VND (never a float)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from budget.caps import Level, Unit
from budget.model import Category, FundingSource, LineStatus, Origin, Owner, format_vnd
from contracts.budget import CapCheck
from kit.http import Choice

MAX_PAGE_SIZE = 100
MAX_VND = 10**13  # ten thousand billion dong: far above any line, far below a 64-bit overflow
DOC = validate.Length(1, 200)
YEAR = validate.Range(2000, 2100)


class Money(ma.fields.Integer):
    """Integer VND: a JSON integer, never a float, a string or a boolean."""

    def __init__(self, *, minimum: int = 0, **kwargs):
        super().__init__(strict=True, validate=validate.Range(minimum, MAX_VND), **kwargs)

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._validated(value)


class OverrideSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(3, 1000))
    document = ma.fields.String(required=True, validate=DOC)


class LineCreateSchema(ma.Schema):
    fiscal_year = ma.fields.Integer(required=True, strict=True, validate=YEAR)
    owner = Choice(Owner)
    agency_id = ma.fields.UUID(load_default=None, allow_none=True)
    title = ma.fields.String(required=True, validate=validate.Length(1, 300))
    category = Choice(Category, required=True)
    extension = ma.fields.Boolean(load_default=False, metadata={"description": "mở rộng phạm vi (extension)"})
    has_framework_model = ma.fields.Boolean(load_default=False)
    months = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(1, 120))
    funding_source = Choice(FundingSource, required=True)
    estimate = Money(required=True)
    cap_override = ma.fields.Nested(OverrideSchema, load_default=None, allow_none=True)


class LineReviseSchema(ma.Schema):
    title = ma.fields.String(validate=validate.Length(1, 300))
    funding_source = Choice(FundingSource)
    months = ma.fields.Integer(allow_none=True, strict=True, validate=validate.Range(1, 120))
    estimate = Money()
    cap_override = ma.fields.Nested(OverrideSchema, load_default=None, allow_none=True)


class ApproveSchema(ma.Schema):
    approved = Money(required=True)
    approving_doc = ma.fields.String(required=True, validate=DOC)
    approved_on = ma.fields.Date(required=True)
    cap_override = ma.fields.Nested(OverrideSchema, load_default=None, allow_none=True)


class DisbursementSchema(ma.Schema):
    amount = Money(required=True, minimum=1)
    spent_on = ma.fields.Date(required=True)
    description = ma.fields.String(required=True, validate=validate.Length(1, 500))
    voucher = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 120))
    origin = Choice(Origin, load_default=Origin.MANUAL)
    origin_ref = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 64))
    cap_override = ma.fields.Nested(OverrideSchema, load_default=None, allow_none=True)


class SettlementSchema(ma.Schema):
    amount = Money(required=True)
    settlement_doc = ma.fields.String(required=True, validate=DOC)
    settled_on = ma.fields.Date(required=True)
    final = ma.fields.Boolean(load_default=False)


class LineQuerySchema(ma.Schema):
    fiscal_year = ma.fields.Integer(validate=YEAR)
    agency_id = ma.fields.UUID()
    owner = Choice(Owner)
    category = Choice(Category)
    status = Choice(LineStatus)
    funding_source = Choice(FundingSource)
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    page_size = ma.fields.Integer(load_default=20, validate=validate.Range(1, MAX_PAGE_SIZE))


def _texts(*names: str):
    return ma.fields.Function(lambda obj: {name: format_vnd(getattr(obj, name)) for name in names},
                              metadata={"description": "amounts in Vietnamese format"})


class LineSchema(ma.Schema):
    id = ma.fields.UUID()
    fiscal_year = ma.fields.Integer()
    owner = ma.fields.String()
    agency_id = ma.fields.UUID(allow_none=True)
    agency_name = ma.fields.String(allow_none=True)
    agency_level = ma.fields.String(allow_none=True)
    title = ma.fields.String()
    category = ma.fields.String()
    extension = ma.fields.Boolean()
    has_framework_model = ma.fields.Boolean()
    months = ma.fields.Integer(allow_none=True)
    funding_source = ma.fields.String()
    estimate = ma.fields.Integer()
    approved = ma.fields.Integer(allow_none=True)
    approving_doc = ma.fields.String(allow_none=True)
    approved_on = ma.fields.Date(allow_none=True)
    disbursed = ma.fields.Integer()
    settled = ma.fields.Integer()
    settlement_doc = ma.fields.String(allow_none=True)
    status = ma.fields.String()
    cost_norm_id = ma.fields.UUID(allow_none=True)
    cap_amount = ma.fields.Integer(allow_none=True)
    cap_check = Choice(CapCheck)
    auto_created = ma.fields.Boolean()
    vnd = _texts("estimate", "approved", "disbursed", "settled", "cap_amount")
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


class LinePageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(LineSchema))
    total = ma.fields.Integer()
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()


class ExpenditureSchema(ma.Schema):
    id = ma.fields.UUID()
    line_id = ma.fields.UUID()
    amount = ma.fields.Integer()
    spent_on = ma.fields.Date()
    description = ma.fields.String()
    voucher = ma.fields.String(allow_none=True)
    origin = ma.fields.String()
    origin_ref = ma.fields.String(allow_none=True)
    vnd = _texts("amount")
    created_at = ma.fields.DateTime()


class SettlementDumpSchema(ma.Schema):
    id = ma.fields.UUID()
    line_id = ma.fields.UUID()
    amount = ma.fields.Integer()
    settlement_doc = ma.fields.String()
    settled_on = ma.fields.Date()
    final = ma.fields.Boolean()
    created_at = ma.fields.DateTime()


class OverrideDumpSchema(ma.Schema):
    id = ma.fields.UUID()
    line_id = ma.fields.UUID()
    action = ma.fields.String()
    amount = ma.fields.Integer()
    cap_amount = ma.fields.Integer()
    cost_norm_id = ma.fields.UUID(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    document = ma.fields.String(allow_none=True)
    recorded_by = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()


class RecordsSchema(ma.Schema):
    expenditures = ma.fields.List(ma.fields.Nested(ExpenditureSchema))
    settlements = ma.fields.List(ma.fields.Nested(SettlementDumpSchema))
    overrides = ma.fields.List(ma.fields.Nested(OverrideDumpSchema))


class NormFields(ma.Schema):
    legal_basis_code = ma.fields.String(validate=validate.Length(1, 40))
    item = ma.fields.String(allow_none=True, validate=validate.Length(1, 60))
    agency_level = Choice(Level, allow_none=True)
    has_framework_model = ma.fields.Boolean(allow_none=True)
    unit = Choice(Unit)
    value = Money(allow_none=True)
    min_value = Money(allow_none=True)
    max_value = Money(allow_none=True)
    percent = ma.fields.Integer(allow_none=True, strict=True, validate=validate.Range(1, 100))
    reference_item = ma.fields.String(allow_none=True, validate=validate.Length(1, 60))
    reference_level = Choice(Level, allow_none=True)
    effective_from = ma.fields.Date()
    effective_to = ma.fields.Date(allow_none=True)
    verification = ma.fields.String(validate=validate.OneOf(["CONFIRMED", "UNVERIFIED", "NOT_FOUND"]))
    note = ma.fields.String(allow_none=True, validate=validate.Length(1, 500))


class NormCreateSchema(NormFields):
    code = ma.fields.String(required=True, validate=validate.Regexp(r"^[A-Z0-9][A-Z0-9_-]{1,59}$"))
    legal_basis_code = ma.fields.String(required=True, validate=validate.Length(1, 40))
    unit = Choice(Unit, required=True)
    effective_from = ma.fields.Date(required=True)
    verification = ma.fields.String(required=True, validate=validate.OneOf(["CONFIRMED", "UNVERIFIED", "NOT_FOUND"]))


class NormVersionSchema(NormFields):
    @ma.validates_schema
    def not_empty(self, data: dict, **_kwargs) -> None:
        if not data:
            raise ma.ValidationError("give at least one field to change", "_schema")


class NormSchema(NormFields):
    id = ma.fields.UUID()
    code = ma.fields.String()
    version = ma.fields.Integer()
    recorded_by = ma.fields.String(allow_none=True)
    recorded_at = ma.fields.DateTime()
    vnd = _texts("value", "min_value", "max_value")


class NormQuerySchema(ma.Schema):
    on = ma.fields.Date()


class CapQuerySchema(ma.Schema):
    category = Choice(Category, required=True)
    agency_level = Choice(Level, load_default=None)
    extension = ma.fields.Boolean(load_default=False)
    has_framework_model = ma.fields.Boolean(load_default=False)
    fiscal_year = ma.fields.Integer(required=True, validate=YEAR)
    months = ma.fields.Integer(load_default=None, validate=validate.Range(1, 120))


class CapSchema(ma.Schema):
    amount = ma.fields.Integer(allow_none=True)
    amount_vnd = ma.fields.Function(lambda cap: format_vnd(cap.amount))
    norm_id = ma.fields.UUID(allow_none=True)
    trail = ma.fields.List(ma.fields.String())


class LegalBasisSchema(ma.Schema):
    code = ma.fields.String()
    document = ma.fields.String()
    article = ma.fields.String(allow_none=True)
    clause = ma.fields.String(allow_none=True)
    summary = ma.fields.String()
    verification = ma.fields.String()


class LevelRuleSchema(ma.Schema):
    agency_type = ma.fields.String()
    agency_level = ma.fields.String()
    legal_basis_code = ma.fields.String()
    verification = ma.fields.String()


class ReferenceSchema(ma.Schema):
    legal_bases = ma.fields.List(ma.fields.Nested(LegalBasisSchema))
    agency_level_rules = ma.fields.List(ma.fields.Nested(LevelRuleSchema))

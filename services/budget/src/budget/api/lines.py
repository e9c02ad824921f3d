"""Routes of budget lines, with their schemas: estimate, revise, approve, disburse, settle, read. Unknown
fields are rejected; money is integer VND."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from budget.api.fields import DOC, YEAR, Money, vnd_texts
from budget.messages import MESSAGES
from budget.model.caps import Override
from budget.model.lines import LineStatus, Owner
from budget.services import lines
from contracts.budget import CapCheck, Category, FundingSource, Origin
from kit import routes
from kit.access import AgencyScope
from kit.auth import Forbidden, require
from kit.errors import NotFound
from kit.fields import Integer
from kit.http import Choice
from kit.messages import render_code
from kit.pagination_schemas import page_fields, page_of
from kit.roles import AGENCY_OFFICERS, MANAGERS_AND_AGENCIES, PROVINCE_MANAGERS

blp = Blueprint("budget", __name__, url_prefix="/api/v1/budget", description="Budget lines under TT 116/2015")

# Approve a line (giao dự toán): the province's admin and its leader.
APPROVERS = frozenset({"province_admin", "province_leader"})
# Reach every line of the province and record overrides of the cap: not the inspectors.
PROVINCE_BUDGET_STAFF = PROVINCE_MANAGERS | APPROVERS
LINE_READERS = PROVINCE_BUDGET_STAFF | AGENCY_OFFICERS
MAX_PAGE_SIZE = 100


class OverrideSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(3, 1000))
    document = ma.fields.String(required=True, validate=DOC)


class LineCreateSchema(ma.Schema):
    fiscal_year = Integer(required=True, strict=True, validate=YEAR)
    owner = Choice(Owner)
    agency_id = ma.fields.UUID(load_default=None, allow_none=True)
    title = ma.fields.String(required=True, validate=validate.Length(1, 300))
    category = Choice(Category, required=True)
    extension = ma.fields.Boolean(load_default=False, metadata={"description": "mở rộng phạm vi (extension)"})
    has_framework_model = ma.fields.Boolean(load_default=False)
    months = Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(1, 120))
    funding_source = Choice(FundingSource, required=True)
    estimate = Money(required=True)
    cap_override = ma.fields.Nested(OverrideSchema, load_default=None, allow_none=True)


class LineReviseSchema(ma.Schema):
    title = ma.fields.String(validate=validate.Length(1, 300))
    funding_source = Choice(FundingSource)
    months = Integer(allow_none=True, strict=True, validate=validate.Range(1, 120))
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
    # The actual costs of classes and inspections come only from their services' events: a manual record claiming
    # their origin would make the real one be skipped as already recorded (issue 20).
    origin = ma.fields.String(load_default=Origin.MANUAL.value, validate=validate.OneOf(
        [Origin.MANUAL.value], error=MESSAGES["origin_not_manual"].replace("{origin}", "{input}")))
    origin_ref = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 64))
    cap_override = ma.fields.Nested(OverrideSchema, load_default=None, allow_none=True)


class SettlementSchema(ma.Schema):
    amount = Money(required=True)
    settlement_doc = ma.fields.String(required=True, validate=DOC)
    settled_on = ma.fields.Date(required=True)
    final = ma.fields.Boolean(load_default=False)


class LineQuerySchema(ma.Schema):
    class Meta:
        include = page_fields(last_page=10_000, max_page_size=MAX_PAGE_SIZE)

    fiscal_year = Integer(validate=YEAR)
    agency_id = ma.fields.UUID()
    owner = Choice(Owner)
    category = Choice(Category)
    status = Choice(LineStatus)
    funding_source = Choice(FundingSource)


class LineSchema(ma.Schema):
    id = ma.fields.UUID()
    version = Integer(metadata={"description": "raised by every change; the ETag a PATCH sends back in If-Match"})
    fiscal_year = Integer()
    owner = ma.fields.String()
    agency_id = ma.fields.UUID(allow_none=True)
    agency_name = ma.fields.String(allow_none=True)
    agency_level = ma.fields.String(allow_none=True)
    title = ma.fields.String()
    category = ma.fields.String()
    extension = ma.fields.Boolean()
    has_framework_model = ma.fields.Boolean()
    months = Integer(allow_none=True)
    funding_source = ma.fields.String()
    estimate = Integer()
    approved = Integer(allow_none=True)
    approving_doc = ma.fields.String(allow_none=True)
    approved_on = ma.fields.Date(allow_none=True)
    disbursed = Integer()
    settled = Integer()
    settlement_doc = ma.fields.String(allow_none=True)
    status = ma.fields.String()
    cost_norm_id = ma.fields.UUID(allow_none=True)
    cap_amount = Integer(allow_none=True)
    cap_check = Choice(CapCheck)
    cap_note = ma.fields.String(allow_none=True, metadata={
        "description": "why there is no cap in the data (cap_check KHONG_XAC_DINH): the norm's note, basis, status"})
    auto_created = ma.fields.Boolean()
    closed_on = ma.fields.Date(allow_none=True, metadata={
        "description": "the province merged into another from this day: the line takes no more records"})
    closed_reason = ma.fields.String(allow_none=True)
    vnd = vnd_texts("estimate", "approved", "disbursed", "settled", "cap_amount")
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


LinePageSchema = page_of(LineSchema, "LinePageSchema")


class ExpenditureSchema(ma.Schema):
    id = ma.fields.UUID()
    line_id = ma.fields.UUID()
    amount = Integer()
    spent_on = ma.fields.Date()
    description = ma.fields.String()
    voucher = ma.fields.String(allow_none=True)
    origin = ma.fields.String()
    origin_ref = ma.fields.String(allow_none=True)
    vnd = vnd_texts("amount")
    created_at = ma.fields.DateTime()


class SettlementDumpSchema(ma.Schema):
    id = ma.fields.UUID()
    line_id = ma.fields.UUID()
    amount = Integer()
    settlement_doc = ma.fields.String()
    settled_on = ma.fields.Date()
    final = ma.fields.Boolean()
    created_at = ma.fields.DateTime()


class OverrideDumpSchema(ma.Schema):
    id = ma.fields.UUID()
    line_id = ma.fields.UUID()
    action = ma.fields.String()
    amount = Integer()
    cap_amount = Integer()
    cost_norm_id = ma.fields.UUID(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    document = ma.fields.String(allow_none=True)
    recorded_by = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()


class RecordsSchema(ma.Schema):
    expenditures = ma.fields.List(ma.fields.Nested(ExpenditureSchema))
    settlements = ma.fields.List(ma.fields.Nested(SettlementDumpSchema))
    overrides = ma.fields.List(ma.fields.Nested(OverrideDumpSchema))


def agency_scope() -> AgencyScope:
    """An agency officer reaches only their agency's lines (another's answer 404); the province's budget staff
    reach every line (an inspector does not count as province-wide here)."""
    caller = routes.principal()
    return AgencyScope.of(caller.roles, caller.agency_id, province_wide=PROVINCE_BUDGET_STAFF)


def own_agency() -> uuid.UUID | None:
    return agency_scope().agency_id


def forbidden(code: str) -> Forbidden:
    """A 403 answered as `@require` answers it (kit.auth), in the words of the catalogue."""
    return Forbidden(render_code(code, {}, MESSAGES), code)


def override(args: dict) -> Override | None:
    given = args.pop("cap_override", None)
    if given is not None and not routes.principal().has_any(PROVINCE_BUDGET_STAFF):
        raise forbidden("override_needs_budget_staff")
    return Override(**given) if given else None


def estimator_fields(args: dict) -> dict:
    scope = agency_scope()
    if not scope.whole_province and args.get("agency_id") is None:
        raise forbidden("agency_officer_names_their_agency")
    if not scope.allows(args["agency_id"]):  # not scope.ensure: its first parameter is named agency_id too
        raise NotFound("agency_not_found", agency_id=args["agency_id"])
    return args


@blp.route("/lines", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(LineCreateSchema)
@blp.response(201, LineSchema)
def estimate_line(args):
    """Estimate a budget line (lập dự toán) for an agency or the province's programme."""
    cap_override = override(args)
    return lines.estimate_line(routes.uow(), estimator_fields(args), override=cap_override,
                               by=routes.principal().subject)


@blp.route("/lines", methods=["GET"])
@require(*LINE_READERS)
@blp.arguments(LineQuerySchema, location="query")
@blp.response(200, LinePageSchema)
def list_lines(args):
    """List and filter budget lines, a page at a time."""
    page, page_size = args.pop("page"), args.pop("page_size")
    own = own_agency()
    if own is not None:
        args["agency_id"] = own
    return lines.list_lines(routes.uow(), args, page, page_size)


@blp.route("/lines/<uuid:line_id>", methods=["GET"])
@require(*LINE_READERS)
@blp.response(200, LineSchema)
def get_line(line_id):
    """One budget line with its disbursed and settled totals."""
    return lines.get_line(routes.uow(), line_id, own_agency())


@blp.route("/lines/<uuid:line_id>", methods=["PATCH"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(LineReviseSchema)
@blp.response(200, LineSchema)
def revise_estimate(args, line_id):
    """Revise an estimate before it is approved, made from the version `If-Match` names (428 without, 412 if
    stale)."""
    cap_override = override(args)
    expected = routes.if_match()
    return lines.revise_estimate(routes.uow(), line_id, args, expected=expected, override=cap_override,
                                 by=routes.principal().subject, agency_id=own_agency())


@blp.route("/lines/<uuid:line_id>/approve", methods=["POST"])
@require(*APPROVERS)
@blp.arguments(ApproveSchema)
@blp.response(200, LineSchema)
def approve_line(args, line_id):
    """Approve the line (giao dự toán) with the approving document."""
    cap_override = override(args)
    return lines.approve_line(routes.uow(), line_id, **args, override=cap_override, by=routes.principal().subject)


@blp.route("/lines/<uuid:line_id>/disbursements", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(DisbursementSchema)
@blp.response(201, ExpenditureSchema)
def disburse(args, line_id):
    """Record money spent on an approved line."""
    cap_override = override(args)
    return lines.disburse(routes.uow(), line_id, lines.Spending(**args), override=cap_override,
                          by=routes.principal().subject)


@blp.route("/lines/<uuid:line_id>/settlements", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(SettlementSchema)
@blp.response(201, SettlementDumpSchema)
def settle(args, line_id):
    """Record a settlement (quyết toán); `final` closes the line."""
    return lines.settle(routes.uow(), line_id, **args, by=routes.principal().subject)


@blp.route("/lines/<uuid:line_id>/records", methods=["GET"])
@require(*LINE_READERS)
@blp.response(200, RecordsSchema)
def line_records(line_id):
    """The line's expenditures, settlements and cap overrides."""
    return lines.records_of(routes.uow(), line_id, own_agency())


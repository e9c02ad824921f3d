"""Routes of budget lines: parse, call one use case, dump. Roles are checked on every route."""

from __future__ import annotations

import uuid

from flask import g
from flask_smorest import Blueprint

from budget import lines, repository, schemas
from budget.checks import Override
from kit import routes
from kit.auth import Forbidden, require
from kit.errors import NotFound

blp = Blueprint("budget", __name__, url_prefix="/api/v1/budget", description="Budget lines under TT 116/2015")

MANAGERS = ("province_admin", "province_officer")
APPROVERS = ("province_admin", "province_leader")
READERS = (*MANAGERS, "province_leader", "agency_officer")
ESTIMATORS = (*MANAGERS, "agency_officer")


uow = routes.uow


def own_agency() -> uuid.UUID | None:
    """An agency officer reaches only their agency's lines (others answer 404); province roles reach all."""
    if g.principal.has_any({*MANAGERS, "province_leader"}):
        return None
    return uuid.UUID(g.principal.agency_id) if g.principal.agency_id else uuid.UUID(int=0)


def override(args: dict) -> Override | None:
    given = args.pop("cap_override", None)
    if given is not None and not g.principal.has_any(set(MANAGERS) | set(APPROVERS)):
        raise Forbidden("only the province's budget officers record an override of the cap")
    return Override(**given) if given else None


def estimator_fields(args: dict) -> dict:
    own = own_agency()
    if own is not None and args.get("agency_id") is None:
        raise Forbidden("an agency officer estimates only their agency's lines")
    if own is not None and args["agency_id"] != own:
        raise NotFound(f"agency {args['agency_id']} not found")
    return args


@blp.route("/lines", methods=["POST"])
@require(*ESTIMATORS)
@blp.arguments(schemas.LineCreateSchema)
@blp.response(201, schemas.LineSchema)
def estimate_line(args):
    """Estimate a budget line (lập dự toán) for an agency or the province's programme."""
    cap_override = override(args)
    return lines.estimate_line(uow(), estimator_fields(args), override=cap_override, by=g.principal.subject)


@blp.route("/lines", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.LineQuerySchema, location="query")
@blp.response(200, schemas.LinePageSchema)
def list_lines(args):
    """List and filter budget lines, a page at a time."""
    page, page_size = args.pop("page"), args.pop("page_size")
    own = own_agency()
    if own is not None:
        args["agency_id"] = own
    return lines.list_lines(uow(), repository.LineFilter(**args), page, page_size)


@blp.route("/lines/<uuid:line_id>", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.LineSchema)
def get_line(line_id):
    """One budget line with its disbursed and settled totals."""
    return lines.get_line(uow(), line_id, own_agency())


@blp.route("/lines/<uuid:line_id>", methods=["PATCH"])
@require(*ESTIMATORS)
@blp.arguments(schemas.LineReviseSchema)
@blp.response(200, schemas.LineSchema)
def revise_estimate(args, line_id):
    """Revise an estimate before it is approved."""
    cap_override = override(args)
    return lines.revise_estimate(uow(), line_id, args, override=cap_override, by=g.principal.subject,
                                 agency_id=own_agency())


@blp.route("/lines/<uuid:line_id>/approve", methods=["POST"])
@require(*APPROVERS)
@blp.arguments(schemas.ApproveSchema)
@blp.response(200, schemas.LineSchema)
def approve_line(args, line_id):
    """Approve the line (giao dự toán) with the approving document."""
    cap_override = override(args)
    return lines.approve_line(uow(), line_id, **args, override=cap_override, by=g.principal.subject)


@blp.route("/lines/<uuid:line_id>/disbursements", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.DisbursementSchema)
@blp.response(201, schemas.ExpenditureSchema)
def disburse(args, line_id):
    """Record money spent on an approved line."""
    cap_override = override(args)
    return lines.disburse(uow(), line_id, lines.Spending(**args), override=cap_override, by=g.principal.subject)


@blp.route("/lines/<uuid:line_id>/settlements", methods=["POST"])
@require(*MANAGERS)
@blp.arguments(schemas.SettlementSchema)
@blp.response(201, schemas.SettlementDumpSchema)
def settle(args, line_id):
    """Record a settlement (quyết toán); `final` closes the line."""
    return lines.settle(uow(), line_id, **args, by=g.principal.subject)


@blp.route("/lines/<uuid:line_id>/records", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.RecordsSchema)
def line_records(line_id):
    """The line's expenditures, settlements and cap overrides."""
    return lines.records_of(uow(), line_id, own_agency())

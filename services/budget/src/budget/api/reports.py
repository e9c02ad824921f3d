"""Routes of the reports, with their schemas: plan against actual for a year as JSON, or as a workbook in a
Vietnamese layout, and the amounts recorded over the cap."""

from __future__ import annotations

import marshmallow as ma
from flask import Response
from flask_smorest import Blueprint
from marshmallow import validate

from budget.api.fields import YEAR
from budget.api.lines import LINE_READERS, OverrideDumpSchema, own_agency
from budget.documents import xlsx
from budget.model.reports import Grouping
from budget.services import reports
from kit import routes
from kit.auth import require
from kit.fields import Integer

blp = Blueprint("budget-reports", __name__, url_prefix="/api/v1/budget", description="Plan against actual")


class ReportQuerySchema(ma.Schema):
    fiscal_year = Integer(required=True, validate=YEAR)
    by = ma.fields.String(load_default=Grouping.AGENCY.value, validate=validate.OneOf([str(g) for g in Grouping]))


class RowSchema(ma.Schema):
    key = ma.fields.String()
    label = ma.fields.String()
    inherited = ma.fields.Boolean(metadata={"description": "a row of a predecessor province's lines (kế thừa)"})
    province = ma.fields.String(allow_none=True, metadata={"description": "the predecessor the lines were made in"})
    province_name = ma.fields.String(allow_none=True)
    lines = Integer()
    estimate = Integer()
    approved = Integer()
    disbursed = Integer()
    settled = Integer()
    over_cap = Integer()


class ReportSchema(ma.Schema):
    fiscal_year = Integer()
    by = ma.fields.String()
    rows = ma.fields.List(ma.fields.Nested(RowSchema))
    total = ma.fields.Nested(RowSchema)


class OverrideQuerySchema(ma.Schema):
    fiscal_year = Integer(required=True, validate=YEAR)


@blp.route("/reports/plan-vs-actual", methods=["GET"])
@require(*LINE_READERS)
@blp.arguments(ReportQuerySchema, location="query")
@blp.response(200, ReportSchema)
def plan_vs_actual(args):
    """Estimate, approved, disbursed and settled for a year, by agency, category or source; a successor province's
    with its predecessors' lines of the year as inherited rows, in the total."""
    return reports.plan_vs_actual(routes.uow(lineage=True), args["fiscal_year"], args["by"], own_agency())


@blp.route("/reports/plan-vs-actual.xlsx", methods=["GET"])
@require(*LINE_READERS)
@blp.arguments(OverrideQuerySchema, location="query")
def plan_vs_actual_xlsx(args):
    """The same report as a workbook (one sheet per grouping, and the amounts over the cap)."""
    year = args["fiscal_year"]
    body = reports.workbook(routes.uow(lineage=True), routes.principal().tenant, year, own_agency())
    headers = {"Content-Disposition": f'attachment; filename="{xlsx.filename(year)}"'}
    return Response(body, mimetype=xlsx.MIME_TYPE, headers=headers)


@blp.route("/overrides", methods=["GET"])
@require(*LINE_READERS)
@blp.arguments(OverrideQuerySchema, location="query")
@blp.response(200, OverrideDumpSchema(many=True))
def list_overrides(args):
    """Amounts recorded over the cap in a year, with their reasons and documents."""
    return reports.overrides_of(routes.uow(), args["fiscal_year"], own_agency())

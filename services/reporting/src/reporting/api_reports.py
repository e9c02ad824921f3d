"""Routes of periodic reports: the province drafts, its leader approves, it submits; the Ministry reviews."""

from __future__ import annotations

from urllib.parse import quote

import marshmallow as ma
from flask import Response, g
from flask_smorest import Blueprint
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.tenancy import tenant_id
from reporting import exports, pdf, reports, services
from reporting import report_lifecycle as chain
from reporting.api import PROVINCE_READERS, national_uow

blp = Blueprint("reporting-reports", __name__, url_prefix="/api/v1/reporting",
                description="Periodic reports and their approval chain")

DRAFTERS = ("province_admin", "province_officer")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ReportCreateSchema(ma.Schema):
    report_type = ma.fields.String(required=True, validate=validate.OneOf(list(exports.TYPE_TITLES)))
    period_start = ma.fields.Date(required=True)
    cutoff = ma.fields.Date(required=True)


class ReportEditSchema(ma.Schema):
    difficulties = ma.fields.String(allow_none=True, validate=validate.Length(max=20_000))
    proposals = ma.fields.String(allow_none=True, validate=validate.Length(max=20_000))
    regenerate = ma.fields.Boolean(load_default=False)


class NoFieldsSchema(ma.Schema):
    """A command without fields: anything sent (a `status`, a `tenant_id`) is refused with 422, not ignored."""


class CommentSchema(ma.Schema):
    comment = ma.fields.String(load_default=None, validate=validate.Length(1, 5_000))


class ReportSchema(ReportCreateSchema):
    id = ma.fields.UUID()
    tenant_id = ma.fields.String()
    due_date = ma.fields.Date(allow_none=True)
    status = ma.fields.String()
    figures = ma.fields.Dict()
    difficulties = ma.fields.String(allow_none=True)
    proposals = ma.fields.String(allow_none=True)
    approved_by = ma.fields.String(allow_none=True)
    submitted_at = ma.fields.DateTime(allow_none=True)
    on_time = ma.fields.Function(reports.on_time)
    reviewed_by = ma.fields.String(allow_none=True)
    review_comment = ma.fields.String(allow_none=True)


uow = routes.uow


@blp.route("/reports", methods=["POST"])
@require(*DRAFTERS)
@blp.arguments(ReportCreateSchema)
@blp.response(201, ReportSchema)
def create_report(args):
    """Generate a report's figures from the read models at its cut-off date."""
    return reports.create_report(uow(), **args)


@blp.route("/reports", methods=["GET"])
@require(*PROVINCE_READERS)
@blp.response(200, ReportSchema(many=True))
def list_reports():
    """The province's reports, newest cut-off first."""
    return reports.list_reports(uow())


@blp.route("/reports/<uuid:report_id>", methods=["GET"])
@require(*PROVINCE_READERS)
@blp.response(200, ReportSchema)
def get_report(report_id):
    """One report of the province."""
    return reports.get_report(uow(), report_id)


@blp.route("/reports/<uuid:report_id>", methods=["PATCH"])
@require(*DRAFTERS)
@blp.arguments(ReportEditSchema)
@blp.response(200, ReportSchema)
def edit_report(args, report_id):
    """Write the narrative (difficulties, proposals); optionally regenerate the figures."""
    return reports.edit_report(uow(), report_id, **args)


@blp.route("/reports/<uuid:report_id>/<any('send-for-approval', submit):action>", methods=["POST"])
@require(*DRAFTERS)
@blp.arguments(NoFieldsSchema, required=False)
@blp.response(200, ReportSchema)
def drafter_action(_args, report_id, action):
    """Send for the leader's approval, or submit an approved report to the Ministry."""
    return reports.advance(uow(), report_id, action.replace("-", "_"), by=g.principal.subject)


@blp.route("/reports/<uuid:report_id>/<any(approve, reject):action>", methods=["POST"])
@require("province_leader")
@blp.arguments(NoFieldsSchema, required=False)
@blp.response(200, ReportSchema)
def leader_action(_args, report_id, action):
    """The Sở's leader approves the report or sends it back to drafting."""
    return reports.advance(uow(), report_id, action, by=g.principal.subject)


@blp.route("/reports/<uuid:report_id>.<any(xlsx, docx, pdf):kind>", methods=["GET"])
@require(*PROVINCE_READERS)
def download(report_id, kind):
    """The report as XLSX, DOCX (Vietnamese official layout) or PDF."""
    return _file(reports.get_report(uow(), report_id), g.principal.tenant, kind)


@blp.route("/national/reports", methods=["GET"])
@require("national_viewer")
@blp.response(200, ReportSchema(many=True))
def national_reports():
    """Every province's submitted reports, with their timeliness."""
    national = national_uow(None)
    return reports.list_reports(national, chain.VISIBLE_NATIONALLY)


class CompletenessSchema(ma.Schema):
    report_type = ma.fields.String(required=True, validate=validate.OneOf(list(exports.TYPE_TITLES)))
    year = ma.fields.Integer(required=True, validate=validate.Range(2000, 2100))


@blp.route("/national/reports/completeness", methods=["GET"])
@require("national_viewer")
@blp.arguments(CompletenessSchema, location="query")
@blp.response(200)
def completeness(args):
    """Which provinces submitted the report of a year, and on time."""
    national = national_uow
    provinces = services.provinces_with_data(national(None))
    return reports.completeness(national(None), provinces, args["report_type"], args["year"])


@blp.route("/national/reports/<province>/<uuid:report_id>", methods=["GET"])
@require("national_viewer")
@blp.response(200, ReportSchema)
def national_report(province, report_id):
    """One submitted report of a province."""
    return reports.get_report(uow(tenant_id(province)), report_id, chain.VISIBLE_NATIONALLY)


@blp.route("/national/reports/<province>/<uuid:report_id>.<any(xlsx, docx, pdf):kind>", methods=["GET"])
@require("national_viewer")
def national_download(province, report_id, kind):
    """A submitted report as XLSX or DOCX."""
    report = reports.get_report(uow(tenant_id(province)), report_id, chain.VISIBLE_NATIONALLY)
    return _file(report, province, kind)


@blp.route("/national/reports/<province>/<uuid:report_id>/<any(accept, return):action>", methods=["POST"])
@require("national_viewer")
@blp.arguments(CommentSchema)
@blp.response(200, ReportSchema)
def review(args, province, report_id, action):
    """Accept a submitted report, or return it for completion with a comment."""
    tenant = tenant_id(province)
    reports.get_report(uow(tenant), report_id, chain.VISIBLE_NATIONALLY)
    return reports.advance(uow(tenant), report_id, action, by=g.principal.subject, comment=args["comment"])


def _file(report, tenant: str, kind: str) -> Response:
    name = reports.province_name(uow(tenant), tenant)
    body = {"xlsx": exports.report_xlsx, "docx": exports.report_docx, "pdf": pdf.report_pdf}[kind](report, name)
    filename = f"Báo cáo ISO {name} {report.cutoff:%d-%m-%Y}.{kind}"
    disposition = f"attachment; filename=\"bao-cao-iso-{report.cutoff:%Y%m%d}.{kind}\"; " \
                  f"filename*=UTF-8''{quote(filename)}"
    return Response(body, content_type={"xlsx": XLSX, "docx": DOCX, "pdf": "application/pdf"}[kind],
                    headers={"Content-Disposition": disposition})

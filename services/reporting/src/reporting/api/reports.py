"""Periodic reports of a province: the province drafts, its leader approves, it submits. The Blueprint
"reporting-reports" is defined here; the Ministry's review routes are in api/national.py."""

from __future__ import annotations

from urllib.parse import quote

import marshmallow as ma
from flask import Response, g
from flask_smorest import Blueprint
from marshmallow import validate

from contracts.reporting import ReportType
from kit import routes
from kit.auth import require
from kit.fields import Integer
from kit.roles import PROVINCE_MANAGERS, PROVINCE_STAFF
from reporting.model.report import on_time
from reporting.services import reports
from reporting.services.reports import ReportFile

blp = Blueprint("reporting-reports", __name__, url_prefix="/api/v1/reporting",
                description="Periodic reports and their approval chain")

CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


class ReportCreateSchema(ma.Schema):
    report_type = ma.fields.String(required=True, validate=validate.OneOf(list(ReportType)))
    period_start = ma.fields.Date(required=True)
    cutoff = ma.fields.Date(required=True)


class ReportEditSchema(ma.Schema):
    difficulties = ma.fields.String(allow_none=True, validate=validate.Length(max=20_000))
    proposals = ma.fields.String(allow_none=True, validate=validate.Length(max=20_000))
    regenerate = ma.fields.Boolean(load_default=False)


class NoFieldsSchema(ma.Schema):
    """A command without fields: anything sent (a `status`, a `tenant_id`) is refused with 422, not ignored."""


class ReasonSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(1, 5_000))


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
    signed_doc_no = ma.fields.Function(
        lambda report: f"{report.doc_number}/{report.doc_symbol}" if report.doc_number else None,
        metadata={"description": "số/ký hiệu given by the province's register when the report was sent, e.g. "
                                 "12/BC-SKHCN"})
    on_time = ma.fields.Function(on_time)
    return_reason = ma.fields.String(allow_none=True, metadata={"description": "why the leader last sent it back"})
    reviewed_by = ma.fields.String(allow_none=True)
    review_comment = ma.fields.String(allow_none=True)
    version = ma.fields.Integer(metadata={"description": "raised on every change; the ETag, and the If-Match of "
                                                         "a PATCH"})


uow = routes.uow


@blp.route("/reports", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(ReportCreateSchema)
@blp.response(201, ReportSchema)
def create_report(args):
    """Generate a report's figures from the read models at its cut-off date; a successor's cover the provinces it
    succeeded for the months before (their records, read only)."""
    return reports.create_report(uow(lineage=True), **args)


class ReportListQuerySchema(ma.Schema):
    year = Integer(load_default=None, validate=validate.Range(2000, 2100),
                   metadata={"description": "only the reports whose cut-off date falls in this year"})


@blp.route("/reports", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(ReportListQuerySchema, location="query")
@blp.response(200, ReportSchema(many=True))
def list_reports(args):
    """The province's reports, newest cut-off first; of one year (its cut-off's) when `year` is given."""
    return reports.list_reports(uow(), year=args["year"])


@blp.route("/reports/<uuid:report_id>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, ReportSchema)
def get_report(report_id):
    """One report of the province."""
    return reports.get_report(uow(), report_id)


@blp.route("/reports/<uuid:report_id>", methods=["PATCH"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(ReportEditSchema)
@blp.response(200, ReportSchema)
def edit_report(args, report_id):
    """Write the narrative (difficulties, proposals); optionally regenerate the figures (as a new report's). Send
    the report's ETag in If-Match (428 without, 412 when it changed since)."""
    expected = routes.if_match()
    return reports.edit_report(uow(lineage=True), report_id, expected=expected, **args)


@blp.route("/reports/<uuid:report_id>/<any('send-for-approval', submit):action>", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(NoFieldsSchema, required=False)
@blp.response(200, ReportSchema)
def drafter_action(_args, report_id, action):
    """Send for the leader's approval, or submit an approved report to the Ministry."""
    return reports.advance(uow(), report_id, action.replace("-", "_"), by=g.principal.subject)


@blp.route("/reports/<uuid:report_id>/approve", methods=["POST"])
@require("province_leader")
@blp.arguments(NoFieldsSchema, required=False)
@blp.response(200, ReportSchema)
def approve(_args, report_id):
    """The Sở's leader approves the report (it can then be sent to the Ministry)."""
    return reports.advance(uow(), report_id, "approve", by=g.principal.subject)


@blp.route("/reports/<uuid:report_id>/reject", methods=["POST"])
@require("province_leader")
@blp.arguments(ReasonSchema)
@blp.response(200, ReportSchema)
def reject(args, report_id):
    """The Sở's leader sends the report back to drafting, saying why (the drafter reads it on the report)."""
    return reports.advance(uow(), report_id, "reject", by=g.principal.subject, comment=args["reason"])


@blp.route("/reports/<uuid:report_id>.<any(xlsx, docx, pdf):kind>", methods=["GET"])
@require(*PROVINCE_STAFF)
def download(report_id, kind):
    """The report as XLSX, DOCX (Vietnamese official layout) or PDF."""
    return file_response(reports.report_file(uow(), report_id, kind))


def file_response(file: ReportFile) -> Response:
    """The document as an attachment, named in Vietnamese (with an ASCII fallback); a PDF signed with the
    province's certificate and verified, when it has one (X-Signature, ADR 30)."""
    filename = f"Báo cáo ISO {file.province} {file.cutoff:%d-%m-%Y}.{file.kind}"
    disposition = f"attachment; filename=\"bao-cao-iso-{file.cutoff:%Y%m%d}.{file.kind}\"; " \
                  f"filename*=UTF-8''{quote(filename)}"
    body, signature = routes.signed_pdf(file.body, file.tenant) if file.kind == "pdf" else (file.body, {})
    return Response(body, content_type=CONTENT_TYPES[file.kind],
                    headers={"Content-Disposition": disposition, **signature})

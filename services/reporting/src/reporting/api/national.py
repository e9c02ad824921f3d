"""National oversight: the Ministry reads every province's figures and reviews their submitted reports.

The one module of reporting that reads across provinces (`national_uow`), for aggregates only. Its routes belong
to the Blueprints of api/figures.py ("reporting") and api/reports.py ("reporting-reports").
"""

from __future__ import annotations

import marshmallow as ma
from flask import g
from marshmallow import validate

from contracts.reporting import ReportType
from kit import borders, routes
from kit.auth import require
from kit.borders import BordersSchema
from kit.errors import NotFound
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF
from kit.tenancy import TenantId, tenant_id
from kit.uow import UnitOfWork
from reporting.api import figures as figures_api
from reporting.api import reports as reports_api
from reporting.api.schemas import NationalSchema, ProvinceFiguresSchema
from reporting.model.figures import SUMMED
from reporting.model.report import VISIBLE_NATIONALLY
from reporting.services import freshness as freshness_service
from reporting.services import national as national_service
from reporting.services import reports

uow = routes.uow


def province_of(slug: str, report_id) -> TenantId:
    """The province segment of a report's path; one that cannot be a province (`A`) names no report: 404."""
    try:
        return tenant_id(slug)
    except ValueError:
        raise NotFound("report_not_found", report_id=report_id) from None


def national_uow(tenant: TenantId | None, lineage: bool = False) -> UnitOfWork:
    """National oversight reads aggregates across provinces: the one cross-tenant reader of the platform. A
    province with `lineage`: with the provinces it succeeded (`borders=current`)."""
    return routes.uow(tenant, lineage=lineage) if tenant is not None else routes.across_tenants()


# Figures (Blueprint "reporting")


@figures_api.blp.route("/national", methods=["GET"])
@require("national_viewer")
@figures_api.blp.arguments(figures_api.PeriodSchema, location="query")
@figures_api.blp.response(200, NationalSchema)
def national(args):
    """Every province's figures side by side, their sum and their ranking: the provinces in force on `as_of`
    (`borders=as_reported`), or today's with their predecessors' history (`borders=current`)."""
    return national_service.national_figures(national_uow, *figures_api.period(args),
                                             current=borders.current(args))


@figures_api.blp.route("/national/<province>", methods=["GET"])
@require("national_viewer")
@figures_api.blp.arguments(figures_api.PeriodSchema, location="query")
@figures_api.blp.response(200, ProvinceFiguresSchema)
def national_drill_down(args, province):
    """One province's aggregates (never its records), with the `headline` figures its own dashboard shows."""
    return national_service.one_province(national_uow, province, *figures_api.period(args),
                                         current=borders.current(args))


@figures_api.blp.route("/freshness", methods=["GET"])
@require(*PROVINCE_STAFF, "national_viewer")
@figures_api.blp.response(200)
def freshness():
    """How many events the read models have applied, when the last one was, and how many still wait (lag)."""
    return freshness_service.freshness(national_uow(None), routes.runtime().lag)


class SeriesSchema(BordersSchema):
    figure = ma.fields.String(required=True, validate=ma.validate.OneOf(list(SUMMED)))
    first_year = Integer(required=True, validate=ma.validate.Range(2000, 2100))
    last_year = Integer(required=True, validate=ma.validate.Range(2000, 2100))

    @ma.validates_schema
    def ordered(self, data, **_kwargs):
        if not 0 <= data["last_year"] - data["first_year"] <= 30:
            raise ma.ValidationError("give at most 30 years, first_year <= last_year", "last_year")


@figures_api.blp.route("/national/series", methods=["GET"])
@require("national_viewer")
@figures_api.blp.arguments(SeriesSchema, location="query")
@figures_api.blp.response(200)
def national_series(args):
    """One figure at each year's end, per province and summed."""
    years = range(args["first_year"], args["last_year"] + 1)
    return national_service.national_series(national_uow, args["figure"], years,
                                            current=borders.current(args))


# Submitted reports (Blueprint "reporting-reports")


class CommentSchema(ma.Schema):
    comment = ma.fields.String(load_default=None, validate=validate.Length(1, 5_000))


class CompletenessSchema(ma.Schema):
    report_type = ma.fields.String(required=True, validate=validate.OneOf(list(ReportType)))
    year = Integer(required=True, validate=validate.Range(2000, 2100))


@reports_api.blp.route("/national/reports", methods=["GET"])
@require("national_viewer")
@reports_api.blp.response(200, reports_api.ReportSchema(many=True))
def national_reports():
    """Every province's submitted reports, with their timeliness."""
    return reports.list_reports(national_uow(None), VISIBLE_NATIONALLY)


@reports_api.blp.route("/national/reports/completeness", methods=["GET"])
@require("national_viewer")
@reports_api.blp.arguments(CompletenessSchema, location="query")
@reports_api.blp.response(200)
def completeness(args):
    """Which provinces submitted the report of a year, and on time."""
    return reports.completeness(national_uow, args["report_type"], args["year"])


@reports_api.blp.route("/national/reports/<province>/<uuid:report_id>", methods=["GET"])
@require("national_viewer")
@reports_api.blp.response(200, reports_api.ReportSchema)
def national_report(province, report_id):
    """One submitted report of a province."""
    return reports.get_report(uow(province_of(province, report_id)), report_id, VISIBLE_NATIONALLY)


@reports_api.blp.route("/national/reports/<province>/<uuid:report_id>.<any(xlsx, docx, pdf):kind>",
                       methods=["GET"])
@require("national_viewer")
def national_download(province, report_id, kind):
    """A submitted report as XLSX or DOCX."""
    return reports_api.file_response(reports.report_file(uow(province_of(province, report_id)), report_id, kind,
                                                         VISIBLE_NATIONALLY))


@reports_api.blp.route("/national/reports/<province>/<uuid:report_id>/<any(accept, return):action>",
                       methods=["POST"])
@require("national_viewer")
@reports_api.blp.arguments(CommentSchema)
@reports_api.blp.response(200, reports_api.ReportSchema)
def review(args, province, report_id, action):
    """Accept a submitted report, or return it for completion with a comment."""
    return reports.review(uow(province_of(province, report_id)), report_id, action, by=g.principal.subject,
                          comment=args["comment"])

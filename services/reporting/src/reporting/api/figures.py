"""A province reads its own figures. The Blueprint "reporting" is defined here; its national routes are in
api/national.py."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from flask_smorest import Blueprint

from kit import borders, calendar, routes
from kit.auth import require
from kit.borders import BordersSchema
from kit.errors import RuleViolated
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF
from reporting.api.schemas import ProvinceFiguresSchema, YearlySeriesSchema
from reporting.services import dashboard

MAX_YEARS = 30

blp = Blueprint("reporting", __name__, url_prefix="/api/v1/reporting", description="Figures and oversight")


class PeriodSchema(BordersSchema):
    as_of = ma.fields.Date(load_default=None)
    period_start = ma.fields.Date(load_default=None, data_key="from")


def period(args) -> tuple[date, date]:
    """(as_of, period start): today and the first of its year unless given; a period cannot start after its end."""
    as_of = args.get("as_of") or calendar.today()
    start = args.get("period_start") or date(as_of.year, 1, 1)
    if start > as_of:
        raise RuleViolated("period_starts_after_as_of", period_start=start.isoformat(), as_of=as_of.isoformat())
    return as_of, start


@blp.route("/figures", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(PeriodSchema, location="query")
@blp.response(200, ProvinceFiguresSchema)
def province_figures(args):
    """The caller's province: agencies, quality systems, announcements, transition, communes, inspections, and the
    `headline` figures with their targets and records; `borders=current`: with the provinces it succeeded (their
    records, read only)."""
    return dashboard.province_dashboard(routes.uow(lineage=borders.current(args)), *period(args))


class YearsSchema(BordersSchema):
    from_year = Integer(required=True, validate=ma.validate.Range(2000, 2100))
    to_year = Integer(required=True, validate=ma.validate.Range(2000, 2100))

    @ma.validates_schema
    def ordered(self, data, **_kwargs):
        if not 0 <= data["to_year"] - data["from_year"] < MAX_YEARS:
            raise ma.ValidationError(f"Tối đa {MAX_YEARS} năm, năm đầu không sau năm cuối / give at most {MAX_YEARS} "
                                     "years, from_year <= to_year", "to_year")
        if data["to_year"] > calendar.today().year:
            raise ma.ValidationError("Năm cuối không được sau năm nay / to_year cannot be after the current year",
                                     "to_year")


@blp.route("/series", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(YearsSchema, location="query")
@blp.response(200, YearlySeriesSchema)
def province_series(args):
    """The caller's province: the headline figures at the end of each year (today for the current one), each with
    its target and whether it was met."""
    years = range(args["from_year"], args["to_year"] + 1)
    return dashboard.province_series(routes.uow(lineage=borders.current(args)), years)

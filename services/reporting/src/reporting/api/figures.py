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
from kit.roles import PROVINCE_STAFF
from reporting.services import figures

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
@blp.response(200)
def province_figures(args):
    """The caller's province: agencies, quality systems, announcements, transition, communes, inspections;
    `borders=current`: with the provinces it succeeded (their records, read only)."""
    return figures.province_figures(routes.uow(lineage=borders.current(args)), *period(args))

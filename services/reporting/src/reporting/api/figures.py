"""A province reads its own figures. The Blueprint "reporting" is defined here; its national routes are in
api/national.py."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from flask_smorest import Blueprint

from kit import borders, calendar, routes
from kit.auth import require
from kit.borders import BordersSchema
from kit.roles import PROVINCE_STAFF
from reporting.services import figures

blp = Blueprint("reporting", __name__, url_prefix="/api/v1/reporting", description="Figures and oversight")


class PeriodSchema(BordersSchema):
    as_of = ma.fields.Date(load_default=None)
    period_start = ma.fields.Date(load_default=None, data_key="from")


def period(args) -> tuple[date, date]:
    """(as_of, period start): today and the first of its year unless given."""
    as_of = args.get("as_of") or calendar.today()
    return as_of, args.get("period_start") or date(as_of.year, 1, 1)


@blp.route("/figures", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(PeriodSchema, location="query")
@blp.response(200)
def province_figures(args):
    """The caller's province: agencies, quality systems, announcements, transition, communes, inspections;
    `borders=current`: with the provinces it succeeded (their records, read only)."""
    return figures.province_figures(routes.uow(lineage=borders.current(args)), *period(args))

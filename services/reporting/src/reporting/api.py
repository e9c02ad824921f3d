"""Routes of reporting: a province reads its own figures; national oversight reads every province's."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from flask import g
from flask_smorest import Blueprint

from kit import routes
from kit.auth import require
from kit.errors import NotFound
from kit.tenancy import tenant_id
from reporting import services

blp = Blueprint("reporting", __name__, url_prefix="/api/v1/reporting", description="Figures and oversight")

PROVINCE_READERS = ("province_admin", "province_officer", "province_leader", "inspector")


class PeriodSchema(ma.Schema):
    as_of = ma.fields.Date(load_default=None)
    period_start = ma.fields.Date(load_default=None, data_key="from")


def _period(args) -> tuple[date, date]:
    as_of = args.get("as_of") or date.today()
    return as_of, args.get("period_start") or date(as_of.year, 1, 1)


def uow(tenant):
    return routes.uow(tenant)


def national_uow(tenant):
    """National oversight reads aggregates across provinces: the one cross-tenant reader of the platform."""
    return routes.uow(tenant) if tenant is not None else routes.across_tenants()


@blp.route("/figures", methods=["GET"])
@require(*PROVINCE_READERS)
@blp.arguments(PeriodSchema, location="query")
@blp.response(200)
def province_figures(args):
    """The caller's province: agencies, quality systems, announcements, transition, communes, inspections."""
    return services.province_figures(uow(g.principal.tenant), *_period(args))


@blp.route("/national", methods=["GET"])
@require("national_viewer")
@blp.arguments(PeriodSchema, location="query")
@blp.response(200)
def national(args):
    """Every province's figures side by side, and their sum."""
    return services.national_figures(national_uow, *_period(args))


@blp.route("/national/<province>", methods=["GET"])
@require("national_viewer")
@blp.arguments(PeriodSchema, location="query")
@blp.response(200)
def national_drill_down(args, province):
    """One province's aggregates (never its records)."""
    if province not in services.provinces_with_data(national_uow(None)):
        raise NotFound(f"no figures for province {province!r}")
    return services.province_figures(uow(tenant_id(province)), *_period(args))


@blp.route("/freshness", methods=["GET"])
@require(*PROVINCE_READERS, "national_viewer")
@blp.response(200)
def freshness():
    """How many events the read models have applied, when the last one was, and how many still wait (lag)."""
    return services.freshness(national_uow(None), routes.runtime().lag)


class SeriesSchema(ma.Schema):
    figure = ma.fields.String(required=True, validate=ma.validate.OneOf(list(services.SUMMED)))
    first_year = ma.fields.Integer(required=True, validate=ma.validate.Range(2000, 2100))
    last_year = ma.fields.Integer(required=True, validate=ma.validate.Range(2000, 2100))

    @ma.validates_schema
    def ordered(self, data, **_kwargs):
        if not 0 <= data["last_year"] - data["first_year"] <= 30:
            raise ma.ValidationError("give at most 30 years, first_year <= last_year", "last_year")


@blp.route("/national/series", methods=["GET"])
@require("national_viewer")
@blp.arguments(SeriesSchema, location="query")
@blp.response(200)
def national_series(args):
    """One figure at each year's end, per province and summed."""
    years = range(args["first_year"], args["last_year"] + 1)
    return services.national_series(national_uow, args["figure"], years)

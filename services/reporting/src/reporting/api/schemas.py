"""Response schemas of the dashboards' figures (ADR 35): a figure with its target and records, a province's
figures with their headline, its yearly series and the national ranking."""

from __future__ import annotations

import marshmallow as ma

from kit.fields import Integer

HEADLINE = ("mandatory", "mandatory_applying", "inspections_planned", "inspections_done", "inspections_on_site",
            "on_site_share", "recommendations_open", "recommendations_overdue", "trained_people", "budget_disbursed")


class RecordsSchema(ma.Schema):
    path = ma.fields.String(metadata={"description": "the web UI's list, e.g. /inspections"})
    query = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Raw(),
                           metadata={"description": "its filters, e.g. {\"year\": 2026}"})
    href = ma.fields.String(metadata={"description": "path and query as one link"})
    exact = ma.fields.Boolean(metadata={"description": "true: the list shows exactly the records counted; false: "
                                                      "it shows them among others its filters cannot exclude"})


class FigureSchema(ma.Schema):
    value = Integer()
    of = Integer(allow_none=True, metadata={"description": "what the value is out of (null: a plain count)"})
    percent = Integer(allow_none=True, metadata={"description": "value of `of` in whole percent; never 100 while "
                                                                "one is missing; null of nothing"})
    target = Integer(allow_none=True, metadata={"description": "the target percent (null: none)"})
    met = ma.fields.Boolean(allow_none=True, metadata={"description": "whether the share reaches the target "
                                                                      "(null: no target, or nothing to count)"})
    records = ma.fields.Nested(RecordsSchema, allow_none=True)


HeadlineSchema = ma.Schema.from_dict({name: ma.fields.Nested(FigureSchema) for name in HEADLINE},
                                     name="HeadlineSchema")


class ProvinceFiguresSchema(ma.Schema):
    as_of = ma.fields.Date()
    period_start = ma.fields.Date()
    total = Integer()
    obliged = Integer()
    obliged_applying = Integer()
    applying = Integer()
    announced = Integer()
    on_2015 = Integer()
    re_announced_in_period = Integer()
    by_agency_type = ma.fields.Dict()
    by_admin_level = ma.fields.Dict()
    transition = ma.fields.Dict()
    communes = ma.fields.Dict()
    obliged_share = ma.fields.Dict()
    upkeep = ma.fields.Dict()
    inspections = ma.fields.Dict()
    recommendations = ma.fields.Dict()
    training = ma.fields.Dict()
    budget = ma.fields.Dict()
    headline = ma.fields.Nested(HeadlineSchema, metadata={
        "description": "the figures a leader decides on, each with its target, whether met, and its records"})
    records = ma.fields.Dict(metadata={"description": "the records of each group: by_agency_type, by_admin_level"})


class YearSchema(ma.Schema):
    year = Integer()
    as_of = ma.fields.Date(metadata={"description": "31 December, or today for the current year"})
    figures = ma.fields.Nested(HeadlineSchema)


class YearlySeriesSchema(ma.Schema):
    series = ma.fields.List(ma.fields.Nested(YearSchema))


class RankingLineSchema(ma.Schema):
    province = ma.fields.String()
    rank = Integer(allow_none=True, metadata={"description": "1 first; equal shares share a rank; null: the "
                                                             "province has no obliged agency"})
    obliged = Integer()
    obliged_applying = Integer()
    applying_percent = Integer(allow_none=True)
    inspections_planned = Integer()
    inspections_done = Integer()
    done_percent = Integer(allow_none=True)


class NationalSchema(ma.Schema):
    as_of = ma.fields.Date()
    period_start = ma.fields.Date()
    borders = ma.fields.String()
    provinces = ma.fields.Dict(metadata={
        "description": "each province's figures, as /national/<province> gives them (without its headline)"})
    total = ma.fields.Dict()
    ranking = ma.fields.List(ma.fields.Nested(RankingLineSchema), metadata={
        "description": "by the share of obliged agencies applying, then of planned inspections done"})

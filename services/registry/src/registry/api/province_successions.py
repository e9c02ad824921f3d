"""Routes of province successions (the 2025 reorganisation): the platform admin's dry run and execution, and
reading them; a province's end of its districts on 30/6/2025. On the registry's main blueprint
(`api/agencies.py`), beside the provinces (`api/tenants.py`).
See docs/adr/0017-province-successions.md."""

from __future__ import annotations

import marshmallow as ma
from flask import Response
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.roles import NATIONAL, PROVINCE_MANAGERS
from registry.api.agencies import TENANT_SLUG, blp
from registry.api.spreadsheets import BINARY, XLSX, file_refused, upload
from registry.documents import succession_plan
from registry.model.successions import Action
from registry.services import districts
from registry.services import province_successions as successions


class SuccessionPlanEntrySchema(ma.Schema):
    agency_id = ma.fields.UUID(required=True)
    action = ma.fields.String(required=True, validate=validate.OneOf([a.value for a in Action]))
    into = ma.fields.UUID(load_default=None, allow_none=True, metadata={
        "description": "merge: the successor's agency this one merges into"})


class PlanQuerySchema(ma.Schema):
    """The provinces of a succession and its date: what a plan is drawn for."""

    successor = ma.fields.String(required=True, validate=TENANT_SLUG)
    predecessors = ma.fields.List(ma.fields.String(validate=TENANT_SLUG), required=True,
                                  validate=validate.Length(1, 10))
    effective_date = ma.fields.Date(required=True)


class ProvinceSuccessionRequestSchema(PlanQuerySchema):
    legal_basis = ma.fields.String(required=True, validate=validate.Length(1, 200),
                                   metadata={"example": "Nghị quyết 202/2025/QH15"})
    plan = ma.fields.List(ma.fields.Nested(SuccessionPlanEntrySchema), load_default=list,
                          validate=validate.Length(max=20000))
    default_action = ma.fields.String(load_default=None, allow_none=True,
                                      validate=validate.OneOf([Action.CONTINUE.value, Action.END.value]),
                                      metadata={"description": "for the agencies the plan does not name"})


class SuccessionAgencySchema(ma.Schema):
    agency_id = ma.fields.UUID(attribute="id")
    tenant = ma.fields.String()
    name = ma.fields.String()
    agency_type = ma.fields.String()


class SuccessionConflictSchema(ma.Schema):
    agency_id = ma.fields.UUID()
    problem = ma.fields.String()


class SuccessionDryRunSchema(ma.Schema):
    executable = ma.fields.Boolean()
    agencies = ma.fields.Function(lambda outcome: len(outcome.steps) + len(outcome.unmapped))
    counts = ma.fields.Function(lambda outcome: outcome.counts(), metadata={
        "description": "agencies per action and agency type"})
    unmapped = ma.fields.List(ma.fields.Nested(SuccessionAgencySchema))
    conflicts = ma.fields.List(ma.fields.Nested(SuccessionConflictSchema))


class SuccessionStepSchema(ma.Schema):
    agency_id, tenant, name, agency_type, action = (ma.fields.String() for _ in range(5))
    successor_agency_id = ma.fields.String(allow_none=True)
    done = ma.fields.Boolean()


class ProvinceSuccessionSchema(ma.Schema):
    id = ma.fields.UUID()
    successor = ma.fields.String()
    predecessors = ma.fields.List(ma.fields.String())
    effective_date = ma.fields.Date()
    legal_basis = ma.fields.String()
    status = ma.fields.String()
    counts = ma.fields.Dict()
    steps = ma.fields.List(ma.fields.Nested(SuccessionStepSchema))
    executed_by = ma.fields.String(allow_none=True)
    started_at = ma.fields.DateTime()
    finished_at = ma.fields.DateTime(allow_none=True)


@blp.route("/successions/dry-run", methods=["POST"])
@require("platform_admin")
@blp.arguments(ProvinceSuccessionRequestSchema)
@blp.response(200, SuccessionDryRunSchema)
def dry_run(args):
    """What executing the succession would do: agencies per action and type, those left unmapped, conflicts."""
    return successions.dry_run(routes.across_tenants(), _request(args))


@blp.route("/successions", methods=["POST"])
@require("platform_admin")
@blp.arguments(ProvinceSuccessionRequestSchema)
@blp.response(201, ProvinceSuccessionSchema)
@blp.alt_response(200, schema=ProvinceSuccessionSchema, description="already executed: nothing changed")
def execute(args):
    """Execute the succession (idempotent: executed again it changes nothing; interrupted, it resumes)."""
    succession, written = successions.execute(routes.across_tenants, routes.uow, _request(args), routes.actor())
    return succession, 201 if written else 200


@blp.route("/successions", methods=["GET"])
@require(*NATIONAL)
@blp.response(200, ProvinceSuccessionSchema(many=True))
def list_successions():
    """The province successions on record."""
    return successions.list_successions(routes.across_tenants())


@blp.route("/successions/<uuid:succession_id>", methods=["GET"])
@require(*NATIONAL)
@blp.response(200, ProvinceSuccessionSchema)
def get_succession(succession_id):
    """One succession with its steps."""
    return successions.get_succession(routes.across_tenants(), succession_id)


def _request(args: dict) -> successions.Request:
    return successions.Request(
        successor=args["successor"], predecessors=args["predecessors"], effective_date=args["effective_date"],
        legal_basis=args["legal_basis"], entries=args["plan"],
        default_action=Action(args["default_action"]) if args["default_action"] else None)


class PlanReadSchema(ma.Schema):
    plan = ma.fields.List(ma.fields.Nested(SuccessionPlanEntrySchema))


@blp.route("/successions/plan.xlsx", methods=["GET"])
@require("platform_admin")
@blp.arguments(PlanQuerySchema, location="query")
@blp.doc(responses={"200": {"description": "the plan to fill in (docs/registry-successions.md)",
                            "content": {XLSX: BINARY}}})
def plan_workbook(args):
    """The predecessors' agencies as an .xlsx plan to fill in, each with a suggested action."""
    request_ = successions.Request(args["successor"], args["predecessors"], args["effective_date"], "", [])
    body = succession_plan.write_plan(successions.plan_to_fill(routes.across_tenants(), request_))
    disposition = f'attachment; filename="phuong-an-{args["successor"]}.xlsx"'
    return Response(body, mimetype=XLSX, headers={"Content-Disposition": disposition})


@blp.route("/successions/plan", methods=["POST"])
@require("platform_admin")
@blp.response(200, PlanReadSchema)
@blp.doc(requestBody={"required": True, "content": {XLSX: BINARY, "multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def read_plan():
    """Read a filled-in .xlsx plan into the `plan` the dry run and the execution take (422 naming each bad
    cell)."""
    entries, errors = succession_plan.read_plan(upload())
    if errors:
        return file_refused(errors)
    return {"plan": entries}


class DistrictAgencySchema(ma.Schema):
    id = ma.fields.UUID()
    name = ma.fields.String()
    agency_type = ma.fields.String()
    admin_level = ma.fields.String(allow_none=True)
    valid_to = ma.fields.Date(allow_none=True)


@blp.route("/agencies/districts-end", methods=["GET"])
@require(*PROVINCE_MANAGERS)
@blp.response(200, DistrictAgencySchema(many=True))
def district_agencies():
    """The dry run of the end of the districts: the province's district-level agencies still on the register on
    30/6/2025 that the execution would end."""
    return districts.district_agencies(routes.uow())


@blp.route("/agencies/districts-end", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.response(200, DistrictAgencySchema(many=True))
def end_districts():
    """End the province's district-level agencies on 30/6/2025 (Nghị quyết 202/2025/QH15: no districts from
    1/7/2025); those ended now (none, executed again)."""
    return districts.end_districts(routes.uow())

"""Routes that correct the date of a quality system's step on record, on the records blueprint
(`api/quality_systems.py`); docs/adr/0036-step-date-corrections.md."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from contracts.registry import QualitySystemStep
from kit import routes
from kit.auth import require
from kit.http import Choice
from kit.roles import MANAGERS_AND_AGENCIES, STAFF_AND_AGENCIES
from registry.api.access import agency_uow
from registry.api.quality_systems import QS, blp, happened
from registry.services import step_dates


class CorrectionCreateSchema(ma.Schema):
    step = Choice(QualitySystemStep, required=True)
    on = ma.fields.Date(required=True, validate=happened)
    reason = ma.fields.String(required=True, validate=validate.Length(1, 500))


class CorrectionSchema(ma.Schema):
    id = ma.fields.UUID()
    quality_system_id = ma.fields.UUID()
    step = Choice(QualitySystemStep)
    old_date = ma.fields.Date()
    new_date = ma.fields.Date()
    reason = ma.fields.String()
    corrected_by = ma.fields.String()
    corrected_at = ma.fields.DateTime()


class StepSchema(ma.Schema):
    step = Choice(QualitySystemStep)
    on = ma.fields.Date()


@blp.route(f"{QS}/corrections", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(CorrectionCreateSchema)
@blp.response(201, CorrectionSchema)
def correct_step_date(args, agency_id):
    """Correct the date of a step on record, with the reason (kept in the history)."""
    return step_dates.correct_step_date(agency_uow(agency_id), agency_id, corrected_by=routes.principal().subject,
                                        **args)


@blp.route(f"{QS}/corrections", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, CorrectionSchema(many=True))
def list_corrections(agency_id):
    """The corrections of the agency's step dates, oldest first."""
    return step_dates.list_corrections(agency_uow(agency_id), agency_id)


@blp.route(f"{QS}/steps", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, StepSchema(many=True))
def recorded_steps(agency_id):
    """The current quality system's dated steps on record, oldest first (those a correction may move)."""
    return step_dates.recorded_steps(agency_uow(agency_id), agency_id)

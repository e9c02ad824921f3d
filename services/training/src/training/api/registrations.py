"""Routes for nominations, the waitlist and cancellations. Agency officers see only their agency's."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate

from contracts.training import QmsRole
from kit.auth import require
from kit.fields import Integer
from kit.http import Choice
from kit.pagination_schemas import page_of
from kit.roles import MANAGERS_AND_AGENCIES, STAFF_AND_AGENCIES
from kit.routes import principal, uow
from training.api.classes import PageQuery
from training.model import Actor, RegistrationStatus
from training.services import registrations


class NominationSchema(ma.Schema):
    agency_id = ma.fields.UUID(metadata={"description": "required for province staff; an agency officer's own"})
    person_id = ma.fields.String(required=True, validate=validate.Length(1, 64),
                                 metadata={"description": "the person's identity number or e-mail"})
    full_name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    position = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))
    qms_role = Choice(QmsRole, required=True)
    officer_id = ma.fields.UUID(load_default=None, allow_none=True,
                                metadata={"description": "the registry appointment the nominee holds, if any"})


class RegistrationSchema(NominationSchema):
    id = ma.fields.UUID(dump_only=True)
    class_id = ma.fields.UUID(dump_only=True, allow_none=True)
    status = Choice(RegistrationStatus, dump_only=True)
    queue_no = Integer(dump_only=True)
    cancel_reason = ma.fields.String(dump_only=True, allow_none=True)
    completed = ma.fields.Boolean(dump_only=True, allow_none=True)
    certificate_no = ma.fields.String(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


RegistrationSchemaPage = page_of(RegistrationSchema, "RegistrationSchemaPage")


class RegistrationQuerySchema(PageQuery):
    class_id = ma.fields.UUID()
    agency_id = ma.fields.UUID()
    status = Choice(RegistrationStatus)


class CancelSchema(ma.Schema):
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 1000))


blp = Blueprint("training_registrations", __name__, url_prefix="/api/v1/training",
                description="Nominations, waitlist and cancellations")


@blp.route("/classes/<uuid:class_id>/registrations", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(NominationSchema)
@blp.response(201, RegistrationSchema)
def nominate(args, class_id):
    """Nominate a person for a class: confirmed while places last, else waitlisted in order."""
    return registrations.nominate(uow(), class_id, args, Actor.of(principal()))


@blp.route("/registrations", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(RegistrationQuerySchema, location="query")
@blp.response(200, RegistrationSchemaPage)
def list_registrations(args):
    """List registrations (an agency officer sees only their agency's), in queue order per class."""
    return registrations.list_registrations(uow(), Actor.of(principal()), **args)


@blp.route("/registrations/<uuid:registration_id>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, RegistrationSchema)
def get_registration(registration_id):
    """One registration."""
    return registrations.get_registration(uow(), registration_id, Actor.of(principal()))


@blp.route("/registrations/<uuid:registration_id>/cancel", methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@blp.arguments(CancelSchema)
@blp.response(200, RegistrationSchema)
def cancel(args, registration_id):
    """Withdraw a registration; a freed place goes to the first on the waitlist."""
    return registrations.cancel(uow(), registration_id, Actor.of(principal()), args["reason"])

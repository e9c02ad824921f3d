"""Routes for nominations, the waitlist and cancellations. Agency officers see only their agency's."""

from __future__ import annotations

from flask_smorest import Blueprint

from kit.auth import require
from training import repository, schemas
from training.api.common import NOMINATORS, WITH_AGENCIES, actor, uow
from training.services import registrations

blp = Blueprint("training_registrations", __name__, url_prefix="/api/v1/training",
                description="Nominations, waitlist and cancellations")


@blp.route("/classes/<uuid:class_id>/registrations", methods=["POST"])
@require(*NOMINATORS)
@blp.arguments(schemas.NominationSchema)
@blp.response(201, schemas.RegistrationSchema)
def nominate(args, class_id):
    """Nominate a person for a class: confirmed while places last, else waitlisted in order."""
    return registrations.nominate(uow(), class_id, args, actor())


@blp.route("/registrations", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.arguments(schemas.RegistrationQuerySchema, location="query")
@blp.response(200, schemas.page_of(schemas.RegistrationSchema))
def list_registrations(args):
    """List registrations (an agency officer sees only their agency's), in queue order per class."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return registrations.list_registrations(uow(), repository.RegistrationFilter(**args), actor(), page, page_size)


@blp.route("/registrations/<uuid:registration_id>", methods=["GET"])
@require(*WITH_AGENCIES)
@blp.response(200, schemas.RegistrationSchema)
def get_registration(registration_id):
    """One registration."""
    return registrations.get_registration(uow(), registration_id, actor())


@blp.route("/registrations/<uuid:registration_id>/cancel", methods=["POST"])
@require(*NOMINATORS)
@blp.arguments(schemas.CancelSchema)
@blp.response(200, schemas.RegistrationSchema)
def cancel(args, registration_id):
    """Withdraw a registration; a freed place goes to the first on the waitlist."""
    return registrations.cancel(uow(), registration_id, actor(), args["reason"])

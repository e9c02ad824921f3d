"""What every route module shares: the request's unit of work, the acting principal, the role sets."""

from __future__ import annotations

import uuid

from flask import g

from kit import routes
from training.services.common import Actor

MANAGERS = ("province_admin", "province_officer")
READERS = (*MANAGERS, "province_leader", "inspector")
WITH_AGENCIES = (*READERS, "agency_officer")
NOMINATORS = (*MANAGERS, "agency_officer")


uow = routes.uow


def actor() -> Actor:
    """Province roles act for the province; an agency officer only for their agency (none if the claim is absent)."""
    principal = g.principal
    if principal.has_any(frozenset(READERS)):
        return Actor(subject=principal.subject)
    own = uuid.UUID(principal.agency_id) if principal.agency_id else uuid.UUID(int=0)
    return Actor(subject=principal.subject, agency_id=own)

"""An agency officer sees only their agency: another agency answers 404, as another province's would."""

from __future__ import annotations

import uuid
from functools import partial

from flask import request

from kit import routes
from kit.access import AgencyScope
from kit.errors import NotFound


def own_agency_only(agency_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """The caller's own agency, to filter lists by (None for the province's staff, who see every agency); with
    `agency_id`, first a 404 unless the caller may reach that agency."""
    principal = routes.principal()
    scope = AgencyScope.of(principal.roles, principal.agency_id)
    if agency_id is not None:
        scope.ensure(agency_id, partial(NotFound, "agency_not_found", agency_id=agency_id))
    return scope.agency_id


def agency_uow(agency_id: uuid.UUID):
    """The request's unit of work, once the caller may reach `agency_id` (else 404). A read also reaches the
    agencies of the provinces the caller's succeeded (kit.lineage: their records stay theirs, read only)."""
    own_agency_only(agency_id)
    return routes.uow(lineage=request.method == "GET")

"""Routes of the registry: parse, call one use case, dump. Roles are checked on every route."""

from __future__ import annotations

import uuid

from flask import g
from flask_smorest import Blueprint

from kit import routes
from kit.auth import require
from kit.errors import NotFound
from kit.tenancy import tenant_id
from registry import repository, schemas, services

blp = Blueprint("registry", __name__, url_prefix="/api/v1/registry", description="Provinces and agencies")

READERS = ("province_admin", "province_officer", "province_leader", "inspector", "agency_officer")
WRITERS = ("province_admin", "province_officer")


uow = routes.uow
platform_uow = routes.across_tenants  # platform-wide reference data and the list of provinces


def own_agency_only(agency_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """An agency officer sees only their agency: others answer 404, as another province's would."""
    if g.principal.roles & set(WRITERS + ("province_leader", "inspector")):
        return None
    own = uuid.UUID(g.principal.agency_id) if g.principal.agency_id else uuid.UUID(int=0)
    if agency_id is not None and agency_id != own:
        raise NotFound(f"agency {agency_id} not found")
    return own


@blp.route("/tenants", methods=["POST"])
@require("platform_admin")
@blp.arguments(schemas.TenantSchema)
@blp.response(201, schemas.TenantSchema)
def create_tenant(args):
    """Register a province as a tenant."""
    return services.create_tenant(uow(tenant_id(args.pop("id"))), **args)


@blp.route("/tenants", methods=["GET"])
@require("platform_admin", "national_viewer")
@blp.response(200, schemas.TenantSchema(many=True))
def list_tenants():
    """List the provinces on the platform."""
    return services.list_tenants(platform_uow())


@blp.route("/tenants/current", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.TenantSchema)
def current_tenant():
    """The caller's province."""
    return services.get_tenant(uow(), g.principal.tenant)


@blp.route("/agencies", methods=["POST"])
@require(*WRITERS)
@blp.arguments(schemas.AgencyCreateSchema)
@blp.response(201, schemas.AgencySchema)
def register_agency(args):
    """Enter an agency in the province's register."""
    return services.register_agency(uow(), args)


@blp.route("/agencies", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.AgencyQuerySchema, location="query")
@blp.response(200, schemas.AgencyPageSchema)
def list_agencies(args):
    """List and filter the province's agencies, a page at a time."""
    page, page_size = args.pop("page"), args.pop("page_size")
    where = repository.AgencyFilter(**args, only_agency_id=own_agency_only())
    return services.list_agencies(uow(), where, page, page_size)


@blp.route("/agencies/<uuid:agency_id>", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.AgencySchema)
def get_agency(agency_id):
    """One agency of the province."""
    own_agency_only(agency_id)
    return services.get_agency(uow(), agency_id)


@blp.route("/agencies/<uuid:agency_id>", methods=["PATCH"])
@require(*WRITERS)
@blp.arguments(schemas.AgencyUpdateSchema)
@blp.response(200, schemas.AgencySchema)
def update_agency(args, agency_id):
    """Change an agency's register entry (only the fields given)."""
    return services.update_agency(uow(), agency_id, args)


@blp.route("/agencies/<uuid:agency_id>/dissolve", methods=["POST"])
@require(*WRITERS)
@blp.arguments(schemas.DissolveSchema)
@blp.response(200, schemas.AgencySchema)
def dissolve_agency(args, agency_id):
    """Record that an agency was dissolved; its history stays."""
    return services.dissolve_agency(uow(), agency_id, **args)


@blp.route("/agencies/<uuid:agency_id>/history", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.HistoryEntrySchema(many=True))
def agency_history(agency_id):
    """The agency's timeline, oldest first."""
    own_agency_only(agency_id)
    return services.agency_history(uow(), agency_id)

"""`GET /api/v1/<service>/audit`: the province admin reads its province's audit trail (read-only)."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Blueprint
from marshmallow import validate
from sqlalchemy import select

from kit import routes
from kit.audit import AuditEntry
from kit.auth import require
from kit.fields import Integer


class AuditQuerySchema(ma.Schema):
    entity = ma.fields.String(validate=validate.Length(1, 100))
    entity_id = ma.fields.String(validate=validate.Length(1, 200))
    page = Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = Integer(load_default=50, validate=validate.Range(1, 200))


class AuditEntrySchema(ma.Schema):
    seq = ma.fields.Integer()
    at = ma.fields.DateTime()
    actor = ma.fields.String(allow_none=True)
    request_id = ma.fields.String(allow_none=True)
    entity = ma.fields.String()
    entity_id = ma.fields.String()
    action = ma.fields.String()
    changes = ma.fields.Dict()


def blueprint(service: str) -> Blueprint:
    blp = Blueprint(f"{service}-audit", __name__, url_prefix=f"/api/v1/{service}", description="Audit trail")

    @blp.route("/audit", methods=["GET"])
    @require("province_admin")
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditEntrySchema(many=True))
    def audit_trail(args):
        """Who changed what in this province, newest first (before and after, with the request id)."""
        return read(routes.uow(), **args)

    return blp


def read(uow, *, entity=None, entity_id=None, page=1, page_size=50) -> list[AuditEntry]:
    """The bound province's entries only: the tenant filter does not cover kit tables, so filter here."""
    with uow:
        query = select(AuditEntry).where(AuditEntry.tenant_id == uow.tenant)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        if entity_id:
            query = query.where(AuditEntry.entity_id == entity_id)
        query = query.order_by(AuditEntry.seq.desc()).offset((page - 1) * page_size).limit(page_size)
        return list(uow.session.scalars(query))

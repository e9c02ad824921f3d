"""Routes that move agencies in and out as XLSX files (layout: `registry.documents.xlsx`, docs/registry-xlsx.md),
and their schemas. Row errors come back as codes from the use case and are said in words here."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import validate

from kit import routes
from kit.auth import require
from kit.fields import Integer
from kit.http import problem
from kit.roles import PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from registry.api.access import own_agency_only
from registry.api.agencies import AgencyQuerySchema
from registry.documents import xlsx
from registry.messages import say
from registry.model.agencies import AgencyFilter
from registry.services import spreadsheets

blp = Blueprint("registry_xlsx", __name__, url_prefix="/api/v1/registry", description="Agencies in XLSX files")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BINARY = {"schema": {"type": "string", "format": "binary"}}


class ImportQuerySchema(ma.Schema):
    mode = ma.fields.String(load_default="all", validate=validate.OneOf(["all", "partial"]),
                            metadata={"description": "all: nothing is imported if any row is invalid"})


class CellErrorSchema(ma.Schema):
    row = Integer(metadata={"description": "spreadsheet row number; the header is row 1"})
    column = ma.fields.String(metadata={"description": "the Vietnamese column header"})
    message = ma.fields.String()


class ImportResultSchema(ma.Schema):
    imported = Integer()
    errors = ma.fields.List(ma.fields.Nested(CellErrorSchema))


@blp.route("/agencies/import", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(ImportQuerySchema, location="query")
@blp.response(201, ImportResultSchema)
@blp.doc(requestBody={"required": True, "content": {XLSX: BINARY, "multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def import_agencies(args):
    """Import agencies from an .xlsx: all rows or none (422 naming each bad cell), or `mode=partial`."""
    partial = args["mode"] == "partial"
    result = spreadsheets.import_agencies(routes.uow(), xlsx.read_rows(upload()), partial=partial)
    if result.errors and not partial:
        return refused(result.errors)
    return {"imported": result.imported, "errors": [_cell(error) for error in result.errors]}


@blp.route("/agencies/export.xlsx", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(AgencyQuerySchema(exclude=("page", "page_size", "lineage")), location="query")
@blp.doc(responses={"200": {"description": "the agencies in the import layout", "content": {XLSX: BINARY}}})
def export_agencies(args):
    """Download the province's agencies (same filters as the list) as an .xlsx in the import layout."""
    body = spreadsheets.export_agencies(routes.uow(), AgencyFilter(**args, only_agency_id=own_agency_only()))
    disposition = f'attachment; filename="co-quan-{routes.principal().tenant}.xlsx"'
    return Response(body, mimetype=XLSX, headers={"Content-Disposition": disposition})


@blp.errorhandler(xlsx.NotAWorkbook)
def not_a_workbook(exc: xlsx.NotAWorkbook):
    return problem(400, "Bad Request", say(exc.code, exc.params))


@blp.errorhandler(xlsx.LayoutInvalid)
def layout_invalid(exc: xlsx.LayoutInvalid):
    return refused(exc.errors, say("layout_refused"))


def upload() -> bytes:
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        body = upload.read() if upload else b""
    else:
        body = request.get_data()
    if not body:
        raise xlsx.NotAWorkbook("no_file")
    return body


def _cell(error: xlsx.CellError) -> dict:
    return {"row": error.row, "column": error.column, "message": say(error.code, error.params)}


def refused(errors: list[xlsx.CellError], detail: str | None = None) -> Response:
    detail = detail or say("import_refused", {"count": len(errors)})
    return problem(422, "Unprocessable Entity", detail, errors=[_cell(error) for error in errors],
                   type_="urn:iso-hcc:problem:ImportRefused")

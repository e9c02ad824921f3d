"""Routes that move agencies in and out as XLSX files (layout: `registry.xlsx`, docs/registry-xlsx.md)."""

from __future__ import annotations

from dataclasses import asdict

import marshmallow as ma
from flask import Response, g, request
from flask_smorest import Blueprint
from marshmallow import validate

from kit.auth import require
from kit.http import problem
from registry import importing, repository, schemas, xlsx
from registry.api import READERS, WRITERS, own_agency_only, uow

blp = Blueprint("registry_xlsx", __name__, url_prefix="/api/v1/registry", description="Agencies in XLSX files")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BINARY = {"schema": {"type": "string", "format": "binary"}}


class ImportQuerySchema(ma.Schema):
    mode = ma.fields.String(load_default="all", validate=validate.OneOf(["all", "partial"]),
                            metadata={"description": "all: nothing is imported if any row is invalid"})


class CellErrorSchema(ma.Schema):
    row = ma.fields.Integer(metadata={"description": "spreadsheet row number; the header is row 1"})
    column = ma.fields.String(metadata={"description": "the Vietnamese column header"})
    message = ma.fields.String()


class ImportResultSchema(ma.Schema):
    imported = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Nested(CellErrorSchema))


@blp.route("/agencies/import", methods=["POST"])
@require(*WRITERS)
@blp.arguments(ImportQuerySchema, location="query")
@blp.response(201, ImportResultSchema)
@blp.doc(requestBody={"required": True, "content": {XLSX: BINARY, "multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def import_agencies(args):
    """Import agencies from an .xlsx: all rows or none (422 naming each bad cell), or `mode=partial`."""
    partial = args["mode"] == "partial"
    result = importing.import_agencies(uow(), xlsx.read_rows(_upload()), partial=partial)
    if result.errors and not partial:
        return _refused(result.errors)
    return result


@blp.route("/agencies/export.xlsx", methods=["GET"])
@require(*READERS)
@blp.arguments(schemas.AgencyQuerySchema(exclude=("page", "page_size")), location="query")
@blp.doc(responses={"200": {"description": "the agencies in the import layout", "content": {XLSX: BINARY}}})
def export_agencies(args):
    """Download the province's agencies (same filters as the list) as an .xlsx in the import layout."""
    body = importing.export_agencies(uow(), repository.AgencyFilter(**args, only_agency_id=own_agency_only()))
    disposition = f'attachment; filename="co-quan-{g.principal.tenant}.xlsx"'
    return Response(body, mimetype=XLSX, headers={"Content-Disposition": disposition})


@blp.errorhandler(xlsx.NotAWorkbook)
def not_a_workbook(exc: xlsx.NotAWorkbook):
    return problem(400, "Bad Request", str(exc))


@blp.errorhandler(xlsx.LayoutInvalid)
def layout_invalid(exc: xlsx.LayoutInvalid):
    return _refused(exc.errors, "Hàng tiêu đề không đúng mẫu / the header row does not follow the layout.")


def _upload() -> bytes:
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        body = upload.read() if upload else b""
    else:
        body = request.get_data()
    if not body:
        raise xlsx.NotAWorkbook("gửi tệp .xlsx trong thân yêu cầu hoặc trường 'file' / "
                                "send the .xlsx as the body or as the multipart field 'file'")
    return body


def _refused(errors: list[xlsx.CellError], detail: str | None = None) -> Response:
    detail = detail or f"{len(errors)} lỗi, không nhập cơ quan nào / {len(errors)} errors; nothing was imported."
    return problem(422, "Unprocessable Entity", detail, errors=[asdict(error) for error in errors],
                   type_="urn:iso-hcc:problem:ImportRefused")

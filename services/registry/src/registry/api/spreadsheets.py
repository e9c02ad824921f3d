"""Routes that move agencies in and out as XLSX files (layout: `registry.documents.xlsx`, docs/registry-xlsx.md),
and their schemas. Row errors come back as codes from the use case and are said in words here. An import is a job
(ADR 25): the upload is answered 202 with the job's `Location`, and the job is read until it is over."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import validate

from kit import plain, routes
from kit.auth import require
from kit.fields import Integer
from kit.http import problem
from kit.roles import PROVINCE_MANAGERS, STAFF_AND_AGENCIES
from registry.api.access import own_agency_only
from registry.api.agencies import AgencyQuerySchema
from registry.documents import xlsx
from registry.messages import say
from registry.model.agencies import AgencyFilter
from registry.services import import_jobs, spreadsheets

blp = Blueprint("registry_xlsx", __name__, url_prefix="/api/v1/registry", description="Agencies in XLSX files")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BINARY = {"schema": {"type": "string", "format": "binary"}}


class ImportQuerySchema(ma.Schema):
    mode = ma.fields.String(load_default="all", validate=validate.OneOf(["all", "partial"]),
                            metadata={"description": "all: nothing is imported if any row is invalid"})


class CellErrorSchema(ma.Schema):
    row = Integer(metadata={"description": "spreadsheet row number; the header is row 1"})
    column = ma.fields.String(metadata={"description": "the Vietnamese column header"})
    message = ma.fields.String(metadata={"description": "the error in the registry's words"})
    code = ma.fields.String(metadata={"description": "the error's code (ADR 34), said with `params`"})
    params = ma.fields.Dict()


class ImportResultSchema(ma.Schema):
    imported = Integer()
    errors = ma.fields.List(ma.fields.Nested(CellErrorSchema))
    detail = ma.fields.String(metadata={"description": "when nothing was imported: why, in words"})
    code = ma.fields.String(metadata={"description": "when nothing was imported: why, as a code with `params`"})
    params = ma.fields.Dict()


class ImportJobSchema(ma.Schema):
    id = ma.fields.UUID()
    status = ma.fields.String(metadata={"description": "queued, running, succeeded or failed"})
    mode = ma.fields.String(metadata={"description": "all or partial"})
    total_rows = Integer(metadata={"description": "rows in the workbook, the header not counted"})
    rows_done = Integer(metadata={"description": "rows written so far (committed only when the job succeeds)"})
    created_at = ma.fields.AwareDateTime()
    started_at = ma.fields.AwareDateTime(allow_none=True)
    finished_at = ma.fields.AwareDateTime(allow_none=True)
    result = ma.fields.Nested(ImportResultSchema, allow_none=True,
                              metadata={"description": "once over: the count and the row errors (failed in all "
                                                       "mode: the errors, nothing imported)"})


@blp.route("/agencies/import", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(ImportQuerySchema, location="query")
@blp.response(202, ImportJobSchema, headers={"Location": {"description": "the job", "schema": {"type": "string"}}})
@blp.doc(requestBody={"required": True, "content": {XLSX: BINARY, "multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def import_agencies(args):
    """Queue an .xlsx import (all rows or none, or `mode=partial`); follow the job at `Location`."""
    body = upload()
    rows = xlsx.read_rows(body)  # a file that is not a workbook, too big or off the layout is refused now
    job = import_jobs.queue_import(routes.uow(), body, partial=args["mode"] == "partial", total_rows=len(rows))
    return _job(job), 202, {"Location": f"{blp.url_prefix}/agencies/import-jobs/{job.id}"}


@blp.route("/agencies/import-jobs/<uuid:job_id>", methods=["GET"])
@require(*PROVINCE_MANAGERS)
@blp.response(200, ImportJobSchema)
def import_job(job_id):
    """An import job of the province: its status, progress and, once over, its result."""
    return _job(import_jobs.get_import_job(routes.uow(), job_id))


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
    return file_refused(exc.errors, "layout_refused")


def upload() -> bytes:
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        body = upload.read() if upload else b""
    else:
        body = request.get_data()
    if not body:
        raise xlsx.NotAWorkbook("no_file")
    return body


def _job(job: import_jobs.Job) -> dict:
    return {"id": job.id, "status": job.status.value, "mode": "partial" if job.partial else "all",
            "total_rows": job.total_rows, "rows_done": job.rows_done, "created_at": job.created_at,
            "started_at": job.claimed_at, "finished_at": job.finished_at, "result": _result(job)}


def _result(job: import_jobs.Job) -> dict | None:
    if job.problem:
        return {"imported": 0, "errors": [], "detail": say(job.problem)}
    if job.result is None:
        return None
    errors = job.result.errors
    refused_all = bool(errors) and not job.result.imported
    detail = say("import_refused", {"count": len(errors)}) if refused_all else None
    return {"imported": job.result.imported, "errors": [_cell(error) for error in errors], "detail": detail,
            **({"code": "import_refused", "params": {"count": len(errors)}} if refused_all else {})}


def _cell(error: xlsx.CellError) -> dict:
    """A row's error: `message` in the registry's words for API users, `code` and `params` for the web UI to say
    in the page's language (ADR 34)."""
    return {"row": error.row, "column": error.column, "message": say(error.code, error.params),
            "code": error.code, "params": plain.json_safe(dict(error.params or {}))}


def file_refused(errors: list[xlsx.CellError], code: str = "import_refused") -> Response:
    """The file refused: `code` says why (the count of its errors as `count`), each row's error beside."""
    params = {"count": len(errors)}
    return problem(422, "Unprocessable Entity", say(code, params), code=code, params=params,
                   errors=[_cell(error) for error in errors], type_="urn:iso-hcc:problem:ImportRefused")

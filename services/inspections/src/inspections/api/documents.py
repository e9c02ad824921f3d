"""The inspection documents (Nghị định 30/2020 layout, ADR 29): each downloaded as DOCX or PDF, and issued into
the province's numbering register. Two routes per document, made by `_routes`."""

from __future__ import annotations

from urllib.parse import quote

import marshmallow as ma
from flask import Response
from flask_smorest import Blueprint
from marshmallow import validate
from webargs.fields import DelimitedList

from inspections.documents import CONTENT_TYPES
from inspections.model.allowed import DOCUMENT_ISSUERS
from inspections.services import documents
from kit.auth import require
from kit.fields import Integer
from kit.roles import PROVINCE_STAFF, STAFF_AND_AGENCIES
from kit.routes import principal, uow

blp = Blueprint("documents", __name__, url_prefix="/api/v1/inspections",
                description="Official documents of plans, teams and inspections, and their numbering register")
FILE = ".<any(docx, pdf):fmt>"


class IssueSchema(ma.Schema):
    number = Integer(load_default=None, allow_none=True, validate=validate.Range(1, 999_999), metadata={
        "description": "the number the văn thư gives; absent: the next free number of the body's sequence"})
    issued_on = ma.fields.Date(load_default=None, allow_none=True, metadata={
        "description": "the day it is issued (its year names the sequence); absent: today"})


class IssuedSchema(ma.Schema):
    kind = ma.fields.String()
    record = ma.fields.String(metadata={"description": "the record's id (the year, for the yearly report)"})
    body = ma.fields.String(metadata={"description": "the issuing body whose sequence numbers it: SKHCN for the "
                                                     "Sở, DKT-<team id> for an inspection team"})
    year = Integer()
    number = Integer()
    symbol = ma.fields.String(metadata={"description": "the ký hiệu, e.g. QĐ-SKHCN"})
    number_symbol = ma.fields.String(metadata={"description": "e.g. 12/QĐ-SKHCN"})
    issued_on = ma.fields.Date()
    issued_by = ma.fields.String()
    created = ma.fields.Boolean(metadata={"description": "false: issued before, the first number is kept"})


class RegisterQuerySchema(ma.Schema):
    record = DelimitedList(ma.fields.String(validate=validate.Length(1, 64)), required=True,
                           validate=validate.Length(1, 100),
                           metadata={"description": "the records whose documents to list, separated by commas"})


class RegisterSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(IssuedSchema))
    actions = ma.fields.List(ma.fields.String(), metadata={
        "description": "`issue` when the caller may issue these records' documents not yet issued"})


@blp.route("/register", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.arguments(RegisterQuerySchema, location="query")
@blp.response(200, RegisterSchema)
def register(args):
    """The register's entries of the documents of the given records (plans, teams, inspections, years), and
    whether the caller may issue the others."""
    return documents.entries(uow(), principal(), args["record"])


def file_response(file: documents.DocumentFile) -> Response:
    """The document as an attachment, named in Vietnamese (with an ASCII fallback)."""
    disposition = (f"attachment; filename=\"{file.ascii_name}.{file.fmt}\"; "
                   f"filename*=UTF-8''{quote(f'{file.title}.{file.fmt}')}")
    return Response(file.body, content_type=CONTENT_TYPES[file.fmt], headers={"Content-Disposition": disposition})


def _routes(kind: str, base: str, key: str, readers: frozenset[str], title: str) -> None:
    """GET `base`/`kind`.docx|pdf (for `readers`) and POST `base`/`kind`/issue (for the issuers)."""

    def download(fmt: str, **path):
        return file_response(documents.document_file(uow(), principal(), kind, path[key], fmt))

    def issue(args, **path):
        entry, created = documents.issue(uow(), principal(), kind, path[key], args["number"], args["issued_on"])
        return documents.entry_view(entry, created), 201 if created else 200

    download.__doc__ = f"{title}: DOCX or PDF, numbered once issued (a blank number before)."
    issue.__doc__ = (f"Issue the {title.lower()} into the register: the typed number or the next free one; issued "
                     "again, it keeps its first number (200); a number already used is 409.")
    blp.route(f"{base}/{kind}{FILE}", methods=["GET"], endpoint=f"{kind}_file")(require(*readers)(download))
    blp.route(f"{base}/{kind}/issue", methods=["POST"], endpoint=f"issue_{kind}")(
        require(*DOCUMENT_ISSUERS)(blp.arguments(IssueSchema)(blp.alt_response(200, schema=IssuedSchema)(
            blp.response(201, IssuedSchema)(issue)))))


_routes("plan", "/plans/<uuid:plan_id>/documents", "plan_id", PROVINCE_STAFF, "Kế hoạch kiểm tra (the plan)")
_routes("decision", "/teams/<uuid:team_id>/documents", "team_id", PROVINCE_STAFF,
        "Quyết định thành lập Đoàn kiểm tra (the team's decision)")
_routes("notice", "/inspections/<uuid:inspection_id>/documents", "inspection_id", STAFF_AND_AGENCIES,
        "Thông báo kiểm tra (the notice to the agency; its own officer reads it too)")
_routes("minutes", "/inspections/<uuid:inspection_id>/documents", "inspection_id", PROVINCE_STAFF,
        "Biên bản kiểm tra (the on-site minutes)")
_routes("conclusion", "/inspections/<uuid:inspection_id>/documents", "inspection_id", STAFF_AND_AGENCIES,
        "Thông báo kết luận kiểm tra (the conclusions; the agency's own officer reads them too)")
_routes("report", "/years/<int(min=2000, max=2100):year>/documents", "year", PROVINCE_STAFF,
        "Báo cáo kết quả kiểm tra năm (the yearly report)")

"""Routes for attendance, certificates and the printable lists (XLSX or PDF)."""

from __future__ import annotations

import marshmallow as ma
from flask import Response
from flask_smorest import Blueprint
from marshmallow import validate

from kit.auth import require
from kit.fields import Integer
from kit.roles import PROVINCE_MANAGERS, PROVINCE_STAFF
from kit.routes import if_match, principal, signed_pdf, uow
from training.documents.table import DOCX, PDF, XLSX
from training.services import attendance, certificates


class AttendanceSchema(ma.Schema):
    present = ma.fields.List(ma.fields.UUID(), load_default=list, validate=validate.Length(0, 2000))
    absent = ma.fields.List(ma.fields.UUID(), load_default=list, validate=validate.Length(0, 2000))


class AttendanceRowSchema(ma.Schema):
    registration_id = ma.fields.UUID()
    session_id = ma.fields.UUID()
    present = ma.fields.Boolean()


class SessionAttendanceSchema(ma.Schema):
    class_id = ma.fields.UUID()
    session_id = ma.fields.UUID()
    version = Integer(metadata={"description": "raised by every recording; the ETag a PUT sends back in If-Match"})
    rows = ma.fields.List(ma.fields.Nested(AttendanceRowSchema))


class CertificateSchema(ma.Schema):
    id = ma.fields.UUID()
    registration_id = ma.fields.UUID()
    number = ma.fields.String()
    year = Integer()
    issued_at = ma.fields.DateTime()


blp = Blueprint("training_records", __name__, url_prefix="/api/v1/training",
                description="Attendance, certificates and printable lists")
PRINTABLE_DOC = {"responses": {"200": {"description": "an XLSX workbook, or the official document as DOCX or PDF",
                                         "content": {XLSX: {}, DOCX: {}, PDF: {}}}}}


@blp.route("/classes/<uuid:class_id>/sessions/<uuid:session_id>/attendance", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, SessionAttendanceSchema)
def session_attendance(class_id, session_id):
    """One session's attendance list, with its version (ETag)."""
    return attendance.session_attendance(uow(), class_id, session_id)


@blp.route("/classes/<uuid:class_id>/sessions/<uuid:session_id>/attendance", methods=["PUT"])
@require(*PROVINCE_MANAGERS)
@blp.arguments(AttendanceSchema)
@blp.response(200, SessionAttendanceSchema)
def record_attendance(args, class_id, session_id):
    """Record who was present and absent at one session (corrections overwrite), made from the version
    `If-Match` names (428 without, 412 if stale)."""
    return attendance.record_attendance(uow(), class_id, session_id, args["present"], args["absent"],
                                        expected=if_match())


@blp.route("/classes/<uuid:class_id>/certificates", methods=["POST"])
@require(*PROVINCE_MANAGERS)
@blp.response(200, CertificateSchema(many=True))
def issue_certificates(class_id):
    """Issue the missing certificates of a finished class (each participant once); returns all of them."""
    return certificates.issue_certificates(uow(), class_id)


@blp.route("/classes/<uuid:class_id>/certificates", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.response(200, CertificateSchema(many=True))
def list_certificates(class_id):
    """The certificates of a class in number order (a class of a province this one succeeded too)."""
    return certificates.list_certificates(uow(lineage=True), class_id)


@blp.route("/classes/<uuid:class_id>/attendance-sheet.<any(xlsx, docx, pdf):fmt>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.doc(**PRINTABLE_DOC)
def attendance_sheet(class_id, fmt):
    """The attendance sheet: a table (XLSX), or the official document with a signature column (DOCX, PDF)."""
    return _file(attendance.attendance_sheet(uow(), class_id, fmt), fmt, f"diem-danh-{class_id}")


@blp.route("/classes/<uuid:class_id>/certificates.<any(xlsx, docx, pdf):fmt>", methods=["GET"])
@require(*PROVINCE_STAFF)
@blp.doc(**PRINTABLE_DOC)
def certificate_list(class_id, fmt):
    """The certificate list (XLSX), or the certificates, one a page, in the official layout (DOCX, PDF; the PDF
    signed with the province's certificate when it has one: X-Signature), of a class of a province this one
    succeeded too."""
    body, media_type = certificates.certificate_list(uow(lineage=True), class_id, fmt)
    body, signature = signed_pdf(body, principal().tenant) if fmt == "pdf" else (body, {})
    return _file((body, media_type), fmt, f"chung-nhan-{class_id}", signature)


def _file(document: tuple[bytes, str], fmt: str, stem: str, headers: dict | None = None) -> Response:
    body, media_type = document
    return Response(body, mimetype=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"', **(headers or {})})

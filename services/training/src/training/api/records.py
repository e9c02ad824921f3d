"""Routes for attendance, certificates and the printable XLSX files."""

from __future__ import annotations

from flask import Response
from flask_smorest import Blueprint

from kit.auth import require
from training import schemas, sheets
from training.api.common import MANAGERS, READERS, uow
from training.services import attendance, certificates, compliance

blp = Blueprint("training_records", __name__, url_prefix="/api/v1/training",
                description="Attendance, certificates and printable lists")
PRINTABLE_DOC = {"responses": {"200": {"description": "an XLSX workbook or a PDF",
                                         "content": {sheets.XLSX: {}, "application/pdf": {}}}}}


@blp.route("/classes/<uuid:class_id>/sessions/<uuid:session_id>/attendance", methods=["PUT"])
@require(*MANAGERS)
@blp.arguments(schemas.AttendanceSchema)
@blp.response(200, schemas.AttendanceRowSchema(many=True))
def record_attendance(args, class_id, session_id):
    """Record who was present and absent at one session (corrections overwrite)."""
    return attendance.record_attendance(uow(), class_id, session_id, args["present"], args["absent"])


@blp.route("/classes/<uuid:class_id>/certificates", methods=["POST"])
@require(*MANAGERS)
@blp.response(200, schemas.CertificateSchema(many=True))
def issue_certificates(class_id):
    """Issue the missing certificates of a finished class (each participant once); returns all of them."""
    return certificates.issue_certificates(uow(), class_id)


@blp.route("/classes/<uuid:class_id>/certificates", methods=["GET"])
@require(*READERS)
@blp.response(200, schemas.CertificateSchema(many=True))
def list_certificates(class_id):
    """The certificates of a class in number order."""
    return [c for c, _ in certificates.list_certificates(uow(), class_id)[1]]


@blp.route("/classes/<uuid:class_id>/attendance-sheet.<any(xlsx, pdf):fmt>", methods=["GET"])
@require(*READERS)
@blp.doc(**PRINTABLE_DOC)
def attendance_sheet(class_id, fmt):
    """The printable attendance sheet (XLSX or PDF)."""
    training_class, participants, marks = attendance.attendance_sheet(uow(), class_id)
    table = sheets.attendance_sheet(training_class, participants, marks, compliance.agency_names(uow()))
    return _file(table, fmt, f"diem-danh-{class_id}")


@blp.route("/classes/<uuid:class_id>/certificates.<any(xlsx, pdf):fmt>", methods=["GET"])
@require(*READERS)
@blp.doc(**PRINTABLE_DOC)
def certificate_list(class_id, fmt):
    """The printable certificate list (XLSX or PDF)."""
    training_class, pairs = certificates.list_certificates(uow(), class_id)
    return _file(sheets.certificate_list(training_class, pairs, compliance.agency_names(uow())), fmt,
                 f"chung-nhan-{class_id}")


def _file(table: sheets.Table, fmt: str, stem: str) -> Response:
    body, media_type = sheets.render(table, fmt)
    return Response(body, mimetype=media_type, headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})

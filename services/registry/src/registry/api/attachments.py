"""Routes of the files attached to an agency's records (ADR 31), and their schemas.

Reached through the agency, as its other records are: another province's user or another agency's officer gets
404. The bytes are streamed through the registry, never handed out by the store itself.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from kit import routes
from kit.attachments import store_from_env
from kit.auth import require
from kit.roles import MANAGERS_AND_AGENCIES, STAFF_AND_AGENCIES
from kit.uploads import StoredFileSchema, attachment_body, download, max_bytes, uploaded_file
from registry.api.access import agency_uow, own_agency_only
from registry.api.quality_systems import blp
from registry.model.attachments import RECORD_KINDS
from registry.services import attachments

FILES = "/<uuid:agency_id>/attachments"


class AttachmentQuerySchema(ma.Schema):
    record_kind = ma.fields.String(validate=validate.OneOf(RECORD_KINDS))
    record_id = ma.fields.UUID()


class AttachmentFormSchema(ma.Schema):
    record_kind = ma.fields.String(required=True, validate=validate.OneOf(RECORD_KINDS))
    record_id = ma.fields.UUID(required=True)


class AttachmentSchema(StoredFileSchema):
    agency_id = ma.fields.UUID()
    record_kind = ma.fields.String()
    record_id = ma.fields.UUID()


@blp.route(FILES, methods=["POST"])
@require(*MANAGERS_AND_AGENCIES)
@attachment_body
@blp.arguments(AttachmentFormSchema, location="form", content_type="multipart/form-data")
@blp.response(201, AttachmentSchema)
@blp.doc(requestBody={"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["record_kind", "record_id", "file"], "properties": {
        "record_kind": {"type": "string", "enum": list(RECORD_KINDS)},
        "record_id": {"type": "string", "format": "uuid"}, "file": {"type": "string", "format": "binary"}}}}}})
def upload_attachment(form, agency_id):
    """Attach a PDF, PNG, JPEG, DOCX or XLSX (checked from its content) to one of the agency's records."""
    uow, file = agency_uow(agency_id), uploaded_file()
    new = attachments.NewAttachment(form["record_kind"], form["record_id"], file.filename, file.stream)
    return attachments.attach(uow, store_from_env(), agency_id, new, max_bytes=max_bytes())


@blp.route(FILES, methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.arguments(AttachmentQuerySchema, location="query")
@blp.response(200, AttachmentSchema(many=True))
def list_attachments(args, agency_id):
    """The agency's attachments, of one record kind or record if given, oldest first."""
    return attachments.list_attachments(agency_uow(agency_id), agency_id, args.get("record_kind"),
                                        args.get("record_id"))


@blp.route(f"{FILES}/<uuid:attachment_id>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.doc(responses={"200": {"description": "the file, as uploaded", "content": {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
def download_attachment(agency_id, attachment_id):
    """Download an attachment (streamed; on the audit trail)."""
    own_agency_only(agency_id)
    attachment, chunks = attachments.download(routes.uow(), store_from_env(), agency_id, attachment_id)
    return download(attachment, chunks)


@blp.route(f"{FILES}/<uuid:attachment_id>", methods=["DELETE"])
@require(*MANAGERS_AND_AGENCIES)
@blp.response(204)
def delete_attachment(agency_id, attachment_id):
    """Delete an attachment: hidden at once, its file removed after the grace period."""
    attachments.delete(agency_uow(agency_id), agency_id, attachment_id)


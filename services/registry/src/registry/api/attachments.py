"""Routes of the files attached to an agency's records (ADR 31), and their schemas.

Reached through the agency, as its other records are: another province's user or another agency's officer gets
404. The bytes are streamed through the registry, never handed out by the store itself.
"""

from __future__ import annotations

import functools
import os
from urllib.parse import quote

import marshmallow as ma
from flask import Response, request
from marshmallow import validate

from kit import routes
from kit.attachments import store_from_env
from kit.auth import require
from kit.config import env_int
from kit.errors import DomainError
from kit.fields import Integer
from kit.filetypes import TooLarge
from kit.roles import MANAGERS_AND_AGENCIES, STAFF_AND_AGENCIES
from registry.api.access import agency_uow, own_agency_only
from registry.api.quality_systems import blp
from registry.model.attachments import MAX_BYTES, RECORD_KINDS
from registry.services import attachments

FILES = "/<uuid:agency_id>/attachments"
ENVELOPE = 64 * 1024  # room for the multipart headers and the other fields around the file


class AttachmentQuerySchema(ma.Schema):
    record_kind = ma.fields.String(validate=validate.OneOf(RECORD_KINDS))
    record_id = ma.fields.UUID()


class AttachmentFormSchema(ma.Schema):
    record_kind = ma.fields.String(required=True, validate=validate.OneOf(RECORD_KINDS))
    record_id = ma.fields.UUID(required=True)


class AttachmentSchema(ma.Schema):
    id = ma.fields.UUID()
    agency_id = ma.fields.UUID()
    record_kind = ma.fields.String()
    record_id = ma.fields.UUID()
    file_name = ma.fields.String()
    content_type = ma.fields.String()
    size = Integer()
    sha256 = ma.fields.String()
    uploaded_by = ma.fields.String(allow_none=True)
    uploaded_at = ma.fields.AwareDateTime()


def max_bytes() -> int:
    return env_int(os.environ, "ATTACHMENTS_MAX_BYTES", MAX_BYTES)


def attachment_body(view):
    """Before the form is parsed: a body larger than the attachment limit (and its envelope) is refused (413),
    and one within it may be larger than the API's other bodies; one without a length stops being read there."""

    @functools.wraps(view)
    def checked(*args, **kwargs):
        limit = max_bytes()
        if (request.content_length or 0) > limit + ENVELOPE:
            raise TooLarge(limit=limit)
        request.max_content_length = limit + ENVELOPE
        return view(*args, **kwargs)

    return checked


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
    uow, file = agency_uow(agency_id), _file()
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
    return Response(chunks, mimetype=attachment.content_type, headers={
        "Content-Disposition": _disposition(attachment.file_name), "Content-Length": str(attachment.size),
        "X-Content-Type-Options": "nosniff"})


@blp.route(f"{FILES}/<uuid:attachment_id>", methods=["DELETE"])
@require(*MANAGERS_AND_AGENCIES)
@blp.response(204)
def delete_attachment(agency_id, attachment_id):
    """Delete an attachment: hidden at once, its file removed after the grace period."""
    attachments.delete(agency_uow(agency_id), agency_id, attachment_id)


def _file():
    """The multipart field `file`."""
    file = request.files.get("file")
    if file is None:
        raise DomainError("attachment_file_missing")
    return file


def _disposition(name: str) -> str:
    """`attachment` with the name as sent: ASCII for old clients, UTF-8 (RFC 6266) for the Vietnamese one."""
    fallback = name.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"

"""Routes of a recommendation's remediation evidence (ADR 31), and its schema.

Reached through the recommendation: another province's user or another agency's officer gets 404. The bytes are
streamed through the service, never handed out by the store itself.
"""

from __future__ import annotations

import marshmallow as ma

from inspections.api.recommendations import ITEM, blp
from inspections.services import attachments
from kit.attachments import store_from_env
from kit.auth import require
from kit.roles import AGENCY_OFFICERS, STAFF_AND_AGENCIES
from kit.routes import principal, uow
from kit.uploads import StoredFileSchema, attachment_body, download, max_bytes, uploaded_file

FILES = f"{ITEM}/attachments"


class AttachmentSchema(StoredFileSchema):
    recommendation_id = ma.fields.UUID()
    agency_id = ma.fields.UUID()


@blp.route(FILES, methods=["POST"])
@require(*AGENCY_OFFICERS)
@attachment_body
@blp.response(201, AttachmentSchema)
@blp.doc(requestBody={"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def upload_attachment(recommendation_id):
    """The agency attaches remediation evidence, a PDF, PNG, JPEG, DOCX or XLSX (checked from its content),
    while the recommendation awaits it."""
    file = uploaded_file()
    return attachments.attach(uow(), store_from_env(), principal(), recommendation_id, file.filename, file.stream,
                              max_bytes=max_bytes())


@blp.route(FILES, methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.response(200, AttachmentSchema(many=True))
def list_attachments(recommendation_id):
    """The recommendation's evidence files, oldest first."""
    return attachments.list_attachments(uow(), principal(), recommendation_id)


@blp.route(f"{FILES}/<uuid:attachment_id>", methods=["GET"])
@require(*STAFF_AND_AGENCIES)
@blp.doc(responses={"200": {"description": "the file, as uploaded", "content": {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
def download_attachment(recommendation_id, attachment_id):
    """Download an evidence file (streamed; on the audit trail)."""
    attachment, chunks = attachments.download(uow(), store_from_env(), principal(), recommendation_id,
                                              attachment_id)
    return download(attachment, chunks)


@blp.route(f"{FILES}/<uuid:attachment_id>", methods=["DELETE"])
@require(*AGENCY_OFFICERS)
@blp.response(204)
def delete_attachment(recommendation_id, attachment_id):
    """Its uploader deletes an evidence file while the recommendation awaits remediation: hidden at once, its file
    removed after the grace period."""
    attachments.delete(uow(), principal(), recommendation_id, attachment_id)

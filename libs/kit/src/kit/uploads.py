"""The HTTP side of attachments, the same in every service that takes them (ADR 31): the body limit checked
before the form is parsed, the multipart `file` field, the answer's common fields, and a download streamed with
its name."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from urllib.parse import quote

import marshmallow as ma
from flask import Response, request

from kit.config import env_int
from kit.errors import DomainError
from kit.fields import Integer
from kit.filetypes import MAX_BYTES, TooLarge

ENVELOPE = 64 * 1024  # room for the multipart headers and the other fields around the file


class StoredFileSchema(ma.Schema):
    """An attachment as its owner answers it (each adds the record it belongs to)."""

    id = ma.fields.UUID()
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


def uploaded_file():
    """The multipart field `file`."""
    file = request.files.get("file")
    if file is None:
        raise DomainError("attachment_file_missing")
    return file


def download(attachment, chunks: Iterator[bytes]) -> Response:
    """The attachment's bytes as they were uploaded, offered under its name, never sniffed by the browser."""
    return Response(chunks, mimetype=attachment.content_type, headers={
        "Content-Disposition": disposition(attachment.file_name), "Content-Length": str(attachment.size),
        "X-Content-Type-Options": "nosniff"})


def disposition(name: str) -> str:
    """`attachment` with the name as sent: ASCII for old clients, UTF-8 (RFC 6266) for the Vietnamese one."""
    fallback = name.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"

"""What an uploaded file is, from its content: read with a size limit, then sniffed (ADR 31).

The limit is enforced while reading, so an oversized upload is refused before anything is stored; the type comes
from the first bytes (`filetype`), never from the file's name, and an office document must also be an OOXML zip
(one with `[Content_Types].xml` and the part its type names).
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO

import filetype

from kit.errors import DomainError

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OOXML_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}  # the main part of each office type
ALLOWED = (PDF, PNG, JPEG, DOCX, XLSX)
HEAD = 8192  # what filetype reads
CHUNK = 64 * 1024
IN_MEMORY = 1024 * 1024  # larger uploads spill to a temporary file
MAX_BYTES = 20 * 1024 * 1024  # a scanned decision or minutes of a few dozen pages; ATTACHMENTS_MAX_BYTES changes it
# A deleted attachment is hidden at once and its file removed from the store once this has passed, so a mistaken
# delete can still be undone by an operator in the meantime.
GRACE = timedelta(days=30)


class TooLarge(DomainError):
    status = 413
    title = "Payload too large"
    code = "attachment_too_large"


class TypeNotAllowed(DomainError):
    status = 415
    title = "Unsupported media type"
    code = "attachment_type_not_allowed"


@dataclass
class Upload:
    """An upload read in full (within the limit): its bytes in `file` (rewound), its size, sha256 and type."""

    file: BinaryIO
    size: int
    sha256: str
    content_type: str


def read_limited(stream: BinaryIO, limit: int) -> tuple[BinaryIO, int, str]:
    """Copy `stream` into a spooled temporary file, refusing (TooLarge) as soon as more than `limit` bytes came;
    returns the rewound copy, its size and its sha256."""
    copy = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - the caller owns it
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            copy.close()
            raise TooLarge(limit=limit)
        digest.update(chunk)
        copy.write(chunk)
    copy.seek(0)
    return copy, size, digest.hexdigest()


def sniff(file: BinaryIO) -> str:
    """The allowed type of the content of `file` (rewound after), or TypeNotAllowed."""
    head = file.read(HEAD)
    file.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in OOXML_PARTS and not _is_ooxml(file, OOXML_PARTS[mime]):
        mime = None
    if mime not in ALLOWED:
        raise TypeNotAllowed(detected=mime or "unknown")
    return mime


def _is_ooxml(file: BinaryIO, main_part: str) -> bool:
    try:
        names = set(zipfile.ZipFile(file).namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        file.seek(0)
    return "[Content_Types].xml" in names and main_part in names


def read_upload(stream: BinaryIO, limit: int) -> Upload:
    """An upload of at most `limit` bytes whose content is of an allowed type (TooLarge, TypeNotAllowed)."""
    file, size, sha256 = read_limited(stream, limit)
    try:
        return Upload(file, size, sha256, sniff(file))
    except TypeNotAllowed:
        file.close()
        raise


def purge_due(deleted_at: datetime | None, now: datetime, grace: timedelta = GRACE) -> bool:
    """Whether a deleted attachment's file is to be removed now."""
    return deleted_at is not None and deleted_at + grace <= now


def safe_file_name(name: str | None) -> str:
    """The name shown and offered on download: the last part of what the browser sent, without control
    characters, at most 255 characters ("tep-dinh-kem" when nothing is left)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip()
    return cleaned[-255:] or "tep-dinh-kem"

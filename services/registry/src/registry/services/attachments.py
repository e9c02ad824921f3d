"""Use cases of the attachments of an agency's records: their bytes in the object store, their facts here (ADR 31).

Every access goes through the agency (its route answers 404 to whoever may not reach it) and the record must be
that agency's; an upload is read within the size limit and its type sniffed before anything is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from kit import attachments as store_keys
from kit import audit, filetypes
from kit.attachments import ObjectStore
from kit.errors import NotFound
from kit.uow import UnitOfWork
from registry import repository
from registry.model import attachments as rules
from registry.orm import Attachment

SERVICE = "registry"


@dataclass(frozen=True)
class NewAttachment:
    """What an upload says: the record it is for, the file's name as sent and its content."""

    record_kind: str
    record_id: uuid.UUID
    file_name: str | None
    stream: BinaryIO


def attach(uow: UnitOfWork, store: ObjectStore, agency_id: uuid.UUID, new: NewAttachment, *,
           max_bytes: int = rules.MAX_BYTES) -> Attachment:
    """Store the file under the province's prefix and put it on record (413 too large, 415 not an allowed type:
    then nothing is stored)."""
    upload = filetypes.read_upload(new.stream, max_bytes)
    try:
        with uow:
            _record(uow, agency_id, new.record_kind, new.record_id)
            attachment = Attachment(id=uuid.uuid4(), agency_id=agency_id, record_kind=new.record_kind,
                                    record_id=new.record_id)
            key = store_keys.object_key(uow.tenant, SERVICE, new.record_kind, new.record_id, attachment.id)
            return store_keys.put_on_record(uow, store, attachment, upload, new.file_name, key)
    finally:
        upload.file.close()


def list_attachments(uow: UnitOfWork, agency_id: uuid.UUID, record_kind: str | None = None,
                     record_id: uuid.UUID | None = None) -> list[Attachment]:
    with uow:
        _agency(uow, agency_id)
        return repository.attachments_of(uow.session, agency_id, record_kind, record_id)


def download(uow: UnitOfWork, store: ObjectStore, agency_id: uuid.UUID,
             attachment_id: uuid.UUID) -> tuple[Attachment, Iterator[bytes]]:
    """The attachment and its bytes as a stream; the download is on the audit trail before the first byte."""
    with uow:
        attachment = _attachment(uow, agency_id, attachment_id)
        audit.record_access(uow.session, attachment, "DOWNLOAD",
                            {"file_name": attachment.file_name, "sha256": attachment.sha256})
        uow.commit()
        return attachment, store.chunks(attachment.object_key)


def delete(uow: UnitOfWork, agency_id: uuid.UUID, attachment_id: uuid.UUID) -> None:
    """Hide the attachment at once; its file stays in the store for the grace period (`purge`)."""
    with uow:
        attachment = _attachment(uow, agency_id, attachment_id)
        attachment.deleted_at, attachment.deleted_by = uow.now(), uow.actor
        uow.commit()


def purge(uow: UnitOfWork, store: ObjectStore, grace: timedelta = rules.GRACE) -> int:
    """Remove from the store the files of the province's attachments deleted longer than `grace` ago (the rows
    stay, with `purged_at`); returns how many."""
    return store_keys.purge(uow, store, repository.attachments_to_purge, grace)


def _agency(uow: UnitOfWork, agency_id: uuid.UUID) -> None:
    if repository.find_agency(uow.session, agency_id) is None:
        raise NotFound("agency_not_found", agency_id=agency_id)


def _record(uow: UnitOfWork, agency_id: uuid.UUID, kind: str, record_id: uuid.UUID) -> None:
    _agency(uow, agency_id)
    record = repository.record_of(uow.session, kind, record_id)
    if record is None or record.agency_id != agency_id:
        raise NotFound("attachment_record_not_found", record_kind=kind, record_id=record_id)


def _attachment(uow: UnitOfWork, agency_id: uuid.UUID, attachment_id: uuid.UUID) -> Attachment:
    attachment = repository.find_attachment(uow.session, attachment_id)
    if attachment is None or attachment.agency_id != agency_id or attachment.deleted_at is not None:
        raise NotFound("attachment_not_found", attachment_id=attachment_id)
    return attachment

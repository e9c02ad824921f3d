"""Use cases of a recommendation's remediation evidence: its files' bytes in the object store, their facts here
(ADR 31).

The agency's own officer attaches files while the recommendation awaits remediation (MO) and may delete those
they attached until then; the province's staff read them and delete none, since the evidence is what the team
reviews. Every access goes through the recommendation: another agency's officer, or another province's user, is
answered 404. An upload is read within the size limit and its type sniffed before anything is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import BinaryIO

from inspections import model, orm, repository
from inspections.model import allowed
from kit import attachments as store_keys
from kit import audit, filetypes
from kit.access import AgencyScope
from kit.attachments import ObjectStore
from kit.errors import Forbidden
from kit.uow import UnitOfWork

SERVICE, RECORD_KIND = "inspections", "recommendation"


def attach(uow: UnitOfWork, store: ObjectStore, actor: model.Actor, recommendation_id: uuid.UUID,
           file_name: str | None, stream: BinaryIO, *, max_bytes: int = filetypes.MAX_BYTES) -> orm.Attachment:
    """Store the file under the province's prefix and put it on record (413 too large, 415 not an allowed type,
    409 once the evidence was submitted: then nothing is stored)."""
    upload = filetypes.read_upload(stream, max_bytes)
    try:
        with uow:
            recommendation = _answerable(uow, actor, recommendation_id)
            attachment = orm.Attachment(id=uuid.uuid4(), recommendation_id=recommendation.id,
                                        agency_id=recommendation.agency_id)
            key = store_keys.object_key(uow.tenant, SERVICE, RECORD_KIND, recommendation.id, attachment.id)
            return store_keys.put_on_record(uow, store, attachment, upload, file_name, key)
    finally:
        upload.file.close()


def list_attachments(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID) -> list[orm.Attachment]:
    with uow:
        _readable(uow, actor, recommendation_id)
        return repository.attachments_of(uow.session, recommendation_id)


def download(uow: UnitOfWork, store: ObjectStore, actor: model.Actor, recommendation_id: uuid.UUID,
             attachment_id: uuid.UUID) -> tuple[orm.Attachment, Iterator[bytes]]:
    """The attachment and its bytes as a stream; the download is on the audit trail before the first byte."""
    with uow:
        _readable(uow, actor, recommendation_id)
        attachment = _attachment(uow, recommendation_id, attachment_id)
        audit.record_access(uow.session, attachment, "DOWNLOAD",
                            {"file_name": attachment.file_name, "sha256": attachment.sha256})
        uow.commit()
        return attachment, store.chunks(attachment.object_key)


def delete(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID, attachment_id: uuid.UUID) -> None:
    """Hide the attachment at once (its uploader, while the recommendation awaits remediation); its file stays in
    the store for the grace period (`purge`)."""
    with uow:
        _answerable(uow, actor, recommendation_id)
        attachment = _attachment(uow, recommendation_id, attachment_id)
        if attachment.uploaded_by != uow.actor:
            raise Forbidden("attachment_not_uploader")
        attachment.deleted_at, attachment.deleted_by = uow.now(), uow.actor
        uow.commit()


def purge(uow: UnitOfWork, store: ObjectStore, grace: timedelta = filetypes.GRACE) -> int:
    """Remove from the store the files of the province's attachments deleted longer than `grace` ago (the rows
    stay, with `purged_at`); returns how many."""
    return store_keys.purge(uow, store, repository.attachments_to_purge, grace)


def provinces_with_deleted(uow: UnitOfWork) -> list[str]:
    """The provinces with a deleted attachment whose file is still stored (`uow` reads across provinces)."""
    with uow:
        return repository.provinces_with_deleted_attachments(uow.session)


def _readable(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID) -> orm.Recommendation:
    """The recommendation, if `actor` may read it: the province's staff any, an agency officer their agency's."""
    recommendation = repository.get(uow.session, orm.Recommendation, recommendation_id)
    AgencyScope.of(actor.roles, actor.agency_id).ensure(
        recommendation.agency_id, model.not_found, "recommendation", recommendation_id)
    return recommendation


def _answerable(uow: UnitOfWork, actor: model.Actor, recommendation_id: uuid.UUID) -> orm.Recommendation:
    """The recommendation, locked, if `actor` may answer it now: its own agency's officer, while it is MO."""
    recommendation = repository.get(uow.session, orm.Recommendation, recommendation_id, lock=True)
    allowed.check_recommendation("submit", recommendation, actor, allowed.Context())
    return recommendation


def _attachment(uow: UnitOfWork, recommendation_id: uuid.UUID, attachment_id: uuid.UUID) -> orm.Attachment:
    attachment = repository.find(uow.session, orm.Attachment, attachment_id)
    if attachment is None or attachment.recommendation_id != recommendation_id or attachment.deleted_at is not None:
        raise model.not_found("attachment", attachment_id)
    return attachment

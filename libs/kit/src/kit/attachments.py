"""Files in S3-compatible object storage (boto3), for the records a service owns (ADR 31).

The service that owns the record authorizes every access; the store only keeps bytes under the key
`<tenant>/<service>/<record kind>/<record id>/<attachment id>`, so a province's objects share its prefix.
Settings (env): S3_ENDPOINT_URL (any S3 endpoint; none: AWS), S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID and
S3_SECRET_ACCESS_KEY (both or neither: neither uses the SDK's own chain, e.g. a pod's role). Path-style
addressing, so an endpoint needs no wildcard DNS.

What every owner does the same way is here too: the row's facts (`StoredFile`), putting an upload on record
(`put_on_record`), the purge after the grace period (`purge`, `purge_worker`) and the errors' words (`MESSAGES`).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import BinaryIO

import boto3
from botocore.config import Config
from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from kit.config import env_str
from kit.db import UtcDateTime
from kit.errors import DomainError
from kit.filetypes import GRACE, Upload, purge_due, safe_file_name

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
PURGE_EVERY = 3600.0  # a file is kept 30 days after its delete; an hour more or less does not matter
# What the errors of an upload and of the store say (every service's catalogue takes them, kit.messages).
MESSAGES = {
    "attachment_too_large": lambda limit: (
        f"Tệp đính kèm vượt quá {limit / 1048576:.0f} MB, không được lưu / the file is larger than "
        f"{limit / 1048576:.0f} MB and was not stored"),
    "attachment_type_not_allowed": ("Chỉ nhận tệp PDF, PNG, JPEG, DOCX hoặc XLSX (kiểm tra theo nội dung tệp, không "
                                    "theo tên); tệp không được lưu / only PDF, PNG, JPEG, DOCX or XLSX files are "
                                    "accepted (judged by their content, not their name); the file was not stored"),
    "attachment_file_missing": "Chưa chọn tệp đính kèm (trường 'file') / the multipart field 'file' is missing",
    "attachments_unavailable": ("Kho lưu trữ tệp đính kèm chưa được cấu hình / the attachments' object store is "
                                "not configured"),
}


class StoreUnavailable(DomainError):
    status = 503
    title = "Service unavailable"
    code = "attachments_unavailable"


@dataclass(frozen=True)
class StoreSettings:
    bucket: str
    endpoint_url: str | None = None
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> StoreSettings | None:
        """The settings, or None when S3_BUCKET is not set (no attachments in this deployment)."""
        bucket = env_str(environ, "S3_BUCKET", None)
        if not bucket:
            return None
        return cls(bucket=bucket, endpoint_url=env_str(environ, "S3_ENDPOINT_URL", None),
                   region=env_str(environ, "S3_REGION", "us-east-1"),
                   access_key_id=env_str(environ, "S3_ACCESS_KEY_ID", None),
                   secret_access_key=env_str(environ, "S3_SECRET_ACCESS_KEY", None))


class StoredFile:
    """The facts of an attachment kept by its owner (an ORM mixin): where its bytes are, what it is, who put it
    there and when. `deleted_at`: hidden from then on, its object removed by the purge once the grace period is
    over (`purged_at`)."""

    object_key: Mapped[str] = mapped_column(String(400))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[str | None] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_by: Mapped[str | None] = mapped_column(String(200))
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


def object_key(tenant: str, service: str, record_kind: str, record_id: uuid.UUID, attachment_id: uuid.UUID) -> str:
    """Where an attachment's bytes are: under its province's prefix, then its owner's and its record's."""
    return f"{tenant}/{service}/{record_kind}/{record_id}/{attachment_id}"


class ObjectStore:
    """One bucket. `put` stores a rewound file, `chunks` streams an object, `delete` removes one (absent: no
    error), `keys` lists a prefix, `presigned_url` lets a browser GET one object for `seconds`."""

    def __init__(self, settings: StoreSettings):
        self.bucket = settings.bucket
        self.client = boto3.session.Session().client(
            "s3", endpoint_url=settings.endpoint_url, region_name=settings.region,
            aws_access_key_id=settings.access_key_id, aws_secret_access_key=settings.secret_access_key,
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                          retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=60,
                          # Checksums only where the API requires them: an upload then goes as a plain signed
                          # body, which every S3 server takes (S3Proxy refuses the newer aws-chunked trailers).
                          request_checksum_calculation="when_required",
                          response_checksum_validation="when_required"))

    def put(self, key: str, file: BinaryIO, content_type: str) -> None:
        self.client.upload_fileobj(file, self.bucket, key, ExtraArgs={"ContentType": content_type})

    def chunks(self, key: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def keys(self, prefix: str) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        # A key ending in "/" is a folder marker some stores list (S3Proxy's filesystem backend); ours never do.
        return [item["Key"] for page in pages for item in page.get("Contents", ()) if not item["Key"].endswith("/")]

    def presigned_url(self, key: str, seconds: int = 300) -> str:
        return self.client.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key},
                                                  ExpiresIn=seconds)


@functools.cache
def _store(settings: StoreSettings) -> ObjectStore:
    return ObjectStore(settings)


def store_from_env(environ: Mapping[str, str] = os.environ) -> ObjectStore:
    """The process's store (one client per settings), or StoreUnavailable when none is configured."""
    settings = StoreSettings.from_env(environ)
    if settings is None:
        raise StoreUnavailable()
    return _store(settings)


def configured_store(environ: Mapping[str, str] = os.environ) -> ObjectStore | None:
    """The process's store, or None when none is configured (nothing to purge then)."""
    settings = StoreSettings.from_env(environ)
    return None if settings is None else _store(settings)


def put_on_record(uow, store: ObjectStore, attachment: StoredFile, upload: Upload, file_name: str | None,
                  key: str) -> StoredFile:
    """`attachment` (its owner's row, its record set) with the facts of `upload`, flushed (the row is valid before
    its bytes are sent), its bytes put under `key`, then committed in `uow`: a failed put leaves no row."""
    attachment.object_key, attachment.file_name = key, safe_file_name(file_name)
    attachment.content_type, attachment.size, attachment.sha256 = upload.content_type, upload.size, upload.sha256
    attachment.uploaded_by, attachment.uploaded_at = uow.actor, uow.now()
    uow.session.add(attachment)
    uow.session.flush()
    store.put(key, upload.file, upload.content_type)
    uow.commit()
    return attachment


def purge(uow, store: ObjectStore, deleted_before: Callable, grace: timedelta = GRACE) -> int:
    """Remove from the store the files of the province's attachments deleted longer than `grace` ago, which
    `deleted_before(session, moment)` lists locked (the rows stay, with `purged_at`); returns how many."""
    with uow:
        now = uow.now()
        due = [a for a in deleted_before(uow.session, now - grace) if purge_due(a.deleted_at, now, grace)]
        for attachment in due:
            store.delete(attachment.object_key)
            attachment.purged_at = now
        uow.commit()
        return len(due)


def purge_worker(purge_all: Callable[[object], int]) -> Callable[[object, threading.Event], None]:
    """A service's worker (runtime, stop) that runs `purge_all(runtime)` every PURGE_EVERY seconds until `stop`
    is set. Several processes may purge at once (each skips the rows another holds)."""

    def purge_attachments(runtime, stop: threading.Event) -> None:
        while not stop.wait(PURGE_EVERY):
            try:
                purge_all(runtime)
            except Exception:  # noqa: BLE001 - the worker outlives a database or a store that is away
                log.warning("deleted attachments cannot be purged now", exc_info=True)

    return purge_attachments

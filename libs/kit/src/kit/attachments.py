"""Files in S3-compatible object storage (boto3), for the records a service owns (ADR 31).

The service that owns the record authorizes every access; the store only keeps bytes under the key
`<tenant>/<service>/<record kind>/<record id>/<attachment id>`, so a province's objects share its prefix.
Settings (env): S3_ENDPOINT_URL (any S3 endpoint; none: AWS), S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID and
S3_SECRET_ACCESS_KEY (both or neither: neither uses the SDK's own chain, e.g. a pod's role). Path-style
addressing, so an endpoint needs no wildcard DNS.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

import boto3
from botocore.config import Config

from kit.config import env_str
from kit.errors import DomainError

CHUNK = 64 * 1024


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

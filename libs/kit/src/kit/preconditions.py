"""Optimistic concurrency on every mutable resource (RFC 9110 section 13, issue 20).

A resource's representation carries its `version` (an integer the service raises on every change); `kit.http`
answers it as the strong `ETag: "<version>"` of every read and write. A change (PATCH, PUT, DELETE) names the
version it was made from in `If-Match`: without one it is refused with 428, and a route compares the named version
with the row it locked for the change (`check`) and refuses a stale one with 412, so of two people editing the same
record the second is told, not silently overwritten.

A route: `expected = routes.if_match()` (the request's header through `required`) before its unit of work; the
use case, once the row is locked, `preconditions.check(row.version, expected)`. Pure: use cases may import it.
"""

from __future__ import annotations

import re

ETAG = re.compile(r'\s*"(\d{1,18})"\s*')


class Failed(Exception):
    """The request's precondition does not hold; `kit.http` answers a problem with `status` (428 or 412), the
    bilingual `detail` and, for 412, the current ETag."""

    def __init__(self, code: str, status: int, detail: str, current: int | None = None,
                 params: dict | None = None):
        super().__init__(code)
        self.code, self.status, self.detail, self.current, self.params = code, status, detail, current, params or {}


def etag(version: int) -> str:
    return f'"{version}"'


def required(header: str | None) -> int:
    """The version an `If-Match` header names; 428 without a single strong ETag of ours (a weak one, `*` or a
    list cannot say which version the change was made from)."""
    matched = ETAG.fullmatch(header) if header else None
    if matched is None:
        raise Failed("precondition_required", 428, MISSING)
    return int(matched.group(1))


def check(current: int, expected: int) -> None:
    """Refuse a change made from another version than the one the row has now (412, with the current ETag)."""
    if current != expected:
        raise Failed("version_stale", 412, STALE.format(current=current, expected=expected), current,
                     {"current": current, "expected": expected})


MISSING = ("Thiếu phiên bản của bản ghi (tiêu đề If-Match với ETag đã đọc) / If-Match is required: send the ETag of "
           "the version you read")
STALE = ("Bản ghi đã được người khác sửa (đang ở phiên bản {current}, anh/chị sửa từ phiên bản {expected}); hãy tải "
         "lại và sửa lại / the record changed since you read it (now version {current}, yours {expected}): read it "
         "again and redo the change")
STALE_CONCURRENT = ("Bản ghi vừa được người khác sửa cùng lúc; hãy tải lại và sửa lại / the record was changed by "
                    "someone else at the same moment: read it again and redo the change")

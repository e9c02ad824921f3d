"""Which records take attachments, how large they may be, and how long a deleted one's file is kept (ADR 31).
Pure."""

from __future__ import annotations

from datetime import datetime, timedelta

# A record kind, and what is attached to it: the quality manual and procedures (the quality system), the signed
# announcement decision (an announcement), the minutes of an internal audit or a management review (a maintenance
# record).
RECORD_KINDS = ("quality_system", "announcement", "maintenance_record")
MAX_BYTES = 20 * 1024 * 1024  # a scanned decision or minutes of a few dozen pages; ATTACHMENTS_MAX_BYTES changes it
# A deleted attachment is hidden at once and its file removed from the store once this has passed, so a mistaken
# delete can still be undone by an operator in the meantime.
GRACE = timedelta(days=30)


def purge_due(deleted_at: datetime | None, now: datetime, grace: timedelta = GRACE) -> bool:
    """Whether a deleted attachment's file is to be removed now."""
    return deleted_at is not None and deleted_at + grace <= now


def safe_file_name(name: str | None) -> str:
    """The name shown and offered on download: the last part of what the browser sent, without control
    characters, at most 255 characters ("tep-dinh-kem" when nothing is left)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip()
    return cleaned[-255:] or "tep-dinh-kem"

"""Which records take attachments; how large they may be and how long a deleted one's file is kept are the same in
every service (kit.filetypes, ADR 31). Pure."""

from __future__ import annotations

from kit.filetypes import GRACE, MAX_BYTES, purge_due, safe_file_name

__all__ = ["GRACE", "MAX_BYTES", "RECORD_KINDS", "purge_due", "safe_file_name"]

# A record kind, and what is attached to it: the quality manual and procedures (the quality system), the signed
# announcement decision (an announcement), the minutes of an internal audit or a management review (a maintenance
# record).
RECORD_KINDS = ("quality_system", "announcement", "maintenance_record")

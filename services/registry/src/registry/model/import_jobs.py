"""An agency import run as a job: its states and the one error a caller meets (docs/adr/0025-imports-as-jobs.md)."""

from __future__ import annotations

from enum import StrEnum

from kit.errors import DomainError, NotFound


class JobStatus(StrEnum):
    QUEUED = "queued"  # stored with its workbook, waiting for a worker
    RUNNING = "running"  # a worker claimed it (and reports progress)
    SUCCEEDED = "succeeded"  # the agencies are committed (in partial mode, the rows with errors left out)
    FAILED = "failed"  # nothing was imported: row errors in all-or-nothing mode, or the import broke


class ImportJobNotFound(NotFound):
    code = "import_job_not_found"

    def __init__(self, job_id: object):
        super().__init__(job_id=job_id)


class ImportBroke(DomainError):
    """What a job says when its import broke for a reason of the system, not of the file (nothing was imported)."""

    code = "import_broke"

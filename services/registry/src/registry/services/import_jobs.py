"""Agency imports as jobs (issue 22, docs/adr/0025-imports-as-jobs.md).

A request stores the workbook as a job and is answered at once; a worker of the API process claims the job
(`SELECT ... FOR UPDATE SKIP LOCKED`), imports it in ONE transaction that also records the job's outcome, and
reports its progress in short transactions of its own. A job left `running` by a process that died is claimed
again after STALE_AFTER without news: its import rolled back with the process, so running it again is safe, and
the outcome is recorded only by the attempt that still holds the claim (`attempts`), so it commits once.

A job queued in this process rings `QUEUED`, so this process's worker starts it at once; the workers of other
processes find jobs by their poll (a job a busy worker could not take, or whose process died).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, insert, or_, select, update

from kit.uow import UnitOfWork
from kit.wakeup import Doorbell
from registry import repository
from registry.documents import xlsx
from registry.documents.xlsx import CellError
from registry.model.import_jobs import ImportBroke, ImportJobNotFound, JobStatus
from registry.model.tenants import TenantNotRegistered
from registry.orm import ImportJob
from registry.services import spreadsheets
from registry.services.spreadsheets import ImportResult

STALE_AFTER = timedelta(minutes=2)  # progress comes every CHUNK rows, seconds apart: two minutes of silence is death
MAX_ATTEMPTS = 3  # a job that killed its process this often is failed, not run again
QUEUED = Doorbell()  # rung when this process queued a job
BROKE = ImportBroke.code


@dataclass(frozen=True)
class Job:
    """What a caller sees of a job. `result`: the import's outcome once over (`problem`: why it broke, if so)."""

    id: uuid.UUID
    status: JobStatus
    partial: bool
    total_rows: int
    rows_done: int
    created_at: object
    claimed_at: object
    finished_at: object
    result: ImportResult | None
    problem: str | None


@dataclass(frozen=True)
class Claim:
    """A job a worker holds: the province, the upload and who sent it (the import is audited as them)."""

    id: uuid.UUID
    tenant: str
    partial: bool
    workbook: bytes
    actor: str | None
    request_id: str | None
    attempt: int


class TakenOver(RuntimeError):
    """Another worker claimed the job since (this one was thought dead): this attempt must not commit."""


SHOWN = (ImportJob.id, ImportJob.status, ImportJob.partial, ImportJob.total_rows, ImportJob.rows_done,
         ImportJob.created_at, ImportJob.claimed_at, ImportJob.finished_at, ImportJob.result)


def queue_import(uow: UnitOfWork, workbook: bytes, *, partial: bool, total_rows: int) -> Job:
    """Store an upload already read once (its layout and size are right) as a queued job of the province."""
    job_id = uuid.uuid4()
    with uow:
        if repository.find_tenant(uow.session, uow.tenant) is None:
            raise TenantNotRegistered(uow.tenant)
        uow.session.execute(insert(ImportJob).values(
            id=job_id, tenant_id=uow.tenant, status=JobStatus.QUEUED, partial=partial, workbook=workbook,
            total_rows=total_rows, rows_done=0, attempts=0, actor=uow.actor, request_id=uow.trace.correlation_id,
            created_at=uow.now()))
        uow.commit()
        QUEUED.ring()
        return _job(uow, job_id)


def get_import_job(uow: UnitOfWork, job_id: uuid.UUID) -> Job:
    with uow:
        return _job(uow, job_id)


def claim_import_job(uow: UnitOfWork) -> Claim | None:
    """The oldest job waiting, or running without news for STALE_AFTER, of any province (`uow` reads them all),
    now claimed; None when there is none. Two workers never claim the same job: the row stays locked until the
    claim commits, and the other skips it."""
    with uow:
        waiting = or_(ImportJob.status == JobStatus.QUEUED,
                      and_(ImportJob.status == JobStatus.RUNNING, ImportJob.claimed_at < uow.now() - STALE_AFTER))
        job = uow.session.execute(select(ImportJob.id, ImportJob.tenant_id, ImportJob.partial, ImportJob.workbook,
                                         ImportJob.actor, ImportJob.request_id, ImportJob.attempts)
                                  .where(waiting).order_by(ImportJob.created_at).limit(1)
                                  .with_for_update(skip_locked=True)).first()
        if job is None:
            return None
        if job.attempts >= MAX_ATTEMPTS:
            _finish(uow, job.id, job.attempts, JobStatus.FAILED, {"problem": BROKE})
            uow.commit()
            return None
        uow.session.execute(update(ImportJob).where(ImportJob.id == job.id).values(
            status=JobStatus.RUNNING, claimed_at=uow.now(), attempts=job.attempts + 1, rows_done=0))
        uow.commit()
        return Claim(job.id, job.tenant_id, job.partial, job.workbook, job.actor, job.request_id, job.attempts + 1)


def run_import_job(uow: UnitOfWork, claim: Claim, short: Callable[[], UnitOfWork], *,
                   progress: bool = True) -> ImportResult:
    """Import the claimed job's workbook in `uow` (bound to its province, as the uploader), the job's outcome in the
    same transaction; progress (unless not `progress`), and an outcome that imported nothing, each in a `short()`
    unit of work."""
    rows = xlsx.read_rows(claim.workbook)
    report = (lambda done, _total: record_progress(short(), claim, done)) if progress else None
    result = spreadsheets.import_agencies(uow, rows, partial=claim.partial, progress=report,
                                          before_commit=lambda result: _succeeded(uow, claim, result))
    if not uow.committed:  # all or nothing, and some row is wrong: nothing was imported
        with (failed := short()):
            _finish(failed, claim.id, claim.attempt, JobStatus.FAILED, _stored(result))
            failed.commit()
    return result


def record_progress(uow: UnitOfWork, claim: Claim, done: int) -> None:
    """`done` rows written (not yet committed); also the news that the worker is alive."""
    with uow:
        uow.session.execute(update(ImportJob).where(ImportJob.id == claim.id, ImportJob.attempts == claim.attempt)
                            .values(rows_done=done, claimed_at=uow.now()))
        uow.commit()


def give_up(uow: UnitOfWork, claim: Claim) -> None:
    """The import broke (a bug, the database gone): the job fails and says so; nothing was imported."""
    with uow:
        _finish(uow, claim.id, claim.attempt, JobStatus.FAILED, {"problem": BROKE})
        uow.commit()


def _succeeded(uow: UnitOfWork, claim: Claim, result: ImportResult) -> None:
    if not _finish(uow, claim.id, claim.attempt, JobStatus.SUCCEEDED, _stored(result)):
        raise TakenOver(claim.id)


def _finish(uow: UnitOfWork, job_id: uuid.UUID, attempt: int, status: JobStatus, result: dict) -> bool:
    """Record the outcome if this attempt still holds the job; the workbook is not kept past it."""
    done = uow.session.execute(
        update(ImportJob).where(ImportJob.id == job_id, ImportJob.attempts == attempt,
                                ImportJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED]))
        .values(status=status, result=result, workbook=None, rows_done=ImportJob.total_rows, finished_at=uow.now()))
    return done.rowcount == 1


def _job(uow: UnitOfWork, job_id: uuid.UUID) -> Job:
    row = uow.session.execute(select(*SHOWN).where(ImportJob.id == job_id)).first()
    if row is None:
        raise ImportJobNotFound(job_id)
    stored = row.result or {}
    result = ImportResult(stored["imported"], [_error(error) for error in stored["errors"]]) if "errors" in stored \
        else None
    return Job(row.id, JobStatus(row.status), row.partial, row.total_rows, row.rows_done, row.created_at,
               row.claimed_at, row.finished_at, result, stored.get("problem"))


def _stored(result: ImportResult) -> dict:
    return {"imported": result.imported, "errors": [
        {"row": e.row, "column": e.column, "code": e.code, "params": _plain(e.params)} for e in result.errors]}


def _error(stored: dict) -> CellError:
    return CellError(stored["row"], stored["column"], stored["code"], _typed(stored["params"]))


DATE = "$date"  # a date parameter (messages format it as a date), kept as {"$date": "2025-07-01"} in JSON


def _plain(params: dict) -> dict:
    return {name: {DATE: value.isoformat()} if isinstance(value, date) else value for name, value in params.items()}


def _typed(params: dict) -> dict:
    return {name: date.fromisoformat(value[DATE]) if isinstance(value, dict) and DATE in value else value
            for name, value in params.items()}

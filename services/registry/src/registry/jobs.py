"""The workers, threads of every API process: the one that runs the queued agency imports (ADR 25), and the one
that removes the files of deleted attachments once their grace period is over (ADR 31)."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from kit.attachments import configured_store, purge_worker
from kit.db import is_postgres
from kit.runtime import Runtime
from kit.uow import Trace
from registry.model.attachments import GRACE
from registry.services import attachments, import_jobs, tenants

log = logging.getLogger(__name__)

POLL_SECONDS = 5.0  # how soon an idle worker takes a job another process queued (its own ring it at once)
PAUSE_AFTER_ERROR = 10.0  # the database is away (or, in a tool's app, has no tables): ask again later


def work_on_imports(runtime: Runtime, stop: threading.Event) -> None:
    """Claim and run import jobs until `stop` is set."""
    while not stop.is_set():
        try:
            ran = run_next(runtime)
        except Exception:  # noqa: BLE001 - the worker outlives a database that is away
            log.warning("import jobs cannot be claimed now", exc_info=True)
            stop.wait(PAUSE_AFTER_ERROR)
            continue
        if not ran:
            import_jobs.QUEUED.wait(stop, POLL_SECONDS)


def run_next(runtime: Runtime) -> bool:
    """Run the next job of any province to its end; False when none was waiting. The claim reads every
    province's jobs (the escape hatch, tools/check_tenancy.py); the import runs in the job's province alone."""
    claim = import_jobs.claim_import_job(runtime.across_tenants())
    if claim is None:
        return False
    uow = runtime.uow(claim.tenant, trace=Trace(correlation_id=claim.request_id), actor=claim.actor)
    try:
        # SQLite (the embedded mode) has one writer, which the import holds until it commits: no progress there.
        import_jobs.run_import_job(uow, claim, lambda: runtime.uow(claim.tenant), progress=is_postgres(runtime.engine))
    except import_jobs.TakenOver:
        log.warning("import job %s was taken over by another worker; this attempt rolled back", claim.id)
    except Exception:
        log.exception("import job %s broke", claim.id)
        import_jobs.give_up(runtime.uow(claim.tenant), claim)
    return True


def purge_all(runtime: Runtime, grace: timedelta = GRACE) -> int:
    """Remove the files of every province's attachments deleted more than `grace` ago (none without a store);
    returns how many. The provinces are listed across tenants (the escape hatch, tools/check_tenancy.py);
    each is purged alone."""
    store = configured_store()
    if store is None:
        return 0
    return sum(attachments.purge(runtime.uow(province.id), store, grace)
               for province in tenants.list_tenants(runtime.across_tenants()))


purge_attachments = purge_worker(purge_all)

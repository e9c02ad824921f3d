"""The worker, a thread of every API process, that removes the files of deleted evidence once their grace period
is over (ADR 31)."""

from __future__ import annotations

from datetime import timedelta

from inspections.services import attachments
from kit.attachments import configured_store, purge_worker
from kit.filetypes import GRACE
from kit.runtime import Runtime


def purge_all(runtime: Runtime, grace: timedelta = GRACE) -> int:
    """Remove the files of every province's attachments deleted more than `grace` ago (none without a store);
    returns how many. The provinces with deleted files are listed across tenants (the escape hatch,
    tools/check_tenancy.py); each is purged alone."""
    store = configured_store()
    if store is None:
        return 0
    return sum(attachments.purge(runtime.uow(tenant), store, grace)
               for tenant in attachments.provinces_with_deleted(runtime.across_tenants()))


purge_attachments = purge_worker(purge_all)

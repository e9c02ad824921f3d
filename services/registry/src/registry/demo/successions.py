"""The demo's province successions (`contracts.demo.SUCCESSIONS`), executed through the use case as the platform
admin would (`registry.services.province_successions`, dated on the effective date so its events say when), then
each continuing agency's story goes on in its successor's entry: its yearly upkeep from 1/7/2025 to today and this
year's exceptions (a lapse, a vacancy). Its ISO secretary came along with the succession itself.

The plan is the one the platform suggests (`plan_to_fill`): every agency continues, the district committees
(already ended on 30/6/2025) end. Executed again, the succession changes nothing, and an agency whose new entry
already has its upkeep is left as it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from contracts import demo
from contracts.registry import OfficerRole
from kit.tenancy import tenant_id
from registry import repository
from registry.demo.stories import Steps, dated
from registry.demo.upkeep import record_upkeep
from registry.model.successions import Action
from registry.services import officers, province_successions
from registry.services.province_successions import Request

ADMIN = "demo-platform-admin"


@dataclass(frozen=True)
class Member:
    """A predecessor's agency that continues: its entry there, its number in its cohort and its exceptions."""

    agency_id: uuid.UUID
    n: int
    lapsed: bool = False
    vacant: bool = False


def succeed(across: Callable, uow_for: Callable, successor: str, members: list[Member], today: date) -> None:
    """Execute the succession into `successor`, then the successor's part of each continuing agency's story."""
    on = demo.REORGANISED
    request = Request(successor=tenant_id(successor), predecessors=[tenant_id(p) for p in demo.SUCCESSIONS[successor]],
                      effective_date=on, legal_basis=demo.LEGAL_BASIS, entries=[])
    suggested = province_successions.plan_to_fill(dated(across(), on), request)
    request = replace(request, entries=[{"agency_id": agency.id, "action": action} for agency, action in suggested])
    succession, _written = province_successions.execute(lambda: dated(across(), on),
                                                        lambda tenant: dated(uow_for(tenant), on), request, ADMIN)
    entries = {uuid.UUID(step["agency_id"]): uuid.UUID(step["successor_agency_id"])
               for step in succession.steps if step["action"] == Action.CONTINUE}
    for member in members:
        _go_on(uow_for, request.successor, entries[member.agency_id], member, today)


def _go_on(uow_for: Callable, tenant: str, agency: uuid.UUID, member: Member, today: date) -> None:
    with uow_for(tenant) as uow:
        system = repository.current_quality_system(uow.session, agency)
        resumed = any(m.activity_date >= demo.REORGANISED for m in repository.maintenance_of(uow.session, agency, None))
        secretary = next((o for o in officers.current_officers(uow, agency) if o.role == OfficerRole.THU_KY_ISO), None)
    if resumed or system is None or system.first_applied_on is None:
        return
    if member.vacant and secretary is not None:  # left two months ago; nobody appointed yet
        left = max(today - timedelta(days=60), demo.REORGANISED)
        officers.remove_officer(dated(uow_for(tenant), left), agency, secretary.id, removed_on=left)
    # the years before the merger's are the predecessor's entry's: only the days from the effective date count
    steps = Steps(uow_for, tenant, agency, announced_on=date(demo.REORGANISED.year - 1, 1, 1))
    record_upkeep(steps, member.n, today, None, lapsed=member.lapsed, since=demo.REORGANISED)

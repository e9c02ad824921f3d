"""What a caller may do now with a plan, an inspection or a recommendation. Pure Python.

One function per kind of record (`plan_refusal`, `inspection_refusal`, `recommendation_refusal`) says why an
action would be refused, or None: the roles that may take it (each route requires the same, from the tables
below), the statuses its lifecycle allows it from, and the rules beside them (an inspector on the plan's team, an
agency's own recommendation, a plan with targets, no recommendation still open when an inspection closes). The
commands raise that refusal (`check_*`); a record read lists the actions without one (`*_actions`), so a page
offers exactly what the service would accept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from inspections.model import (
    INSPECTED,
    INSPECTING_STAFF,
    INSPECTION,
    PLAN,
    RECOMMENDATION,
    Actor,
    InspectionStatus,
    not_found,
    off_team,
    recommendations_open,
)
from kit.access import AgencyScope
from kit.errors import DomainError, Forbidden, RuleViolated
from kit.lifecycle import Lifecycle, MoveRefused
from kit.roles import AGENCY_OFFICERS, PROVINCE_MANAGERS

LEADERS = frozenset({"province_leader"})
# Issue a document into the numbering register: the văn thư (a manager) when it is signed, or the leader who signs.
DOCUMENT_ISSUERS = PROVINCE_MANAGERS | LEADERS

# Who may take each action, in the order pages offer them; the action's route requires the same roles.
PLAN_ROLES: Mapping[str, frozenset[str]] = {
    "edit": PROVINCE_MANAGERS, "submit": PROVINCE_MANAGERS, "approve": LEADERS, "adjust": PROVINCE_MANAGERS,
    "close": PROVINCE_MANAGERS, "carry_forward": PROVINCE_MANAGERS, "form_team": PROVINCE_MANAGERS,
    "schedule_inspection": PROVINCE_MANAGERS,
}
INSPECTION_ROLES: Mapping[str, frozenset[str]] = {
    "notify": INSPECTING_STAFF, "start": INSPECTING_STAFF, "record_results": INSPECTING_STAFF,
    "record": INSPECTING_STAFF, "issue_recommendation": INSPECTING_STAFF, "conclude": INSPECTING_STAFF,
    "close": INSPECTING_STAFF, "postpone": PROVINCE_MANAGERS, "cancel": PROVINCE_MANAGERS,
}
# A recommendation's `close` is no one's action: the registry's events close it (ADR 18).
RECOMMENDATION_ROLES: Mapping[str, frozenset[str]] = {
    "submit": AGENCY_OFFICERS, "accept": INSPECTING_STAFF, "reopen": INSPECTING_STAFF,
}


@dataclass(frozen=True)
class Context:
    """What the rules of an inspection or a recommendation read beside the record: the user subjects of the
    plan's teams (or of the ad hoc inspection's team), and whether a recommendation of the inspection is open."""

    team: frozenset[str] = frozenset()
    open_recommendations: bool = False


def plan_refusal(action: str, plan, actor: Actor) -> DomainError | None:
    if action == "submit" and not plan.targets:
        return _role(PLAN_ROLES, action, actor) or RuleViolated("plan_without_targets")
    return _role(PLAN_ROLES, action, actor) or _status(PLAN, action, plan.status)


def inspection_refusal(action: str, inspection, actor: Actor, context: Context) -> DomainError | None:
    """An open recommendation stops a close before the status does (it says what to do next)."""
    still_open = action == "close" and context.open_recommendations
    return (_role(INSPECTION_ROLES, action, actor) or off_team(actor, context.team)
            or (recommendations_open(inspection.status) if still_open else None)
            or _status(INSPECTION, action, inspection.status))


def recommendation_refusal(action: str, recommendation, actor: Actor, context: Context) -> DomainError | None:
    """Only the recommendation's own agency answers it (another agency's is not found); the inspecting staff
    of its inspection's team review the answer."""
    return (_role(RECOMMENDATION_ROLES, action, actor) or _reach(action, recommendation, actor, context)
            or _status(RECOMMENDATION, action, recommendation.status))


def plan_actions(plan, actor: Actor) -> list[str]:
    return [action for action in PLAN_ROLES if plan_refusal(action, plan, actor) is None]


def inspection_actions(inspection, actor: Actor, context: Context) -> list[str]:
    return [action for action in INSPECTION_ROLES if inspection_refusal(action, inspection, actor, context) is None]


def recommendation_actions(recommendation, actor: Actor, context: Context) -> list[str]:
    return [action for action in RECOMMENDATION_ROLES
            if recommendation_refusal(action, recommendation, actor, context) is None]


# The statuses of its inspection in which a document can be issued: the notice of any inspection not cancelled,
# the minutes once drawn up, the conclusion once concluded.
DOCUMENT_READY: Mapping[str, frozenset[str]] = {
    "notice": frozenset(InspectionStatus) - {InspectionStatus.HUY},
    "minutes": frozenset(INSPECTED),
    "conclusion": frozenset(INSPECTED) - {InspectionStatus.DA_LAP_BIEN_BAN},
}


def check_document(kind: str, status: str | None) -> None:
    """A document of an inspection is issued only once the inspection has reached it (422 otherwise)."""
    if kind in DOCUMENT_READY and status not in DOCUMENT_READY[kind]:
        raise RuleViolated("document_not_ready", kind=kind, status=status)


def document_actions(actor: Actor) -> list[str]:
    """`issue` for those who issue documents into the register (the route requires the same roles)."""
    return ["issue"] if actor.roles & DOCUMENT_ISSUERS else []


def check_plan(action: str, plan, actor: Actor) -> None:
    _raise(plan_refusal(action, plan, actor))


def check_inspection(action: str, inspection, actor: Actor, context: Context) -> None:
    _raise(inspection_refusal(action, inspection, actor, context))


def check_recommendation(action: str, recommendation, actor: Actor, context: Context) -> None:
    _raise(recommendation_refusal(action, recommendation, actor, context))


def _role(table: Mapping[str, frozenset[str]], action: str, actor: Actor) -> Forbidden | None:
    return None if actor.roles & table[action] else Forbidden("role_not_allowed", action=action)


def _status(lifecycle: Lifecycle, action: str, status: str) -> MoveRefused | None:
    sources, to = lifecycle.moves[action]
    if status in sources:
        return None
    return lifecycle.error(lifecycle=lifecycle.name, action=action, current=status, allowed=sources, to=to)


def _reach(action: str, recommendation, actor: Actor, context: Context) -> DomainError | None:
    if action != "submit":
        return off_team(actor, context.team)
    if AgencyScope.of(actor.roles, actor.agency_id, province_wide=()).allows(recommendation.agency_id):
        return None
    return not_found("recommendation", recommendation.id)


def _raise(refusal: DomainError | None) -> None:
    if refusal is not None:
        raise refusal

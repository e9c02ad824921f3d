"""The actions a plan, an inspection or a recommendation lists are exactly those its commands accept: for every
status, every role and every rule beside them, an action is listed iff its route lets the role in, its lifecycle
allows it from the status and the other rules hold; and the check the command makes refuses exactly the others.

The expectation is built here from the routes' own `@require` roles and the lifecycles, not from the tables the
rules are written with, so a route that requires other roles than the rule lists fails too."""

from __future__ import annotations

import itertools
import uuid
from types import SimpleNamespace as Obj

import pytest

from inspections.api import inspections as inspection_routes
from inspections.api import plans as plan_routes
from inspections.api import recommendations as recommendation_routes
from inspections.model import (
    INSPECTION,
    PLAN,
    RECOMMENDATION,
    InspectionStatus,
    PlanStatus,
    RecommendationStatus,
    allowed,
)
from inspections.model.allowed import Context
from kit.auth import ROLES, Principal
from kit.errors import DomainError
from kit.roles import PROVINCE_MANAGERS

OWN, OTHER = uuid.UUID(int=1), uuid.UUID(int=2)
SUBJECT = "u1"
# Each action and the routes that take it (a rule with two routes holds for both).
PLAN_ROUTES = {
    "edit": [plan_routes.update_plan], "submit": [plan_routes.submit_plan], "approve": [plan_routes.approve_plan],
    "adjust": [plan_routes.adjust_plan], "close": [plan_routes.close_plan],
    "carry_forward": [plan_routes.carry_forward], "form_team": [plan_routes.form_team],
    "schedule_inspection": [inspection_routes.schedule],
}
INSPECTION_ROUTES = {
    "notify": [inspection_routes.notify], "start": [inspection_routes.start],
    "record_results": [inspection_routes.set_checklist, inspection_routes.add_finding],
    "record": [inspection_routes.record], "issue_recommendation": [inspection_routes.issue_recommendation],
    "conclude": [inspection_routes.conclude], "close": [inspection_routes.close],
    "postpone": [inspection_routes.postpone], "cancel": [inspection_routes.cancel],
}
RECOMMENDATION_ROUTES = {
    "submit": [recommendation_routes.submit_remediation], "accept": [recommendation_routes.accept],
    "reopen": [recommendation_routes.reopen],
}


def actor(role: str, agency_id: uuid.UUID | None = None) -> Principal:
    return Principal(subject=SUBJECT, tenant=None, roles=frozenset({role}),
                     agency_id=str(agency_id) if agency_id else None)


def let_in(routes: list, role: str) -> bool:
    """Whether every route of the action lets `role` in (its `@require`)."""
    return all(role in route.required_roles for route in routes)


def on_team(role: str, team: frozenset[str]) -> bool:
    return role in PROVINCE_MANAGERS or SUBJECT in team


def agrees(listed: list[str], check, action: str, expected: bool) -> None:
    """`action` is listed iff `expected`, and the command's check refuses it iff it is not listed."""
    assert (action in listed) is expected
    if expected:
        check()
    else:
        with pytest.raises(DomainError) as refused:
            check()
        assert refused.value.status in (403, 404, 409, 422)


def test_every_action_has_its_routes_and_every_rule_an_action():
    assert set(PLAN_ROUTES) == set(allowed.PLAN_ROLES)
    assert set(INSPECTION_ROUTES) == set(allowed.INSPECTION_ROLES)
    assert set(RECOMMENDATION_ROUTES) == set(allowed.RECOMMENDATION_ROLES)
    assert set(allowed.PLAN_ROLES) <= set(PLAN.moves) and set(allowed.INSPECTION_ROLES) <= set(INSPECTION.moves)
    assert set(allowed.RECOMMENDATION_ROLES) <= set(RECOMMENDATION.moves)


@pytest.mark.parametrize(("status", "role"), list(itertools.product(PlanStatus, sorted(ROLES))), ids=str)
def test_a_plan_lists_exactly_the_actions_its_commands_accept(status, role):
    for targets in ([], [Obj(agency_id=OWN)]):
        plan = Obj(status=status, targets=targets)
        listed = allowed.plan_actions(plan, actor(role))

        for action, routes in PLAN_ROUTES.items():
            expected = (let_in(routes, role) and PLAN.allows(action, status)
                        and (action != "submit" or bool(targets)))
            agrees(listed, lambda a=action: allowed.check_plan(a, plan, actor(role)), action, expected)


@pytest.mark.parametrize(("status", "role"), list(itertools.product(InspectionStatus, sorted(ROLES))), ids=str)
def test_an_inspection_lists_exactly_the_actions_its_commands_accept(status, role):
    inspection = Obj(status=status)
    for team, still_open in itertools.product((frozenset(), frozenset({SUBJECT})), (False, True)):
        context = Context(team=team, open_recommendations=still_open)
        listed = allowed.inspection_actions(inspection, actor(role), context)

        for action, routes in INSPECTION_ROUTES.items():
            expected = (let_in(routes, role) and on_team(role, team) and INSPECTION.allows(action, status)
                        and not (action == "close" and still_open))
            agrees(listed, lambda a=action, c=context: allowed.check_inspection(a, inspection, actor(role), c),
                   action, expected)


@pytest.mark.parametrize(("status", "role"), list(itertools.product(RecommendationStatus, sorted(ROLES))), ids=str)
def test_a_recommendation_lists_exactly_the_actions_its_commands_accept(status, role):
    recommendation = Obj(id=uuid.uuid4(), status=status, agency_id=OWN)
    for claim, team in itertools.product((OWN, OTHER, None), (frozenset(), frozenset({SUBJECT}))):
        caller, context = actor(role, claim), Context(team=team)
        listed = allowed.recommendation_actions(recommendation, caller, context)

        for action, routes in RECOMMENDATION_ROUTES.items():
            reaches = claim == OWN if action == "submit" else on_team(role, team)
            expected = let_in(routes, role) and reaches and RECOMMENDATION.allows(action, status)
            agrees(listed, lambda a=action, p=caller, c=context: allowed.check_recommendation(a, recommendation, p,
                                                                                              c),
                   action, expected)


class TestRefusals:
    def test_a_role_the_rule_does_not_name_is_forbidden_whatever_the_status(self):
        refusal = allowed.plan_refusal("approve", Obj(status="TRINH_UBND", targets=[]), actor("province_officer"))

        assert refusal.status == 403 and refusal.code == "role_not_allowed"

    def test_a_move_the_status_does_not_allow_is_the_lifecycles_conflict(self):
        refusal = allowed.plan_refusal("approve", Obj(status="DU_THAO", targets=[]), actor("province_leader"))

        assert (refusal.status, refusal.code, refusal.action, refusal.current) == (409, "move_refused", "approve",
                                                                                   "DU_THAO")

    def test_an_open_recommendation_stops_a_close_before_the_status_does(self):
        refusal = allowed.inspection_refusal("close", Obj(status="DA_LAP_BIEN_BAN"), actor("province_officer"),
                                             Context(open_recommendations=True))

        assert refusal.code == "recommendations_open"

    def test_an_inspector_off_the_team_is_forbidden_before_the_status_is_read(self):
        refusal = allowed.inspection_refusal("notify", Obj(status="DONG"), actor("inspector"), Context())

        assert (refusal.status, refusal.code) == (403, "not_on_team")

    def test_another_agencys_recommendation_is_not_found_for_its_answer(self):
        recommendation = Obj(id=OWN, status="MO", agency_id=OWN)

        refusal = allowed.recommendation_refusal("submit", recommendation, actor("agency_officer", OTHER), Context())

        assert (refusal.status, refusal.params) == (404, {"kind": "recommendation", "id": OWN})

    def test_a_draft_without_targets_is_not_submitted(self):
        assert allowed.plan_actions(Obj(status="DU_THAO", targets=[]), actor("province_officer")) == [
            "edit", "form_team", "schedule_inspection"]

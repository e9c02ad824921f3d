"""Inspection teams (đoàn kiểm tra), established by a decision, with members from any department; who of them
may work on an inspection."""

from __future__ import annotations

import uuid

from inspections import model, orm, repository
from inspections.model import allowed
from kit.uow import UnitOfWork


def form_team(uow: UnitOfWork, actor: model.Actor, plan_id: uuid.UUID, fields: dict, members: list[dict]) -> orm.Team:
    with uow:
        plan = repository.get(uow.session, orm.Plan, plan_id, lock=True)  # not closed meanwhile
        allowed.check_plan("form_team", plan, actor)
        model.ensure_single_head(members)
        team = orm.Team(id=uuid.uuid4(), plan_id=plan.id, **fields)
        team.members = [orm.TeamMember(position=i, **member) for i, member in enumerate(members)]
        uow.session.add(team)
        uow.commit()
        return team


def get_team(uow: UnitOfWork, team_id: uuid.UUID) -> orm.Team:
    with uow:
        return repository.get(uow.session, orm.Team, team_id)


def list_teams(uow: UnitOfWork, plan_id: uuid.UUID) -> list[orm.Team]:
    with uow:
        repository.get(uow.session, orm.Plan, plan_id)
        return repository.teams_of(uow.session, plan_id)


def ensure_on_team(uow: UnitOfWork, actor: model.Actor, inspection: orm.Inspection) -> None:
    """Inside an open unit of work: managers act on any inspection, an inspector only on one of their team's."""
    model.ensure_on_team(actor, repository.team_subjects(uow.session, inspection.plan_id, inspection.team_id))


def context(uow: UnitOfWork, inspection: orm.Inspection) -> allowed.Context:
    """Inside an open unit of work: what the rules of `inspection` and of its recommendations read beside them."""
    return allowed.Context(
        team=frozenset(repository.team_subjects(uow.session, inspection.plan_id, inspection.team_id)),
        open_recommendations=model.any_open(repository.recommendations_of(uow.session, inspection.id)))

"""Inspection teams (đoàn kiểm tra), established by a decision, with members from any department."""

from __future__ import annotations

import uuid

from inspections import model, orm, repository
from inspections.services.common import load
from kit.uow import UnitOfWork


def form_team(uow: UnitOfWork, plan_id: uuid.UUID, fields: dict, members: list[dict]) -> orm.Team:
    with uow:
        plan = load(uow, orm.Plan, plan_id)
        if plan.status == model.PlanStatus.DA_TONG_KET:
            raise model.LifecycleError("Kế hoạch đã tổng kết", "the plan is closed", plan.status)
        model.ensure_single_head(members)
        team = orm.Team(id=uuid.uuid4(), plan_id=plan.id, **fields)
        team.members = [orm.TeamMember(position=i, **member) for i, member in enumerate(members)]
        uow.session.add(team)
        uow.commit()
        return team


def get_team(uow: UnitOfWork, team_id: uuid.UUID) -> orm.Team:
    with uow:
        return load(uow, orm.Team, team_id)


def list_teams(uow: UnitOfWork, plan_id: uuid.UUID) -> list[orm.Team]:
    with uow:
        load(uow, orm.Plan, plan_id)
        return repository.teams_of(uow.session, plan_id)

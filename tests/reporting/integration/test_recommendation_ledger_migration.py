"""Migration 0012 creates the recommendations' ledger and fills it from the read model (ADR 24), on real
PostgreSQL: a database with recommendations goes back to 0011 (the ledger dropped) and up again, and the ledger
it fills equals the one the projection kept."""

import uuid
from datetime import UTC, date, datetime, time

import pytest
from alembic import command
from sqlalchemy import select

from contracts import inspections as ie
from kit import migrations
from kit.service import load
from reporting.orm import RecommendationLedgerEntry
from reporting.repository import flows
from tests.reporting.conftest import feed
from tests.support.service import APP, owned_database

PROVINCES = ("quang-ninh", "lao-cai")


@pytest.fixture
def database(postgres):
    """A reporting database of its own (this test moves its schema back and forth): (owner URL, runtime)."""
    service = load("reporting")
    owner_url, app_url = owned_database(postgres, "reporting_recommendation_ledger")
    service.migrate(owner_url)
    migrations.grant(owner_url, APP)
    runtime = service.runtime_at(app_url)
    yield owner_url, runtime
    runtime.engine.dispose()


def at(day: date) -> datetime:
    return datetime.combine(day, time(5), tzinfo=UTC)


def recommendation(issued: date, deadline: date, *closures: date) -> list:
    recommendation_id, agency_id = uuid.uuid4(), uuid.uuid4()
    events = [ie.RecommendationIssued(recommendation_id=recommendation_id, inspection_id=uuid.uuid4(),
                                      agency_id=agency_id, description="Khắc phục", deadline=deadline,
                                      issued_at=at(issued))]
    for n, day in enumerate(closures):
        events.append(ie.RecommendationClosed(recommendation_id=recommendation_id, agency_id=agency_id,
                                              closed_at=at(day)) if n % 2 == 0 else
                      ie.RecommendationReopened(recommendation_id=recommendation_id, agency_id=agency_id,
                                                reason="Chưa đạt", reopened_at=at(day)))
    return events


def entries(runtime) -> dict:
    e = RecommendationLedgerEntry
    with runtime.across_tenants() as uow:
        return {(r.tenant_id, r.grain, r.period): (r.open, r.overdue) for r in uow.session.scalars(select(e))
                if r.open or r.overdue}


def test_the_migration_fills_the_ledger_the_projection_would_have_kept(database):
    owner_url, runtime = database
    feed(runtime, PROVINCES[0], [*recommendation(date(2023, 2, 1), date(2023, 4, 30), date(2023, 3, 15)),
                                 *recommendation(date(2023, 5, 2), date(2023, 6, 30), date(2023, 9, 1),
                                                 date(2024, 1, 10))])
    feed(runtime, PROVINCES[1], recommendation(date(2024, 12, 20), date(2025, 1, 31)))
    kept = entries(runtime)
    config = migrations.alembic_config(owner_url, load("reporting").migrations)

    command.downgrade(config, "0011")
    command.upgrade(config, "0012")
    migrations.grant(owner_url, APP)

    assert entries(runtime) == kept
    assert {(tenant, grain) for tenant, grain, _period in kept} == {(p, g) for p in PROVINCES for g in "DMY"}
    with runtime.uow(PROVINCES[0]) as uow:
        assert flows.by_province(uow.session, date(2024, 3, 1), date(2024, 1, 1))[PROVINCES[0]][
            "recommendations"] == {"open": 1, "overdue": 1}

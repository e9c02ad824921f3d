"""Migration 0006 backfills the quality-system history from what the systems and their announcements still tell
(its docstring says how), on real PostgreSQL: a database at 0005 with systems goes to 0006."""

from datetime import date

import pytest
from alembic import command
from sqlalchemy import delete, select

from kit import migrations
from kit.service import load
from registry.orm import StatusSpan
from registry.services import tenants
from tests.registry.conftest import Records, new_agency
from tests.support.service import APP, owned_database

PROVINCE = "an-giang"


@pytest.fixture
def database(postgres):
    """A registry database of its own (this test moves its schema back and forth): (owner URL, runtime)."""
    service = load("registry")
    owner_url, app_url = owned_database(postgres, "registry_backfill")
    service.migrate(owner_url)
    migrations.grant(owner_url, APP)
    runtime = service.runtime_at(app_url)
    yield owner_url, runtime
    runtime.engine.dispose()


def spans_of(runtime) -> list[tuple]:
    with runtime.uow(PROVINCE) as uow:
        rows = uow.session.scalars(select(StatusSpan).order_by(StatusSpan.agency_id, StatusSpan.starts_on))
        return [(s.starts_on, s.ends_before, s.status, s.standard_version) for s in rows]


def test_the_history_is_rebuilt_from_applying_the_announcements_and_the_current_status(database, issuer):
    owner_url, runtime = database
    tenants.create_tenant(runtime.uow(PROVINCE), name="Tỉnh An Giang")
    client = load("registry").api_app(runtime, issuer.verifier()).test_client()
    headers = issuer.headers(tenant=PROVINCE, roles=["province_officer"])
    records = Records(client, headers, new_agency(client, headers)["id"])
    records.announced(standard_version="TCVN_ISO_9001_2008")  # applying 1/3/2021, announced 1/6/2021 on 2008
    records.move("start-transition", on="2021-07-10")
    with runtime.uow(PROVINCE) as uow:  # as before 0006: systems and announcements, no history
        uow.session.execute(delete(StatusSpan))
        uow.commit()
    config = migrations.alembic_config(owner_url, load("registry").migrations)

    command.downgrade(config, "0005")
    command.upgrade(config, "0006")
    migrations.grant(owner_url, APP)

    assert spans_of(runtime) == [
        (date(2021, 3, 1), date(2021, 6, 1), "DANG_AP_DUNG", "TCVN_ISO_9001_2008"),
        (date(2021, 6, 1), date(2021, 7, 10), "DA_CONG_BO", "TCVN_ISO_9001_2008"),
        (date(2021, 7, 10), None, "DANG_CHUYEN_DOI", "TCVN_ISO_9001_2008")]

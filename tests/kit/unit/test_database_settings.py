"""Which URL migrates, which role the processes run as, and whom `migrate` grants to (ADR 10)."""

from __future__ import annotations

import pytest

from kit.config import MissingSetting
from kit.settings import Settings

OWNER = "postgresql+psycopg://registry:secret@db:5432/registry"
APP = "postgresql+psycopg://registry_app:other@db:5432/registry"


def settings(**environ: str) -> Settings:
    return Settings.from_env(environ)


def test_the_processes_run_as_the_application_role_and_migrate_runs_as_the_owner():
    both = settings(DATABASE_URL=APP, MIGRATION_DATABASE_URL=OWNER)
    assert both.database_url == APP
    assert both.migration_url() == OWNER
    assert both.app_role() == "registry_app"


def test_the_migrate_job_needs_only_the_owner_url_and_the_role_name():
    job = settings(MIGRATION_DATABASE_URL=OWNER, DATABASE_APP_ROLE="registry_app")
    assert job.migration_url() == OWNER
    assert job.app_role() == "registry_app"


def test_one_url_means_one_role_and_nothing_to_grant():
    assert settings(DATABASE_URL=OWNER).migration_url() == OWNER
    assert settings(DATABASE_URL=OWNER).app_role() is None
    assert settings(DATABASE_URL="sqlite:///var/registry.db").app_role() is None


def test_without_any_database_url_the_service_does_not_start():
    with pytest.raises(MissingSetting, match="DATABASE_URL"):
        settings()


def test_the_relay_listens_where_outbox_listen_url_says_and_on_its_database_when_unset():
    direct = "postgresql+psycopg://registry_app:other@registry-rw:5432/registry"
    assert settings(DATABASE_URL=APP, OUTBOX_LISTEN_URL=direct).outbox_listen_url == direct
    assert settings(DATABASE_URL=APP).outbox_listen_url is None

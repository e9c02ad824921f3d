"""Shared fixtures: real PostgreSQL and Kafka for the session, fresh databases, test tokens."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tests.support import infra
from tests.support.tokens import Issuer

ROOT = Path(__file__).resolve().parent.parent


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test`'s workers: each test file whole on one worker, the browser tests all on one
    (tests.support.scheduling)."""
    from tests.support.scheduling import FilesTogether

    return FilesTogether(config, log)


def pytest_collection_modifyitems(config, items):
    if hasattr(config, "workerinput"):  # an xdist worker: every worker orders its collection the same way
        from tests.support.scheduling import first

        first(items)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("infra")


@pytest.fixture(scope="session")
def postgres(workdir):
    with infra.postgres(workdir) as server:
        yield server


@pytest.fixture(scope="session")
def kafka_server(workdir):
    """(bootstrap, handle) where handle can stop and restart a locally started broker, else None."""
    with infra.kafka(workdir) as started:
        yield started


@pytest.fixture(scope="session")
def kafka(kafka_server) -> str:
    return kafka_server[0]


@pytest.fixture(scope="session")
def s3(workdir) -> dict[str, str]:
    """A real S3 server for the attachments (S3Proxy), its settings in this process's environment for as long as
    the session lasts, as a service process reads them (kit.attachments.store_from_env)."""
    with infra.s3(workdir) as settings:
        saved = {key: os.environ.get(key) for key in settings}
        os.environ.update(settings)
        yield settings
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def store(s3):
    """The attachments' bucket on that server, as the service under test reaches it."""
    from kit.attachments import store_from_env

    return store_from_env()


@pytest.fixture(scope="session")
def issuer() -> Issuer:
    return Issuer()


@pytest.fixture
def tenant() -> str:
    """A fresh tenant slug per test, so tests never see each other's rows."""
    return f"t-{uuid.uuid4().hex[:10]}"


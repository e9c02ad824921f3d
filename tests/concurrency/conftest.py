"""The concurrency suite (issue 20): invariants that hold when requests race, through the gateway, in both modes.

`stack` is the whole platform, once per mode and session ("postgres", "embedded"); `province` is a fresh province
registered through the gateway for each test, with tokens for its people and helpers that create what a test races
on.
"""

from __future__ import annotations

import pytest

from tests.concurrency import stack as stacks
from tests.concurrency.province import Province


@pytest.fixture(scope="session", params=["postgres", "embedded"])
def stack(request, issuer, tmp_path_factory):
    if request.param == "postgres":
        built = stacks.on_postgres(request.getfixturevalue("postgres"), issuer)
    else:
        built = stacks.embedded(tmp_path_factory.mktemp("embedded"), issuer)
    yield built
    built.close()


@pytest.fixture
def province(stack, issuer, tenant) -> Province:
    return Province.register(stack, issuer, tenant)

"""CONSUMER_BATCH chooses the consumer's path (ADR 26): batched unless it says off."""

import pytest

from kit.config import MissingSetting
from kit.settings import Settings

URL = "postgresql+psycopg://registry_app:other@db:5432/registry"


def test_the_consumer_batches_unless_told_otherwise():
    assert Settings.from_env({"DATABASE_URL": URL}).consumer_batch is True
    assert Settings.from_env({"DATABASE_URL": URL, "CONSUMER_BATCH": "on"}).consumer_batch is True
    assert Settings.from_env({"DATABASE_URL": URL, "CONSUMER_BATCH": "off"}).consumer_batch is False


def test_a_consumer_batch_setting_that_is_not_a_boolean_stops_the_process():
    with pytest.raises(MissingSetting, match="CONSUMER_BATCH"):
        Settings.from_env({"DATABASE_URL": URL, "CONSUMER_BATCH": "sometimes"})

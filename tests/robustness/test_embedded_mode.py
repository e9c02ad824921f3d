"""Issue 20's findings that were the embedded mode's own (SQLite), through the gateway over every service on its
own SQLite file, as `python -m gateway embedded` wires them (without the demo data)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.concurrency import stack as stacks
from tests.concurrency.province import TRAINING, Province, expect


@pytest.fixture(scope="module")
def embedded(issuer, tmp_path_factory):
    built = stacks.embedded(tmp_path_factory.mktemp("embedded"), issuer)
    yield built
    built.close()


# Finding: a session at 08:00+07:00 was stored and returned as 08:00+00:00 (the shared timestamp type did not
# convert to UTC before SQLite kept the text); the UI then showed a class of 08:00-17:00 as 15:00-00:00.

def test_a_session_at_08_00_in_vietnam_is_stored_and_returned_as_the_same_instant(embedded, issuer, tenant):
    province = Province.register(embedded, issuer, tenant)
    created = province.post(f"{TRAINING}/classes", {
        "title": "Lớp thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "venue": "Hội trường",
        "capacity": 30, "provider": "Chi cục TĐC", "sessions": [
            {"starts_at": "2026-06-10T08:00:00+07:00", "ends_at": "2026-06-10T17:00:00+07:00"}]}, 201)

    [session] = expect(embedded.client().get(f"{TRAINING}/classes/{created['id']}", headers=province.officer),
                       200)["sessions"]

    assert datetime.fromisoformat(session["starts_at"]) == datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
    assert datetime.fromisoformat(session["ends_at"]) == datetime(2026, 6, 10, 10, 0, tzinfo=UTC)

"""`python -m reporting rebuild` (rebuild.py) empties the read models, never the periodic reports."""

from tests.reporting.conftest import REPORTS, annual


def test_a_rebuild_keeps_the_periodic_reports(client, runtime, people):
    from reporting import rebuild

    report = annual(client, people)

    rebuild.clear(runtime)

    assert client.get(f"{REPORTS}/{report['id']}", headers=people["province_officer"]).status_code == 200

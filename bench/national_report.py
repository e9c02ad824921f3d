"""National report: the Ministry's dashboard and a province's annual report (figures, XLSX, DOCX) on reporting's
read model at 1x and at 100x the real volume, beside one plain SQL aggregate of the headline counts on the
same data. Each volume has its own database and reporting API process, loaded in SQL (`bench.data`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import requests

from bench import data
from bench.load import expect
from bench.stack import Stack, migrate, say, start_api
from bench.table import Outcome

NAME = "national"
IN_USE = ["DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"]
AS_OF, PERIOD_START = "2025-12-31", "2025-01-01"
HEADLINE = """
WITH latest AS (
    SELECT DISTINCT ON (quality_system_id) agency_id, status, standard_version
    FROM quality_system_statuses WHERE changed_on <= %(as_of)s ORDER BY quality_system_id, version DESC
), systems AS (SELECT * FROM latest WHERE status <> 'NGUNG_AP_DUNG')
SELECT a.tenant_id, count(*) AS total,
       count(*) FILTER (WHERE a.obligation IN ('BAT_BUOC', 'BAT_BUOC_THEO_KH_TINH')) AS obliged,
       count(*) FILTER (WHERE s.status = ANY(%(in_use)s)) AS applying,
       count(*) FILTER (WHERE s.status = ANY(%(in_use)s) AND s.standard_version = 'TCVN_ISO_9001_2015') AS on_2015
FROM agencies a LEFT JOIN systems s ON s.agency_id = a.agency_id
WHERE (a.valid_from IS NULL OR a.valid_from <= %(as_of)s) AND (a.valid_to IS NULL OR a.valid_to >= %(as_of)s)
GROUP BY a.tenant_id
"""


@dataclass(frozen=True)
class Plan:
    """The real volume (provinces of `agencies` agencies) and the factor it grows by."""

    provinces: int
    agencies: int
    factor: int = 100
    runs: int = 2


FULL = Plan(provinces=34, agencies=200)
QUICK = Plan(provinces=3, agencies=10)


def prepare(stack: Stack, plan: Plan) -> None:
    """A database and a reporting API per volume, loaded with the same provinces (grown at 100x)."""
    provinces = data.provinces(plan.provinces, plan.agencies, seed=7)
    stack.loaded[NAME] = {}
    databases = {scale: f"bench_national_{scale}x" for scale in (1, plan.factor)}
    migrate(stack.topology, stack.postgres, [("reporting", database) for database in databases.values()])
    for scale, database in databases.items():
        url, _ = start_api(stack, "reporting", database)
        with stack.postgres.connect(database, autocommit=True) as conn:
            rows = data.load_read_model(conn, provinces)
            if scale > 1:
                rows += data.grow_read_model(conn, scale)
        say(f"{NAME}: {scale}x read model, {rows} rows, served at {url}")
        stack.loaded[NAME][scale] = (url, database)


def run(stack: Stack, plan: Plan) -> Outcome:
    """At each volume: the dashboard, the SQL aggregate (checked to agree) and the annual report."""
    outcome = Outcome()
    national, province = stack.headers(None, "national_viewer"), stack.headers("bench-01")
    for scale, (url, database) in stack.loaded[NAME].items():
        say(f"{NAME}: {scale}x dashboard, SQL aggregate and annual report")
        dashboard, seconds = _timed(requests.get, f"{url}/api/v1/reporting/national", headers=national,
                                    params={"as_of": AS_OF, "from": PERIOD_START}, timeout=1800)
        expect(dashboard)
        sql, sql_seconds = _timed(_headline, stack, database)
        _same_totals(dashboard.json()["total"], sql)
        base = None if scale == 1 else "1x"
        outcome.add(f"dashboard {scale}x", seconds, "s", base and f"dashboard {base}")
        outcome.add(f"SQL aggregate {scale}x", sql_seconds, "s", base and f"SQL aggregate {base}")
        outcome.add(f"dashboard/SQL {scale}x", seconds / sql_seconds, "x")
        for step, seconds in _annual_report(url, province).items():
            outcome.add(f"annual {step} {scale}x", seconds, "s", base and f"annual {step} {base}")
        outcome.operations += 5
    return outcome


def _annual_report(url: str, headers: dict) -> dict[str, float]:
    body = {"report_type": "BC_TINH_NAM", "period_start": PERIOD_START, "cutoff": AS_OF}
    created, figures = _timed(requests.post, f"{url}/api/v1/reporting/reports", json=body, headers=headers,
                              timeout=1800)
    expect(created, 201)
    report = f"{url}/api/v1/reporting/reports/{created.json()['id']}"
    timings = {"figures": figures}
    for kind in ("xlsx", "docx"):
        answer, timings[kind] = _timed(requests.get, f"{report}.{kind}", headers=headers, timeout=300)
        expect(answer)
    return timings


def _headline(stack: Stack, database: str) -> dict[str, int]:
    with stack.postgres.connect(database) as conn:
        rows = conn.execute(HEADLINE, {"as_of": AS_OF, "in_use": IN_USE}).fetchall()
    return {"total": sum(r[1] for r in rows), "obliged": sum(r[2] for r in rows), "applying": sum(r[3] for r in rows),
            "on_2015": sum(r[4] for r in rows)}


def _same_totals(dashboard: dict, sql: dict) -> None:
    """The SQL aggregate must count what the dashboard counts, or the comparison is meaningless."""
    differ = {name: (dashboard[name], value) for name, value in sql.items() if dashboard[name] != value}
    if differ:
        raise RuntimeError(f"dashboard and SQL aggregate disagree (dashboard, SQL): {differ}")


def _timed(call, *args, **kwargs):
    """What `call` returned, and how many seconds it took."""
    began = time.perf_counter()
    result = call(*args, **kwargs)
    return result, time.perf_counter() - began

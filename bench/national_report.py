"""National report: the Ministry's dashboard, one province's figures and a province's annual report (figures,
XLSX, DOCX) on reporting's read model at 1x, 10x and 100x the real volume, each over 20 `as_of` dates spread over
the ten years, beside one plain SQL aggregate of ALL the dashboard's figures on the same data, run as the
application role under row-level security as the national reader opens it (and checked to give the same
figures). Each volume has its own database and reporting API process, loaded in SQL (`bench.data`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

import psycopg
import requests

from bench import data
from bench.load import expect
from bench.stack import APP_ROLE, Stack, migrate, say, start_api
from bench.table import Outcome, percentile

NAME = "national"
DATES = [date(2016, 3, 1) + timedelta(days=round(n * 3560 / 19)) for n in range(20)]  # to late 2025
# As the service's national reader opens its transaction (kit.rls.set_tenant across tenants).
ACROSS = ("SELECT set_config('app.tenant', '', true), set_config('app.cross_tenant', 'on', true), "
          "set_config('app.lineage', '', true)")
COUNTS = ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015", "were_2008",
          "transition_done", "upkeep_done", "with_secretary", "trained_secretary")
VALID = ("(a.valid_from IS NULL OR a.valid_from <= %(as_of)s) AND (a.valid_to IS NULL OR a.valid_to >= %(as_of)s)")
SUMS = ", ".join(f"sum({name})::bigint AS {name}" for name in COUNTS)
# The entries of an as-of ledger (the agency counters', the recommendations') that sum to its counters on a date.
UP_TO = ("((grain = 'Y' AND period < %(year)s) OR (grain = 'M' AND period >= %(year)s AND period < %(month)s) "
         "OR (grain = 'D' AND period >= %(month)s AND period <= %(as_of)s))")
# Every figure of every province in one statement: the as-of ledger's counters per province, agency type and
# level, the recommendations' ledger per province, and each flow per province, as one JSON document (what the
# dashboard answers, without the service).
AGGREGATE = f"""
SELECT json_build_object(
 'ledger', (SELECT json_agg(l) FROM (
    SELECT tenant_id, agency_type, admin_level, {SUMS} FROM figure_ledger
    WHERE {UP_TO} GROUP BY tenant_id, agency_type, admin_level) l),
 're_announced', (SELECT json_object_agg(tenant_id, n) FROM (
    SELECT n.tenant_id, count(DISTINCT n.agency_id) AS n FROM announcements n JOIN agencies a USING (agency_id)
    WHERE n.kind = 'CONG_BO_LAI' AND n.decision_date BETWEEN %(start)s AND %(as_of)s AND {VALID}
    GROUP BY n.tenant_id) x),
 'obliged_on_site', (SELECT json_object_agg(tenant_id, n) FROM (
    SELECT i.tenant_id, count(DISTINCT i.agency_id) AS n FROM inspections i JOIN agencies a USING (agency_id)
    WHERE i.form = 'TRUC_TIEP_TAI_TRU_SO' AND i.concluded_on BETWEEN %(start)s AND %(as_of)s AND {VALID}
      AND a.obligation IN ('BAT_BUOC', 'BAT_BUOC_THEO_KH_TINH')
    GROUP BY i.tenant_id) x),
 'planned', (SELECT json_object_agg(tenant_id, n) FROM (
    SELECT tenant_id, count(*) AS n FROM (
      SELECT tenant_id FROM inspections
      WHERE scheduled_on BETWEEN %(start)s AND %(as_of)s AND status <> 'CANCELLED'
      UNION ALL SELECT tenant_id FROM inspections WHERE scheduled_on IS NULL AND status <> 'CANCELLED') p
    GROUP BY tenant_id) x),
 'results', (SELECT json_agg(x) FROM (
    SELECT tenant_id, overall_result, count(*) AS n, count(*) FILTER (WHERE form = 'TRUC_TIEP_TAI_TRU_SO') AS on_site
    FROM inspections WHERE concluded_on BETWEEN %(start)s AND %(as_of)s GROUP BY tenant_id, overall_result) x),
 'plans', (SELECT json_object_agg(tenant_id, json_build_array(plans, targets)) FROM (
    SELECT tenant_id, count(*) AS plans, coalesce(sum(targets), 0) AS targets FROM inspection_plans
    WHERE year = %(year_number)s GROUP BY tenant_id) x),
 'scheduled', (SELECT json_object_agg(tenant_id, json_build_array(n, on_site)) FROM (
    SELECT i.tenant_id, count(*) AS n, count(*) FILTER (WHERE i.form = 'TRUC_TIEP_TAI_TRU_SO') AS on_site
    FROM inspections i JOIN inspection_plans p USING (plan_id)
    WHERE p.year = %(year_number)s AND i.status <> 'CANCELLED' GROUP BY i.tenant_id) x),
 'recommendations', (SELECT json_object_agg(tenant_id, json_build_array(open, overdue)) FROM (
    SELECT tenant_id, sum(open) AS open, sum(overdue) AS overdue FROM recommendation_ledger
    WHERE {UP_TO} GROUP BY tenant_id) x),
 'training', (SELECT json_object_agg(tenant_id, json_build_array(classes, finished, participants, completed))
  FROM (SELECT tenant_id, count(*) FILTER (WHERE status <> 'CANCELLED') AS classes,
      count(*) FILTER (WHERE status = 'FINISHED') AS finished,
      coalesce(sum(participants) FILTER (WHERE status = 'FINISHED'), 0) AS participants,
      coalesce(sum(completed) FILTER (WHERE status = 'FINISHED'), 0) AS completed
    FROM training_classes WHERE last_day BETWEEN %(start)s AND %(as_of)s GROUP BY tenant_id) x),
 'budget', (SELECT json_agg(x) FROM (
    SELECT tenant_id, category, sum(estimate) AS estimate, sum(approved) AS approved,
      sum(disbursed) AS disbursed, sum(settled) AS settled
    FROM budget_lines WHERE fiscal_year = %(year_number)s GROUP BY tenant_id, category) x))
"""  # noqa: S608 - the text is fixed, the values are bound


@dataclass(frozen=True)
class Plan:
    """The real volume (provinces of `agencies` agencies), the factors it grows by, and the annual reports
    created per volume (each a different province and date)."""

    provinces: int
    agencies: int
    factors: tuple[int, ...] = (1, 10, 100)
    reports: int = 6
    runs: int = 2


FULL = Plan(provinces=34, agencies=200)
QUICK = Plan(provinces=3, agencies=10, reports=3)


def prepare(stack: Stack, plan: Plan) -> None:
    """A database and a reporting API per volume, loaded with the same provinces (grown N times)."""
    provinces = data.provinces(plan.provinces, plan.agencies, seed=7)
    stack.loaded[NAME] = {}
    databases = {scale: f"bench_national_{scale}x" for scale in plan.factors}
    migrate(stack.topology, stack.postgres, [("reporting", database) for database in databases.values()])
    for scale, database in databases.items():
        url, _ = start_api(stack, "reporting", database)
        began = time.monotonic()
        with stack.postgres.connect(database, autocommit=True) as conn:
            rows = data.load_read_model(conn, provinces)
            if scale > 1:
                rows += data.grow_read_model(conn, scale)
        say(f"{NAME}: {scale}x read model, {rows} rows in {time.monotonic() - began:.0f} s, served at {url}")
        stack.loaded[NAME][scale] = (url, database, [p.tenant for p in provinces])


def run(stack: Stack, plan: Plan) -> Outcome:
    """At each volume: the dashboard and the SQL aggregate on 20 dates (checked to agree), one province's
    figures on the same dates, and annual reports (figures, XLSX, DOCX)."""
    outcome = Outcome()
    national = stack.headers(None, "national_viewer")
    dashboards = {}
    for scale, (url, database, tenants) in stack.loaded[NAME].items():
        say(f"{NAME}: {scale}x dashboard and SQL aggregate on {len(DATES)} dates")
        dashboard, sql = [], []
        with psycopg.connect(host=stack.postgres.host, port=stack.postgres.port, user=APP_ROLE,
                             dbname=database) as conn:
            for as_of in DATES:
                params = {"as_of": as_of.isoformat(), "from": date(as_of.year, 1, 1).isoformat()}
                answer, seconds = _timed(requests.get, f"{url}/api/v1/reporting/national", headers=national,
                                         params=params, timeout=1800)
                expect(answer)
                dashboard.append(seconds)
                figures, seconds = _timed(_aggregate, conn, as_of)
                sql.append(seconds)
                _same(answer.json()["provinces"], figures, as_of)
        dashboards[scale] = percentile(dashboard, 95)
        grown = _at_one_x(scale)
        outcome.add(f"dashboard p95 {scale}x", 1000 * dashboards[scale], "ms", grown("dashboard p95"))
        outcome.add(f"dashboard p50 {scale}x", 1000 * percentile(dashboard, 50), "ms", grown("dashboard p50"))
        outcome.add(f"SQL aggregate p95 {scale}x", 1000 * percentile(sql, 95), "ms", grown("SQL aggregate p95"))
        outcome.add(f"dashboard/SQL {scale}x", percentile(dashboard, 95) / percentile(sql, 95), "x")
        outcome.add(f"province figures p95 {scale}x", 1000 * _province_figures(url, national, tenants), "ms",
                    grown("province figures p95"))
        for step, seconds in _annual_reports(stack, url, tenants, plan.reports).items():
            outcome.add(f"annual {step} {scale}x", 1000 * seconds, "ms")
        outcome.operations += 3 * len(DATES) + 3 * plan.reports
    if 10 in dashboards and 100 in dashboards:
        outcome.add("dashboard 100x/10x", dashboards[100] / dashboards[10], "x")
    return outcome


def _province_figures(url: str, headers: dict, tenants: list[str]) -> float:
    """The p95 of one province's figures (the national drill-down) over the dates, a province per date."""
    seconds = []
    for n, as_of in enumerate(DATES):
        params = {"as_of": as_of.isoformat(), "from": date(as_of.year, 1, 1).isoformat()}
        answer, took = _timed(requests.get, f"{url}/api/v1/reporting/national/{tenants[n % len(tenants)]}",
                              headers=headers, params=params, timeout=600)
        expect(answer)
        seconds.append(took)
    return percentile(seconds, 95)


def _at_one_x(scale: int):
    """name -> the same row at 1x, which a larger volume's row is a ratio of (None at 1x)."""
    return lambda name: None if scale == 1 else f"{name} 1x"


def _annual_reports(stack: Stack, url: str, tenants: list[str], count: int) -> dict[str, float]:
    """`count` annual reports, each of another province and year's end: the p95 of creating one (its figures
    computed and stored), and of downloading it as XLSX and as DOCX."""
    timings = {"figures p95": [], "xlsx": [], "docx": []}
    for n in range(count):
        year = 2025 - n
        headers = stack.headers(tenants[n % len(tenants)])
        body = {"report_type": "BC_TINH_NAM", "period_start": f"{year}-01-01", "cutoff": f"{year}-12-31"}
        created, seconds = _timed(requests.post, f"{url}/api/v1/reporting/reports", json=body, headers=headers,
                                  timeout=1800)
        expect(created, 201)
        timings["figures p95"].append(seconds)
        report = f"{url}/api/v1/reporting/reports/{created.json()['id']}"
        for kind in ("xlsx", "docx"):
            answer, seconds = _timed(requests.get, f"{report}.{kind}", headers=headers, timeout=300)
            expect(answer)
            timings[kind].append(seconds)
    return {step: percentile(found, 95) for step, found in timings.items()}


def _aggregate(conn: psycopg.Connection, as_of: date) -> dict:
    """Every province's figures from the one statement, in the application role's transaction opened across
    provinces as the national reader opens it."""
    params = {"as_of": as_of, "start": date(as_of.year, 1, 1), "year": date(as_of.year, 1, 1),
              "month": as_of.replace(day=1), "year_number": as_of.year}
    with conn.transaction():
        conn.execute(ACROSS)
        return conn.execute(AGGREGATE, params).fetchone()[0]


def _same(provinces: dict, sql: dict, as_of: date) -> None:
    """The SQL aggregate must give every figure the dashboard gives, province by province, or the comparison is
    meaningless."""
    expected = {tenant: _figures_of(figures) for tenant, figures in provinces.items()}
    got = _sql_figures(sql, list(provinces))
    differ = {tenant: {k: (v, got[tenant].get(k)) for k, v in figures.items() if got[tenant].get(k) != v}
              for tenant, figures in expected.items()}
    differ = {tenant: found for tenant, found in differ.items() if found}
    if differ:
        raise RuntimeError(f"dashboard and SQL aggregate disagree on {as_of} (dashboard, SQL): {differ}")


def _figures_of(figures: dict) -> dict:
    """The numbers of one province's dashboard figures, flat."""
    inspections, training, budget = figures["inspections"], figures["training"], figures["budget"]
    return {
        **{name: figures[name] for name in COUNTS[:6]},
        **{f"type {kind} {name}": n for kind, counts in figures["by_agency_type"].items()
           for name, n in counts.items()},
        **{f"level {level} {name}": n for level, counts in figures["by_admin_level"].items()
           for name, n in counts.items()},
        "re_announced": figures["re_announced_in_period"],
        "were_2008": figures["transition"]["of"], "transition_done": figures["transition"]["completed"],
        "upkeep_done": figures["upkeep"]["done"],
        "with_secretary": training["trained_secretaries"]["of"],
        "trained_secretary": training["trained_secretaries"]["done"],
        **{f"inspections {name}": inspections[name] for name in ("planned", "done", "on_site")},
        **{f"result {result}": n for result, n in inspections["results"].items()},
        "obliged_on_site": inspections["on_site_of_obliged"]["done"],
        **{f"plan {name}": inspections["plan_year"][name] for name in ("plans", "targets", "scheduled",
                                                                         "scheduled_on_site")},
        **{f"recommendations {name}": n for name, n in figures["recommendations"].items()},
        **{f"training {name}": training[name] for name in ("classes", "finished", "participants", "completed")},
        **{f"budget {category} {name}": n for category, money in budget["by_category"].items()
           for name, n in money.items()},
    }


def _sql_figures(sql: dict, tenants: list[str]) -> dict[str, dict]:
    """The same flat numbers from the SQL aggregate's document."""
    found = {tenant: {} for tenant in tenants}

    def add(tenant: str, name: str, value) -> None:
        if tenant in found:
            found[tenant][name] = found[tenant].get(name, 0) + int(value)
    for row in sql["ledger"] or []:
        for name in COUNTS:
            add(row["tenant_id"], name, row[name])
    for row in sql["ledger"] or []:
        for group in (f"type {row['agency_type']}", f"level {row['admin_level']}"):
            for name in COUNTS[:6]:
                add(row["tenant_id"], f"{group} {name}", row[name])
    for figures in found.values():  # a group without an agency on the date is not a line of the answer
        for group in {key.rsplit(" ", 1)[0] for key in figures if key.startswith(("type ", "level "))}:
            if not figures[f"{group} total"]:
                for name in COUNTS[:6]:
                    figures.pop(f"{group} {name}")
        for name in COUNTS[:6]:
            figures.setdefault(name, 0)
        for name in COUNTS[6:]:
            figures.setdefault(name, 0)
    for key in ("re_announced", "obliged_on_site"):
        for tenant in tenants:
            add(tenant, key, (sql[key] or {}).get(tenant, 0))
    for tenant in tenants:
        add(tenant, "inspections planned", (sql["planned"] or {}).get(tenant, 0))
        add(tenant, "inspections done", 0)  # added to below, from the results
        add(tenant, "inspections on_site", 0)
        for key, names in (("plans", ("plan plans", "plan targets")),
                           ("scheduled", ("plan scheduled", "plan scheduled_on_site")),
                           ("recommendations", ("recommendations open", "recommendations overdue")),
                           ("training", ("training classes", "training finished", "training participants",
                                         "training completed"))):
            for name, value in zip(names, (sql[key] or {}).get(tenant, [0] * len(names)), strict=True):
                add(tenant, name, value)
    for row in sql["results"] or []:
        add(row["tenant_id"], f"result {row['overall_result']}", row["n"])
        add(row["tenant_id"], "inspections done", row["n"])
        add(row["tenant_id"], "inspections on_site", row["on_site"])
    for row in sql["budget"] or []:
        for name in ("estimate", "approved", "disbursed", "settled"):
            add(row["tenant_id"], f"budget {row['category']} {name}", row[name])
    return found


def _timed(call, *args, **kwargs):
    """What `call` returned, and how many seconds it took."""
    began = time.perf_counter()
    result = call(*args, **kwargs)
    return result, time.perf_counter() - began

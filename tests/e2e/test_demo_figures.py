"""The demo of `make up` reproduces the figures of the seed articles, as the README quotes them: from records,
through real Kafka, in the read models, read through the gateway as a dashboard reads them.

The topology is `make up`'s (`Topology.start_all(seed="demo")`): every service as its own processes on PostgreSQL,
each service's `seed-demo` writing the same demo as `make run` through its use cases, the relays publishing, the
inspections service seeding its plans once the registry's agencies reach its replica, reporting applying it all.

`make test` writes the demo of Thái Bình and its successor Hưng Yên only (the smallest provinces, with a
succession: about two minutes) and runs the tests about them; `make test-demo` (DEMO_FIGURES=all) writes every
province, ten minutes on two cores, and runs every test here (the tests marked `whole_demo` need it).
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import requests

from contracts import demo as demo_choice
from localinfra.topology import Topology
from tests.e2e.conftest import running, token

# the demo's topology is written in the first test's setup: the provinces' years to today, with their successions
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1500)]
WHOLE = os.environ.get("DEMO_FIGURES") == "all"
SMALL = "thai-binh"  # with Hưng Yên, its successor
whole_demo = pytest.mark.whole_demo  # deselected unless the whole demo is written (tests/e2e/conftest.py)


def seeded(*provinces: str) -> list[str]:
    """Those of `provinces` this run's demo writes."""
    with pytest.MonkeyPatch.context() as patch:
        if not WHOLE:
            patch.setenv("DEMO_PROVINCES", SMALL)
        chosen = demo_choice.chosen()
    return [province for province in provinces if province in chosen]


@pytest.fixture(scope="module")
def demo(tmp_path_factory, postgres, kafka, kafka_logins):
    with pytest.MonkeyPatch.context() as patch:
        if not WHOLE:
            patch.setenv("DEMO_PROVINCES", SMALL)  # the services' seed-demo processes inherit it
        with running(tmp_path_factory.mktemp("demo"), postgres, kafka, kafka_logins, seed="demo",
                     prefix="demo") as topology:
            yield topology


def figures(demo: Topology, tenant: str, as_of: str, start: str, borders: str = "as_reported") -> dict:
    reply = requests.get(f"{demo.gateway}/api/v1/reporting/figures",
                         params={"as_of": as_of, "from": start, "borders": borders},
                         headers=token(demo, f"{tenant}.officer"), timeout=30)
    reply.raise_for_status()
    return reply.json()


def seed_article_2021(got: dict) -> dict:
    return {"applying": got["applying"], "obliged": got["obliged_share"]["label"],
            "encouraged": got["applying"] - got["obliged_applying"], "communes": got["communes"]["label"],
            "re_announced": got["re_announced_in_period"], "transition": got["transition"]["label"],
            "inspections": (got["inspections"]["done"], got["inspections"]["on_site"])}


@whole_demo
def test_binh_thuan_2021_as_reported_and_inside_lam_dong_today(demo):
    """Issue 19: Bình Thuận's 2021 figures stay Bình Thuận's, and Lâm Đồng, its successor since 1/7/2025, reads
    them within its own history under today's borders (the demo's Lâm Đồng has no agencies of its own before)."""
    got = figures(demo, "binh-thuan", "2021-12-31", "2021-01-01")
    inside_lam_dong = figures(demo, "lam-dong", "2021-12-31", "2021-01-01", borders="current")
    lam_dong_as_reported = figures(demo, "lam-dong", "2021-12-31", "2021-01-01")

    assert (got["as_of"], got["period_start"]) == ("2021-12-31", "2021-01-01")
    assert seed_article_2021(got) == {
        "applying": 145, "obliged": "41 of 41, 100%", "encouraged": 104, "communes": "102 of 124, 82%",
        "re_announced": 43, "transition": "23/34", "inspections": (145, 0)}  # all through their records
    assert seed_article_2021(inside_lam_dong) == seed_article_2021(got)
    assert (lam_dong_as_reported["total"], inside_lam_dong["total"]) == (0, got["total"])


@whole_demo
def test_binh_thuan_loses_its_districts_on_1_7_2025_and_lam_dong_goes_on_with_the_rest(demo):
    before = figures(demo, "binh-thuan", "2025-06-30", "2025-01-01")
    after = figures(demo, "binh-thuan", "2025-07-01", "2025-01-01")
    successor = figures(demo, "lam-dong", "2025-07-01", "2025-01-01")

    assert before["by_agency_type"]["UBND_HUYEN"]["total"] == 10
    assert after["total"] == 0  # merged into Lâm Đồng on 1/7/2025
    assert "UBND_HUYEN" not in successor["by_agency_type"] and successor["total"] == before["total"] - 10
    # valid to 30/6/2025 inclusive: the districts still apply their systems on their last day; 14 of the communes
    # building in 2021 apply since 2022-2023
    assert (before["applying"], before["obliged_share"]["label"]) == (159, "41 of 41, 100%")
    assert (successor["applying"], successor["obliged_share"]["label"]) == (149, "31 of 31, 100%")


@whole_demo
@pytest.mark.parametrize(("as_of", "start"), [("2020-12-31", "2016-01-01"), ("2016-12-31", "2016-01-01"),
                                              ("2017-12-31", "2017-01-01")])
def test_an_giang_2016_2020(demo, as_of, start):
    got = figures(demo, "an-giang", as_of, start)

    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert {t: got["by_agency_type"][t]["total"] for t in ("SO", "CHI_CUC", "UBND_HUYEN")} == {
        "SO": 19, "CHI_CUC": 11, "UBND_HUYEN": 11}
    assert got["communes"]["label"] == "156 of 156, 100%"


@whole_demo
@pytest.mark.parametrize("year", range(2016, 2021))
def test_an_giang_inspects_over_70_percent_on_site_every_year_in_both_services(demo, year):
    got = figures(demo, "an-giang", f"{year}-12-31", f"{year}-01-01")["inspections"]
    coverage = requests.get(f"{demo.gateway}/api/v1/inspections/coverage", headers=token(demo, "an-giang.officer"),
                            params={"year": year, "as_of": f"{year}-12-31"}, timeout=30).json()

    assert got["on_site_of_obliged"]["of"] == 41 and got["on_site_of_obliged"]["percent"] > 70
    # the 41 provincial-level agencies and the 156 communes (these through their records) every year
    assert got["done"] == 197 and got["plan_year"]["targets"] == 197
    assert got["on_site"] == got["on_site_of_obliged"]["done"]
    assert (coverage["basis"], coverage["obliged"], coverage["inspected_onsite"]) == (
        "REGISTRY_OBLIGATION", 41, got["on_site_of_obliged"]["done"])


@whole_demo
def test_ho_chi_minh_mid_2020(demo):
    got = figures(demo, "ho-chi-minh", "2020-06-30", "2020-01-01")

    assert got["transition"]["label"] == "47/63"
    assert got["inspections"]["plan_year"]["scheduled_on_site"] == 30


@whole_demo
def test_ho_chi_minh_inspects_30_on_site_in_the_second_half_of_2020(demo):
    first_half = figures(demo, "ho-chi-minh", "2020-06-30", "2020-01-01")["inspections"]
    second_half = figures(demo, "ho-chi-minh", "2020-12-31", "2020-07-01")["inspections"]

    assert first_half["done"] == 0
    assert (second_half["done"], second_half["on_site"]) == (30, 30)


def test_thai_binh_2012_2015(demo):
    got = figures(demo, "thai-binh", "2015-12-31", "2012-01-01")

    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert got["on_2015"] == 0


@pytest.mark.parametrize("tenant", seeded("lam-dong", "an-giang", "ho-chi-minh", "hung-yen"))
def test_every_demo_province_is_active_this_year_with_a_short_attention_list(demo, tenant):
    today = date.today()
    got = figures(demo, tenant, today.isoformat(), f"{today.year}-01-01")
    flagged = requests.get(f"{demo.gateway}/api/v1/registry/agencies/flags", params={"as_of": today.isoformat()},
                           headers=token(demo, f"{tenant}.officer"), timeout=30).json()

    assert got["upkeep"]["done"] > 0 and got["inspections"]["plan_year"]["scheduled"] > 0
    assert got["inspections"]["done"] > 0 or today < date(today.year, 5, 1)  # the year's visits start in April
    assert 0 < len(flagged) < 0.15 * got["total"]


def test_no_process_of_the_demo_logged_an_error(demo):
    errors = {log.name: line for log in sorted(demo.workdir.glob("*.log"))
              for line in log.read_text(errors="replace").splitlines()
              if '"level": "error"' in line or '"level": "critical"' in line or "Traceback" in line}

    assert errors == {}


def test_the_consistency_check_finds_no_difference_between_the_services_and_reporting_on_the_demo(demo):
    """`python -m reporting verify` (issue 18) on ten dates: every owner's figure equals reporting's."""
    import subprocess
    import sys
    from datetime import date

    dates = ["2016-12-31", "2018-12-31", "2020-06-30", "2020-12-31", "2021-12-31", "2023-06-15", "2024-12-31",
             "2025-06-30", "2025-07-01", date.today().isoformat()]
    tenants = seeded("binh-thuan", "an-giang", "ho-chi-minh", "thai-binh", "lam-dong", "hung-yen")

    done = subprocess.run([sys.executable, "-m", "reporting", "verify", "--gateway", demo.gateway,
                           *(f"--tenant={t}" for t in tenants), *(f"--as-of={d}" for d in dates)],
                          capture_output=True, text=True, timeout=600)

    assert done.stdout.splitlines() == [f"verify: 0 differences in {len(tenants)} provinces on 10 dates"], done.stderr
    assert done.returncode == 0


def test_every_demo_province_trains_and_budgets_this_year_and_the_years_before(demo):
    """Issue 18: classes and budget lines every year to today (to 2024 for a province merged in 2025, from 2026 for
    its successor); two years back, all of them settled, as the services list them and as reporting's figures sum
    them."""
    this_year, past = date.today().year, date.today().year - 2

    def listed(tenant: str, path: str, **query) -> list[dict]:
        reply = requests.get(f"{demo.gateway}/api/v1/{path}", params={**query, "page_size": 100},
                             headers=token(demo, f"{tenant}.officer"), timeout=30)
        reply.raise_for_status()
        return reply.json()["items"]

    for tenant in seeded("an-giang", "ho-chi-minh", "lam-dong", "hung-yen"):
        classes_now, lines_now = listed(tenant, "training/classes", year=this_year), listed(
            tenant, "budget/lines", fiscal_year=this_year)

        assert classes_now, tenant
        assert {line["category"] for line in lines_now} == {"DAO_TAO", "KIEM_TRA", "DUY_TRI_CAI_TIEN"}, tenant
    for tenant in seeded("an-giang", "ho-chi-minh", "binh-thuan", "thai-binh"):
        year = min(past, 2024)  # a merged province's last year of its own
        then = figures(demo, tenant, f"{year}-12-31", f"{year}-01-01")
        classes_then = listed(tenant, "training/classes", year=year)
        lines_then = listed(tenant, "budget/lines", fiscal_year=year)

        assert {c["status"] for c in classes_then} == {"DA_QUYET_TOAN"}, tenant
        assert {line["status"] for line in lines_then} == {"DA_QUYET_TOAN"}, tenant
        assert then["training"]["finished"] == len(classes_then) and then["training"]["completed"] > 0, tenant
        assert then["budget"]["settled"] == sum(line["disbursed"] for line in lines_then) > 0, tenant

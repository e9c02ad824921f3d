"""The demo of `make up` reproduces the figures of the seed articles, as the README quotes them: from records,
through real Kafka, in the read models, read through the gateway as a dashboard reads them.

The topology is `make up`'s (`Topology.start_all(seed="demo")`): every service as its own processes on PostgreSQL,
each service's `seed-demo` writing the same demo as `make run` through its use cases, the relays publishing, the
inspections service seeding its plans once the registry's agencies reach its replica, reporting applying it all.
"""

from __future__ import annotations

import pytest
import requests

from localinfra.topology import Topology
from tests.e2e.conftest import running, token

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo(tmp_path_factory, postgres, kafka):
    with running(tmp_path_factory.mktemp("demo"), postgres, kafka, seed="demo", prefix="demo") as topology:
        yield topology


def figures(demo: Topology, tenant: str, as_of: str, start: str) -> dict:
    reply = requests.get(f"{demo.gateway}/api/v1/reporting/figures", params={"as_of": as_of, "from": start},
                         headers=token(demo, f"{tenant}.officer"), timeout=30)
    reply.raise_for_status()
    return reply.json()


def test_binh_thuan_2021(demo):
    got = figures(demo, "binh-thuan", "2021-12-31", "2021-01-01")

    assert (got["as_of"], got["period_start"]) == ("2021-12-31", "2021-01-01")
    assert got["applying"] == 145
    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert got["applying"] - got["obliged_applying"] == 104
    assert got["communes"]["label"] == "102 of 124, 82%"
    assert got["re_announced_in_period"] == 43
    assert got["transition"]["label"] == "23/34"


def test_binh_thuan_loses_its_districts_on_1_7_2025(demo):
    before = figures(demo, "binh-thuan", "2025-06-30", "2025-01-01")
    after = figures(demo, "binh-thuan", "2025-07-01", "2025-01-01")

    assert before["by_agency_type"]["UBND_HUYEN"]["total"] == 10
    assert "UBND_HUYEN" not in after["by_agency_type"] and after["total"] == before["total"] - 10
    # valid to 30/6/2025 inclusive: the districts still apply their systems on their last day
    assert (before["applying"], before["obliged_share"]["label"]) == (145, "41 of 41, 100%")
    assert (after["applying"], after["obliged_share"]["label"]) == (135, "31 of 31, 100%")


def test_an_giang_2016_2020(demo):
    got = figures(demo, "an-giang", "2020-12-31", "2016-01-01")

    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert {t: got["by_agency_type"][t]["total"] for t in ("SO", "CHI_CUC", "UBND_HUYEN")} == {
        "SO": 19, "CHI_CUC": 11, "UBND_HUYEN": 11}
    assert got["communes"]["label"] == "156 of 156, 100%"


@pytest.mark.parametrize("year", range(2016, 2021))
def test_an_giang_inspects_over_70_percent_on_site_every_year_in_both_services(demo, year):
    got = figures(demo, "an-giang", f"{year}-12-31", f"{year}-01-01")["inspections"]
    coverage = requests.get(f"{demo.gateway}/api/v1/inspections/coverage", headers=token(demo, "an-giang.officer"),
                            params={"year": year, "as_of": f"{year}-12-31"}, timeout=30).json()

    assert got["on_site_of_obliged"]["of"] == 41 and got["on_site_of_obliged"]["percent"] > 70
    assert got["done"] == 41 and got["plan_year"]["targets"] == 41
    assert (coverage["basis"], coverage["obliged"], coverage["inspected_onsite"]) == (
        "REGISTRY_OBLIGATION", 41, got["on_site_of_obliged"]["done"])


def test_ho_chi_minh_mid_2020(demo):
    got = figures(demo, "ho-chi-minh", "2020-06-30", "2020-01-01")

    assert got["transition"]["label"] == "47/63"
    assert got["inspections"]["plan_year"]["scheduled_on_site"] == 30


def test_thai_binh_2012_2015(demo):
    got = figures(demo, "thai-binh", "2015-12-31", "2012-01-01")

    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert got["on_2015"] == 0


def test_no_process_of_the_demo_logged_an_error(demo):
    errors = {log.name: line for log in sorted(demo.workdir.glob("*.log"))
              for line in log.read_text(errors="replace").splitlines()
              if '"level": "error"' in line or '"level": "critical"' in line or "Traceback" in line}

    assert errors == {}

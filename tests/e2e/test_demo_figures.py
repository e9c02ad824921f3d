"""The demo provinces reproduce the figures of the seed articles, from records, through events, in the read models.

The registry seeds its demo through its use cases on PostgreSQL; the relay carries the outbox to a broker; the
inspections service takes the agencies into its replica and seeds its demo plans and inspections; the reporting
consumer builds its read models from both; the figures are read as a dashboard reads them.
"""

from __future__ import annotations

from datetime import date

import pytest

from inspections import demo as inspections_demo
from kit.memory import InMemoryBroker
from kit.service import load
from registry.demo import figures as demo_figures
from reporting.services import figures as services

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def read_model(postgres):
    runtimes = {}
    for name in ("registry", "inspections", "reporting"):
        url = postgres.create_database(f"demo_{name[:3]}")
        load(name).migrate(url)
        runtimes[name] = load(name).runtime_at(url)
    registry, inspections, reporting = runtimes.values()
    broker = InMemoryBroker()
    demo_figures.seed(registry.uow, progress=lambda _line: None)
    relay_all(registry, broker)
    consume_all(inspections, broker, load("inspections").topics)
    assert inspections_demo.seed(inspections.uow, progress=lambda _line: None) == 5 * 41 + 30
    relay_all(inspections, broker)
    consume_all(reporting, broker, load("reporting").topics)
    return reporting


def relay_all(runtime, broker) -> None:
    while runtime.relay(broker).publish_batch():
        pass


def consume_all(runtime, broker, topics: list[str]) -> None:
    consumer = broker.consumer(runtime.group, topics)
    loop = runtime.consumer_loop(consumer, broker)
    for message in consumer.poll(timeout_ms=0, max_records=1_000_000):
        assert loop.process(message) in ("handled", "skipped")


def figures(reporting, tenant, as_of, start):
    return services.province_figures(reporting.uow(tenant), as_of, start)


def test_binh_thuan_2021(read_model):
    got = figures(read_model, "binh-thuan", date(2021, 12, 31), date(2021, 1, 1))

    assert got["applying"] == 145
    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert got["applying"] - got["obliged_applying"] == 104
    assert got["communes"]["label"] == "102 of 124, 82%"
    assert got["re_announced_in_period"] == 43
    assert got["transition"]["label"] == "23/34"


def test_binh_thuan_loses_its_districts_on_1_7_2025(read_model):
    before = figures(read_model, "binh-thuan", date(2025, 6, 30), date(2025, 1, 1))
    after = figures(read_model, "binh-thuan", date(2025, 7, 1), date(2025, 1, 1))

    assert before["by_agency_type"]["UBND_HUYEN"]["total"] == 10
    assert "UBND_HUYEN" not in after["by_agency_type"] and after["total"] == before["total"] - 10


def test_an_giang_2016_2020(read_model):
    got = figures(read_model, "an-giang", date(2020, 12, 31), date(2016, 1, 1))

    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert {t: got["by_agency_type"][t]["total"] for t in ("SO", "CHI_CUC", "UBND_HUYEN")} == {
        "SO": 19, "CHI_CUC": 11, "UBND_HUYEN": 11}
    assert got["communes"]["label"] == "156 of 156, 100%"


@pytest.mark.parametrize("year", range(2016, 2021))
def test_an_giang_inspects_over_70_percent_on_site_every_year(read_model, year):
    got = figures(read_model, "an-giang", date(year, 12, 31), date(year, 1, 1))["inspections"]

    assert got["on_site_of_obliged"]["of"] == 41 and got["on_site_of_obliged"]["percent"] > 70
    assert got["done"] == 41 and got["plan_year"]["targets"] == 41


def test_ho_chi_minh_mid_2020(read_model):
    got = figures(read_model, "ho-chi-minh", date(2020, 6, 30), date(2020, 1, 1))

    assert got["transition"]["label"] == "47/63"
    assert got["inspections"]["plan_year"]["scheduled_on_site"] == 30


def test_thai_binh_2012_2015(read_model):
    got = figures(read_model, "thai-binh", date(2015, 12, 31), date(2012, 1, 1))

    assert got["obliged_share"]["label"] == "41 of 41, 100%"
    assert got["on_2015"] == 0

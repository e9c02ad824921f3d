"""The targets table judges each target from the run's medians or ratios, and says when one was not measured."""

from bench import targets
from bench.table import Outcome, Summary


def summary(benchmark: str, *metrics: tuple) -> Summary:
    run = Outcome()
    for metric in metrics:
        run.add(*metric)
    return Summary(benchmark, [run])


def by_metric(found: list[dict]) -> dict[str, dict]:
    return {row["metric"]: row for row in found}


def test_a_figure_under_its_limit_is_met_and_one_over_is_not():
    found = by_metric(targets.judged([summary("national", ("dashboard p95 100x", 150, "ms"),
                                              ("province figures p95 100x", 140, "ms"))]))

    assert found["dashboard p95 100x"]["met"] is True
    assert found["province figures p95 100x"]["met"] is False
    assert found["annual figures p95 100x"]["met"] is None  # not measured: never counted as met


def test_a_ratio_target_reads_the_ratio_to_its_base():
    found = by_metric(targets.judged([summary("events", ("raw kafka events/s", 4000, "ev/s"),
                                              ("pipeline events/s", 1000, "ev/s", "raw kafka events/s"))]))

    assert found["pipeline events/s"]["figure"] == 0.25 and found["pipeline events/s"]["met"] is False


def test_each_api_workers_memory_is_judged_and_a_benchmark_not_run_is_left_out():
    found = targets.judged([summary("footprint", ("PSS idle registry API worker", 95, "MiB"),
                                    ("PSS idle reporting API worker", 130, "MiB"), ("PSS idle gateway", 300, "MiB"))])

    assert {row["metric"]: row["met"] for row in found} == {"PSS idle registry API worker": True,
                                                             "PSS idle reporting API worker": False}
    assert "NOT MET" in targets.render(found)


def test_each_list_page_of_issue_23_is_judged_on_its_p95_server_time():
    found = by_metric(targets.judged([summary("lists", ("inspections page 1 p95", 120, "ms"),
                                              ("inspections last page p95", 310, "ms"))]))

    assert found["inspections page 1 p95"]["met"] is True
    assert found["inspections last page p95"]["met"] is False
    assert found["inspections agency search p95"]["met"] is None
    assert {"inspections middle page p95", "inspections status filter p95", "recommendations p95"} <= set(found)

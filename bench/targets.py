"""The targets of issues 22 and 23 beside what a run measured: each one's figure, its ratio where the target is a ratio,
and whether it is met. Printed after the table and written with it to the JSON results, so a run judges itself
(RESULTS.md reads them; a target whose metric the run did not measure says so instead of passing).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from bench.table import Summary, shown


@dataclass(frozen=True)
class Target:
    """`benchmark`'s `metric` (its median, or the ratio of medians to its base with `of_ratio`) compared with
    `limit` by `op` ("<" or ">=")."""

    benchmark: str
    metric: str
    op: str
    limit: float
    what: str
    of_ratio: bool = False

    def judge(self, rows: dict[tuple[str, str], dict]) -> dict:
        row = rows.get((self.benchmark, self.metric))
        value = None if row is None else row["ratio"] if self.of_ratio else row["median"]
        compare = operator.lt if self.op == "<" else operator.ge
        return {"target": self.what, "benchmark": self.benchmark, "metric": self.metric,
                "figure": value, "unit": "x" if self.of_ratio else row and row["unit"],
                "limit": f"{self.op} {shown(self.limit)}", "met": None if value is None else compare(value, self.limit)}


TARGETS = [
    Target("national", "dashboard p95 100x", "<", 200, "national dashboard at 100x, p95 over 20 as_of dates (ms)"),
    Target("national", "dashboard/SQL 100x", "<", 1.5, "national dashboard at 100x / plain SQL aggregate (x)"),
    Target("national", "province figures p95 100x", "<", 100, "province figures at 100x, p95 (ms)"),
    Target("national", "annual figures p95 100x", "<", 100, "annual report figures at 100x, p95 (ms)"),
    Target("national", "dashboard 100x/10x", "<", 2, "10x more history: dashboard p95 grows less than 2x"),
    Target("events", "pipeline events/s", ">=", 0.3, "pipeline events/s / raw kafka-python with a group (x)",
           of_ratio=True),
    Target("events", "commit-to-effect p50 1000/s", "<", 30, "commit to effect p50 at 1,000 events/s (ms)"),
    Target("events", "commit-to-effect p99 1000/s", "<", 250, "commit to effect p99 at 1,000 events/s (ms)"),
    Target("import", "import accepted", "<", 5, "10,000 agencies accepted through the gateway (s)"),
    Target("import", "all in read model", "<", 15, "10,000 agencies published and in the read model (s)"),
    Target("import", "export 10,000", "<", 3, "XLSX export of 10,000 agencies (s)"),
    Target("gateway", "read p50 added", "<", 1, "gateway added latency, p50 (ms)"),
    Target("gateway", "read p99 added", "<", 3, "gateway added latency, p99 (ms)"),
    Target("gateway", "capacity gateway/direct", ">=", 0.7, "gateway capacity / direct, same cores (x)"),
    *(Target("lists", f"inspections {page} p95", "<", 300, f"inspections list, {page}, 3,000 in the province, "
             "p95 server time (ms)") for page in ("page 1", "middle page", "last page", "status filter",
                                                  "agency search")),
    Target("lists", "recommendations p95", "<", 300, "recommendations list, p95 server time (ms)"),
]
PSS_LIMIT = 120  # MiB per API worker, idle


def judged(summaries: list[Summary]) -> list[dict]:
    """Every target with its figure, plus one row per API worker's PSS the footprint run measured."""
    rows = {(row["benchmark"], row["metric"]): row for summary in summaries for row in summary.rows()}
    chosen = {summary.benchmark for summary in summaries}
    found = [target.judge(rows) for target in TARGETS if target.benchmark in chosen]
    found += [Target(benchmark, metric, "<", PSS_LIMIT, f"PSS of the largest worker, idle: {metric[9:]} (MiB)")
              .judge(rows) for benchmark, metric in rows if metric.startswith("PSS idle") and "API worker" in metric]
    return found


def render(found: list[dict]) -> str:
    """The targets as a table: figure, limit, met / NOT MET / not measured."""
    lines = [(row["target"], "-" if row["figure"] is None else shown(row["figure"]), row["limit"],
              {True: "met", False: "NOT MET", None: "not measured"}[row["met"]]) for row in found]
    header = ("target", "figure", "limit", "")
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
                     for line in [header, tuple("-" * w for w in widths), *lines])

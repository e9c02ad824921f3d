"""Measurements of several runs turned into one table: median, min and max per metric, and ratios."""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Metric:
    """One number of one run; `base` names the metric of the same benchmark it is a ratio of."""

    name: str
    value: float
    unit: str
    base: str | None = None


@dataclass
class Outcome:
    """What one run of a benchmark measured, and how many of its operations failed."""

    metrics: list[Metric] = field(default_factory=list)
    errors: int = 0
    operations: int = 0
    first_error: str | None = None

    def count(self, load) -> None:
        """Add a load's requests and errors (and the first error's text) to this run's."""
        self.errors, self.operations = self.errors + load.errors, self.operations + load.sent
        self.first_error = self.first_error or load.first_error

    def add(self, name: str, value: float, unit: str, base: str | None = None) -> None:
        """Record one number of this run."""
        self.metrics.append(Metric(name, value, unit, base))


@dataclass
class Summary:
    """Every run of one benchmark; `failure` holds the exception text of a run that crashed."""

    benchmark: str
    runs: list[Outcome] = field(default_factory=list)
    failure: str | None = None

    def rows(self) -> list[dict]:
        """One row per metric: median, min and max over the runs, and the ratio of medians to its base."""
        values: dict[str, list[float]] = {}
        units, bases = {}, {}
        for run in self.runs:
            for metric in run.metrics:
                values.setdefault(metric.name, []).append(metric.value)
                units[metric.name], bases[metric.name] = metric.unit, metric.base
        medians = {name: statistics.median(found) for name, found in values.items()}
        return [{"benchmark": self.benchmark, "metric": name, "unit": units[name], "median": medians[name],
                 "min": min(found), "max": max(found), "runs": len(found),
                 "ratio": _ratio(medians[name], medians.get(bases[name])), "ratio_to": bases[name]}
                for name, found in values.items()]

    def as_dict(self) -> dict:
        """The summary as written to the JSON results."""
        return {"benchmark": self.benchmark, "runs": len(self.runs), "rows": self.rows(),
                "errors": sum(run.errors for run in self.runs),
                "first_errors": [run.first_error for run in self.runs if run.first_error],
                "operations": sum(run.operations for run in self.runs), "failure": self.failure}


def _ratio(value: float, base: float | None) -> float | None:
    return value / base if base else None


def render(summaries: list[Summary]) -> str:
    """The table printed at the end of a run."""
    header = ("benchmark", "metric", "unit", "median", "min", "max", "ratio")
    lines = []
    for summary in summaries:
        for row in summary.rows():
            ratio = f"{row['ratio']:.2f}x {row['ratio_to']}" if row["ratio"] is not None else ""
            lines.append((row["benchmark"], row["metric"], row["unit"], shown(row["median"]), shown(row["min"]),
                          shown(row["max"]), ratio))
        lines.append((summary.benchmark, "errors", "count", str(sum(r.errors for r in summary.runs)),
                      f"of {sum(r.operations for r in summary.runs)}", f"runs {len(summary.runs)}",
                      f"FAILED: {summary.failure}" if summary.failure else ""))
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    out = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
           for line in [header, tuple("-" * w for w in widths), *lines]]
    return "\n".join(out)


def shown(value: float) -> str:
    """Three significant figures, no decimals from 100 up."""
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def write_json(path: Path, summaries: list[Summary], about: dict, judged: list[dict] | None = None) -> None:
    """The results, the machine they were measured on and the targets judged (for comparison between runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": about, "benchmarks": [s.as_dict() for s in summaries],
                                "targets": judged or []}, indent=2, ensure_ascii=False))

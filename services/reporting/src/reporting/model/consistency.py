"""The consistency check's rule (issue 18): the headline figures that an owning service and reporting both
compute, read from each side's answer, and where they differ. Pure: `reporting.cli` fetches the answers.

The figures compared, as of a date D and for D's year (reporting's period starts on 1/1 of that year):
- registry `/summary?as_of=D`: total, obliged, applying, announced and on ISO 9001:2015, in total and by agency
  type: the registry owns the agencies and their quality systems.
- inspections `/coverage?year=&as_of=D`: the obliged agencies counted on D (its replica of the registry against
  reporting's); and, when D is 31/12, the obliged agencies inspected on site in the year. Only then, because the
  service counts the year's inspections by their status today, whatever their date, while reporting counts
  those concluded by D: the two agree once the year is over.
- training `/compliance/untrained-officers`: the agencies whose ISO secretary in office is not trained, only
  when D is today, because the service answers for today only.
- budget `/reports/plan-vs-actual?fiscal_year=`: estimate, approved, disbursed and settled VND of D's year, in
  total and by category; both sides hold the lines' running totals (no date in either). A successor's answer
  holds its predecessors' lines too, as inherited rows: those are the predecessors' figures, compared there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from contracts.registry import OfficerRole

REGISTRY = ("total", "obliged", "applying", "announced", "on_2015")
BUDGET = ("estimate", "approved", "disbursed", "settled")

Figures = dict[str, dict[str, int]]  # owner service -> figure name -> value


@dataclass(frozen=True)
class Difference:
    tenant: str
    as_of: date
    figure: str
    owner: str
    owner_says: int
    reporting_says: int

    def __str__(self) -> str:
        return (f"{self.tenant} {self.as_of.isoformat()} {self.figure}: {self.owner} says {self.owner_says}, "
                f"reporting says {self.reporting_says}")


def year_over(as_of: date) -> bool:
    return (as_of.month, as_of.day) == (12, 31)


def from_owners(as_of: date, today: date, answers: Mapping[str, dict]) -> Figures:
    """The figures from the owners' answers (`registry`, `inspections`, `budget`, and `training` when D is
    today), keyed by service."""
    coverage = answers["inspections"]
    inspections = {"coverage.obliged": coverage["obliged"]}
    if year_over(as_of):
        inspections["coverage.on_site"] = coverage["inspected_onsite"]
    found = {"registry": _registry(answers["registry"]), "inspections": inspections,
             "budget": _own_budget(answers["budget"])}
    if as_of == today:
        found["training"] = {"untrained_secretaries": sum(
            1 for gap in answers["training"]["agencies"]
            if any(o["role"] == OfficerRole.THU_KY_ISO for o in gap["officers"]))}
    return found


def from_reporting(as_of: date, today: date, figures: Mapping) -> Figures:
    """The same figures from reporting's `/figures?as_of=D` answer, under the service that owns each."""
    on_site = figures["inspections"]["on_site_of_obliged"]
    inspections = {"coverage.obliged": on_site["of"]}
    if year_over(as_of):
        inspections["coverage.on_site"] = on_site["done"]
    budget = figures["budget"]
    found = {"registry": _registry(figures), "inspections": inspections,
             "budget": _budget(budget, budget["by_category"])}
    if as_of == today:
        trained = figures["training"]["trained_secretaries"]
        found["training"] = {"untrained_secretaries": trained["of"] - trained["done"]}
    return found


def compare(tenant: str, as_of: date, owners: Figures, reporting: Figures) -> list[Difference]:
    """Every figure whose values differ, in name order; a figure one side does not list counts 0 there (no
    agency of a type, no line of a category)."""
    return [Difference(tenant, as_of, figure, owner, said.get(figure, 0), reporting.get(owner, {}).get(figure, 0))
            for owner, said in sorted(owners.items())
            for figure in sorted(set(said) | set(reporting.get(owner, {})))
            if said.get(figure, 0) != reporting.get(owner, {}).get(figure, 0)]


def _registry(summary: Mapping) -> dict[str, int]:
    found = {name: summary[name] for name in REGISTRY}
    for agency_type, counts in summary["by_agency_type"].items():
        found.update({f"{agency_type}.{name}": counts[name] for name in REGISTRY})
    return found


def _own_budget(report: Mapping) -> dict[str, int]:
    """The province's own lines: its total less the inherited rows, and its own rows."""
    inherited = [row for row in report["rows"] if row.get("inherited")]
    total = {name: report["total"][name] - sum(row[name] for row in inherited) for name in BUDGET}
    return _budget(total, {row["key"]: row for row in report["rows"] if not row.get("inherited")})


def _budget(total: Mapping, by_category: Mapping[str, Mapping]) -> dict[str, int]:
    found = {f"budget.{name}": total[name] for name in BUDGET}
    for category, amounts in by_category.items():
        found.update({f"budget.{category}.{name}": amounts[name] for name in BUDGET})
    return found

"""Plan against actual for a fiscal year, by agency, category or funding source. Totals are sums of the
lines, whose disbursed and settled amounts are the database's sums of their records.

A successor province's report holds its predecessors' lines of the year too (issue 19, item 4): they are
grouped in rows of their own, after the province's, marked with the province they were made in and included
in the total, so the total is still the sum of the rows."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from budget.model.lines import CATEGORY_LABELS, PROGRAMME_LABEL, SOURCE_LABELS, Owner
from contracts.budget import CapCheck, Category, FundingSource


class Grouping(StrEnum):
    """What the rows of a report are."""

    AGENCY = "agency"  # one per agency, then the province's programme
    CATEGORY = "category"
    SOURCE = "source"


TOTAL_KEY, TOTAL_LABEL = "TOTAL", "Tổng cộng"


@dataclass
class Row:
    """`province` and `province_name`: set on a row of a predecessor's lines (inherited)."""

    key: str
    label: str
    province: str | None = None
    province_name: str | None = None
    lines: int = 0
    estimate: int = 0
    approved: int = 0
    disbursed: int = 0
    settled: int = 0
    over_cap: int = 0

    def add(self, line) -> None:
        self.lines += 1
        self.estimate += line.estimate
        self.approved += line.approved or 0
        self.disbursed += line.disbursed
        self.settled += line.settled
        self.over_cap += line.cap_check == CapCheck.VUOT_MUC

    @property
    def inherited(self) -> bool:
        return self.province is not None


@dataclass
class Report:
    fiscal_year: int
    by: str
    rows: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(TOTAL_KEY, TOTAL_LABEL))


def build(lines: list, fiscal_year: int, by: str, inherited: Mapping[str, str] | None = None) -> Report:
    """`inherited`: {province: name} of the predecessors whose lines are among `lines`."""
    report, rows, order = Report(fiscal_year, by), {}, {}
    for line in lines:
        key, label = _group(line, by)
        province = line.tenant_id if line.tenant_id in (inherited or {}) else None
        row_key = f"{province}/{key}" if province else key
        if row_key not in rows:
            rows[row_key] = _row(row_key, label, province, inherited)
            order[row_key] = (province or "", key == Owner.PROGRAMME, _order(key), _vi(label))
        rows[row_key].add(line)
        report.total.add(line)
    report.rows = [rows[key] for key in sorted(rows, key=order.__getitem__)]
    return report


def _row(key: str, label: str, province: str | None, inherited: Mapping[str, str] | None) -> Row:
    if province is None:
        return Row(key, label)
    name = inherited[province]
    return Row(key, f"{label} (kế thừa từ {name})", province=province, province_name=name)


def _order(key: str) -> int:
    """Categories and sources in their official order; agencies (by name) after that."""
    for enum in (Category, FundingSource):
        if key in enum.__members__:
            return list(enum.__members__).index(key)
    return 0


def _vi(label: str) -> str:
    """A sort key close to Vietnamese alphabetical order (Đ after D, tones after the bare letter)."""
    bare = unicodedata.normalize("NFD", label.replace("Đ", "Dz").replace("đ", "dz"))
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


def _group(line, by: str) -> tuple[str, str]:
    if by == Grouping.CATEGORY:
        return line.category, CATEGORY_LABELS.get(Category(line.category), line.category)
    if by == Grouping.SOURCE:
        return line.funding_source, SOURCE_LABELS.get(FundingSource(line.funding_source), line.funding_source)
    if line.agency_id is None:
        return Owner.PROGRAMME, PROGRAMME_LABEL
    return str(line.agency_id), line.agency_name or str(line.agency_id)

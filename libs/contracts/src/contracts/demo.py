"""The demo provinces, as every service's demo knows them: the registry demo (`registry.demo.figures`) writes their
agencies; training and budget seed their own records from each province's first demo year and wait until the
registry's agencies (ended ones included) have reached their replicas, without reading the registry.

Bình Thuận and Thái Bình merged into Lâm Đồng and Hưng Yên on 1/7/2025 (Nghị quyết 202/2025/QH15): the registry's
demo executes those successions, so their records up to 30/6/2025 stay theirs and the successors go on from
1/7/2025 with the agencies that continued. A merged province's own years end with 2024 (the demo plans nothing
new in the year of the merger); its successor's begin with 2026.

`DEMO_PROVINCES` (slugs, comma-separated) writes the demo of some of them only, e.g. `make run
DEMO_PROVINCES=an-giang` for a demo ready in under a minute; a merged province comes with its successor and the
other way round; every province by default.
"""

from __future__ import annotations

import os
from datetime import date

FIRST_YEAR = {"binh-thuan": 2015, "an-giang": 2016, "ho-chi-minh": 2016, "thai-binh": 2012, "lam-dong": 2026,
              "hung-yen": 2026}
LAST_YEAR = {"binh-thuan": 2024, "thai-binh": 2024}  # merged on 1/7/2025
SUCCESSIONS = {"lam-dong": ("binh-thuan",), "hung-yen": ("thai-binh",)}  # successor: its predecessors
REORGANISED = date(2025, 7, 1)  # the successions' effective date; no districts from this day either
LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
# The registry demo's agencies per province; a successor's are its predecessors' that continued (not the
# district committees, which ended on 30/6/2025).
AGENCIES = {"binh-thuan": 167, "an-giang": 197, "ho-chi-minh": 63, "thai-binh": 41, "lam-dong": 157, "hung-yen": 33}


def chosen() -> dict[str, int]:
    """The demo provinces to write (each with its first demo year), in the demo's order: `DEMO_PROVINCES` (with
    the other side of each succession) or all."""
    wanted = {slug.strip() for slug in os.environ.get("DEMO_PROVINCES", "").split(",") if slug.strip()}
    unknown = sorted(wanted - set(FIRST_YEAR))
    if unknown:
        raise ValueError(f"DEMO_PROVINCES: {', '.join(unknown)} is not a demo province; the demo provinces are "
                         f"{', '.join(FIRST_YEAR)}")
    for successor, predecessors in SUCCESSIONS.items():
        if wanted & {successor, *predecessors}:
            wanted |= {successor, *predecessors}
    return {slug: first for slug, first in FIRST_YEAR.items() if not wanted or slug in wanted}


def years(slug: str, today: date, first: int | None = None) -> range:
    """The years a demo province plans and records its own work: from its first demo year (or `first`) to today's
    (to 2024 for a province merged in 2025)."""
    return range(FIRST_YEAR[slug] if first is None else first, min(LAST_YEAR.get(slug, today.year), today.year) + 1)


def merged(slug: str) -> bool:
    """Whether the demo province merged into another (its records stop at the succession)."""
    return any(slug in predecessors for predecessors in SUCCESSIONS.values())

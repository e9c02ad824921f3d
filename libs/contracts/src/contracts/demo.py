"""The demo provinces, as every service's demo knows them: the registry demo (`registry.demo.figures`) writes their
agencies; training and budget seed their own records from each province's first demo year and wait until the
registry's agencies (ended ones included) have reached their replicas, without reading the registry.

`DEMO_PROVINCES` (slugs, comma-separated) writes the demo of some of them only, e.g. `make run
DEMO_PROVINCES=thai-binh` for a demo ready in under a minute; every province by default.
"""

from __future__ import annotations

import os

FIRST_YEAR = {"binh-thuan": 2015, "an-giang": 2016, "ho-chi-minh": 2016, "thai-binh": 2012}
AGENCIES = {"binh-thuan": 167, "an-giang": 197, "ho-chi-minh": 63, "thai-binh": 41}


def chosen() -> dict[str, int]:
    """The demo provinces to write (each with its first demo year), in the demo's order: `DEMO_PROVINCES` or all."""
    wanted = [slug.strip() for slug in os.environ.get("DEMO_PROVINCES", "").split(",") if slug.strip()]
    unknown = [slug for slug in wanted if slug not in FIRST_YEAR]
    if unknown:
        raise ValueError(f"DEMO_PROVINCES: {', '.join(unknown)} is not a demo province; the demo provinces are "
                         f"{', '.join(FIRST_YEAR)}")
    return {slug: first for slug, first in FIRST_YEAR.items() if not wanted or slug in wanted}

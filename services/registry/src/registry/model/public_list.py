"""The public list (công khai): per province, the agencies whose quality system is announced and in force on a
day, with what the public may read of it. Pure Python: `services/public_list.py` loads the rows.

Only what the list publishes is here: no id, no person, nothing internal (issue 25, item 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.errors import NotFound


@dataclass(frozen=True)
class Province:
    """A province of today (not merged into another), as the list names it."""

    id: str
    name: str
    official_code: str | None


@dataclass(frozen=True)
class AnnouncedAgency:
    """One row of the list: the agency, its announcement in force (công bố or công bố lại; none known for an entry
    carried over from a province merged away without its records) and its system as it stood that day."""

    name: str
    agency_type: str
    admin_level: str | None
    announced_on: date | None
    announcement_kind: str | None
    standard_version: str
    scope_description: str | None
    scope_tthc_count: int | None


@dataclass(frozen=True)
class AnnouncedList:
    province: Province
    on: date
    total: int
    page: int
    page_size: int
    items: list[AnnouncedAgency]


class ProvinceNotListed(NotFound):
    """Not a province of today: unknown, or merged into another (its agencies are listed under that one)."""

    code = "public_province_not_found"

    def __init__(self, province: str):
        super().__init__(province=province)


def pick_province(provinces: list[Province], wanted: str) -> Province:
    """The province `wanted` names, by its slug (`an-giang`) or its two-digit official code (`91`)."""
    for province in provinces:
        if wanted in (province.id, province.official_code):
            return province
    raise ProvinceNotListed(wanted)

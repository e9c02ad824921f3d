"""The notices of a year, with their deliveries, for the province's staff."""

from __future__ import annotations

from kit.uow import UnitOfWork
from notifications import repository


def of_year(uow: UnitOfWork, year: int) -> list[dict]:
    with uow:
        return [{**{column: getattr(notice, column) for column in
                    ("id", "kind", "agency_id", "agency_name", "year", "lead_days", "deadline", "due_at")},
                 "deliveries": deliveries} for notice, deliveries in repository.notices_of_year(uow.session, year)]

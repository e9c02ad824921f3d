"""One page of a query's rows, and how many rows the query matches in all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Page:
    """Page `page` (from 1) of at most `page_size` items, out of `total` matching rows."""

    items: list
    total: int
    page: int
    page_size: int


def paginate(session: Session, query: Select, order_by: Sequence[Any], page: int, page_size: int) -> Page:
    """Counts the rows `query` matches, then loads page `page` (from 1) of them sorted by `order_by`, which
    comes after any ordering `query` already has (pass `()` to keep only that). End `order_by` with a unique
    column (an id) so that pages neither repeat nor skip rows. Both statements are ORM statements, so a
    tenant-bound session counts and loads its province's rows only."""
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.scalars(query.order_by(*order_by).offset((page - 1) * page_size).limit(page_size))
    return Page(list(rows), total, page, page_size)

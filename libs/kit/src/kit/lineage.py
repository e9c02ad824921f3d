"""The province lineage: which provinces a province succeeded, and from when (ADR 16).

A merger (Bình Thuận and Đắk Nông into Lâm Đồng from 1/7/2025) leaves every record with the province that made
it. What changes is who may read and who may write: from the effective date the successor's users may read its
predecessors' records (a unit of work opened with `lineage=True`; kit's tenant filter and PostgreSQL's
`lineage_read` policy both honour it, for reads only), and the predecessors' users may write nothing more
(`kit.http` answers 409 `province_succeeded`). The lineage is platform-wide, like the inbox: one row per
predecessor, written by the registry when it executes a succession and by every service's consumer from
`registry.tenant.succeeded` (`apply`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date

from sqlalchemy import Date, String, Uuid, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from contracts.registry import ProvinceSucceeded
from kit.db import KitBase

CODE = "province_succeeded"


class TenantLineage(KitBase):
    """One predecessor province: the successor it merged into and the first day it is the successor's."""

    __tablename__ = "tenant_lineage"

    predecessor: Mapped[str] = mapped_column(String(64), primary_key=True)
    predecessor_name: Mapped[str] = mapped_column(String(200))
    successor: Mapped[str] = mapped_column(String(64), index=True)
    successor_name: Mapped[str] = mapped_column(String(200))
    effective_date: Mapped[date] = mapped_column(Date)
    succession_id: Mapped[uuid.UUID] = mapped_column(Uuid)


def record(session: Session, event: ProvinceSucceeded) -> None:
    """Write the lineage `event` describes in `session`'s transaction; recording it again changes nothing."""
    for predecessor, name in zip(event.predecessors, event.predecessor_names, strict=True):
        session.merge(TenantLineage(
            predecessor=predecessor, predecessor_name=name, successor=event.successor,
            successor_name=event.successor_name, effective_date=event.effective_date,
            succession_id=event.succession_id))
    session.flush()


def predecessors(session: Session, tenant: str, on: date) -> list[str]:
    """Every province `tenant` succeeded by `on`: the ones merged into it, and theirs in turn (sorted)."""
    found: set[str] = set()
    frontier = {tenant}
    while frontier:
        merged = session.scalars(select(TenantLineage.predecessor).where(
            TenantLineage.successor.in_(sorted(frontier)), TenantLineage.effective_date <= on))
        frontier = set(merged) - found - {tenant}
        found |= frontier
    return sorted(found)


def predecessor_rows(session: Session, tenant: str, on: date) -> list[TenantLineage]:
    """The lineage rows of every province `tenant` succeeded by `on` (as `predecessors`), by slug."""
    names = predecessors(session, tenant, on)
    if not names:
        return []
    return list(session.scalars(select(TenantLineage).where(TenantLineage.predecessor.in_(names))
                                .order_by(TenantLineage.predecessor)))


def successor(session: Session, tenant: str, on: date) -> TenantLineage | None:
    """The province `tenant` merged into, if that happened on or before `on`: the one in force on `on` when the
    successor merged in turn (a province merged into one that later merged into a third is the third's), from the
    day `tenant` merged (one primary-key lookup per merger)."""
    first = session.get(TenantLineage, tenant)
    if first is None or first.effective_date > on:
        return None
    last, seen = first, {tenant}
    while (after := session.get(TenantLineage, last.successor)) is not None and after.effective_date <= on:
        if after.predecessor in seen:  # a cycle is a bad record: stop at what is known
            break
        seen.add(after.predecessor)
        last = after
    if last is first:
        return first
    return TenantLineage(predecessor=tenant, predecessor_name=first.predecessor_name, successor=last.successor,
                         successor_name=last.successor_name, effective_date=first.effective_date,
                         succession_id=first.succession_id)


def apply(uow, event: ProvinceSucceeded) -> None:
    """The consumer handler kit gives every service for `registry.tenant.succeeded`."""
    with uow:
        record(uow.session, event)
        uow.commit()


def with_lineage(handlers: Mapping[type, object]) -> dict[type, object]:
    """A service's consumer handlers with kit's `apply` for `ProvinceSucceeded`, unless the service handles it
    itself (its handler must then record the lineage too: `apply`, or `record` inside its own transaction)."""
    return {**handlers, ProvinceSucceeded: handlers.get(ProvinceSucceeded, apply)}


def refusal(row: TenantLineage) -> dict[str, object]:
    """The parameters of the `province_succeeded` refusal of a write as `row.predecessor`."""
    return {"tenant": row.predecessor, "tenant_name": row.predecessor_name, "successor": row.successor,
            "successor_name": row.successor_name, "effective_date": row.effective_date}


def short_name(name: str) -> str:
    """`Tỉnh Bình Thuận` -> `Bình Thuận`, for the English sentence."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def _refused(tenant_name: str, successor_name: str, effective_date: date, **_ids: object) -> str:
    return (f"{tenant_name} đã hợp nhất vào {successor_name} từ ngày {effective_date:%d/%m/%Y}: hồ sơ trước đó "
            f"chỉ còn để tra cứu, hãy làm việc trong {successor_name} / {short_name(tenant_name)} merged into "
            f"{short_name(successor_name)} on {effective_date.isoformat()}: its records are read only; work in "
            f"{short_name(successor_name)}")


MESSAGES = {CODE: _refused}

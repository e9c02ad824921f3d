"""Budget lines at a province succession (issue 19, item 4): the predecessors' lines close on the effective date,
with the reason, in each predecessor's own unit of work (they are its rows: RLS and the tenant filter allow no
other); the successor reads them through the lineage, as inherited (budget.services.reports)."""

from __future__ import annotations

from datetime import date

from budget import repository
from budget.services.lines import changed
from contracts.registry import ProvinceSucceeded
from kit import lineage, tenancy
from kit.uow import UnitOfWork


def record_succession(uow: UnitOfWork, event: ProvinceSucceeded) -> None:
    """Close each predecessor's open lines, then record the lineage in the event's unit of work, as kit's own
    handler would (kit.lineage.with_lineage). A redelivery finds every line closed and changes nothing."""
    for predecessor, name in zip(event.predecessors, event.predecessor_names, strict=True):
        reason = closing_reason(name, event.successor_name, event.effective_date)
        close_lines(uow.for_tenant(tenancy.tenant_id(predecessor)), event.effective_date, reason)
    lineage.apply(uow, event)


def close_lines(uow: UnitOfWork, closed_on: date, reason: str) -> int:
    """Close the province's lines not finally settled: they take no more records; returns how many closed."""
    with uow:
        lines = repository.lines_to_close(uow.session)
        for line in lines:
            line.closed_on, line.closed_reason = closed_on, reason
            changed(line)
        uow.commit()
        return len(lines)


def closing_reason(predecessor_name: str, successor_name: str, effective_date: date) -> str:
    return (f"Đóng từ ngày {effective_date:%d/%m/%Y}: {predecessor_name} hợp nhất vào {successor_name}, dự toán "
            f"được {successor_name} kế thừa / closed on {effective_date.isoformat()}: {predecessor_name} merged "
            f"into {successor_name}, which inherits the line")

"""Use cases of periodic reports: generate at a cut-off, write the narrative, approve, submit, review."""

from __future__ import annotations

import json
import uuid
from datetime import date

from sqlalchemy import select

from contracts import reporting as events
from kit.errors import NotFound, RuleViolated
from kit.uow import UnitOfWork
from reporting import figures
from reporting import report_lifecycle as chain
from reporting.orm import ProvinceView, Report, ReportingRegime


def create_report(uow: UnitOfWork, *, report_type: str, period_start: date, cutoff: date) -> Report:
    with uow:
        regime = uow.session.get(ReportingRegime, report_type)
        if regime is None:
            raise RuleViolated(f"Loại báo cáo không có trong danh mục / unknown report type {report_type!r}")
        if period_start > cutoff:
            raise RuleViolated("Ngày bắt đầu kỳ sau ngày chốt số liệu / the period starts after the cut-off")
        report = Report(id=uuid.uuid4(), report_type=report_type, period_start=period_start, cutoff=cutoff,
                        due_date=_due(regime, cutoff), status=chain.DRAFTING,
                        figures=_snapshot(uow, period_start, cutoff))
        uow.session.add(report)
        uow.commit()
        return report


def edit_report(uow: UnitOfWork, report_id: uuid.UUID, *, regenerate: bool = False, **narrative) -> Report:
    with uow:
        report = _get(uow, report_id)
        chain.move("edit", report.status)
        for name, value in narrative.items():
            setattr(report, name, value)
        if regenerate:
            report.figures = _snapshot(uow, report.period_start, report.cutoff)
        uow.commit()
        return report


def advance(uow: UnitOfWork, report_id: uuid.UUID, action: str, *, by: str, comment: str | None = None) -> Report:
    """send_for_approval, approve, reject (province_leader), submit (to the Ministry), accept, return."""
    with uow:
        report = _get(uow, report_id)
        report.status = chain.move(action, report.status)
        if action == "approve":
            report.approved_by = by
        if action in ("accept", "return"):
            if action == "return" and not comment:
                raise RuleViolated("Yêu cầu bổ sung phải có nội dung / a return needs a comment")
            report.reviewed_by, report.review_comment = by, comment
        _publish(uow, report, action, comment)
        uow.commit()
        return report


def list_reports(uow: UnitOfWork, statuses: frozenset[str] | None = None) -> list[Report]:
    with uow:
        query = select(Report).order_by(Report.cutoff.desc(), Report.created_at.desc())
        if statuses is not None:
            query = query.where(Report.status.in_(statuses))
        return list(uow.session.scalars(query))


def get_report(uow: UnitOfWork, report_id: uuid.UUID, statuses: frozenset[str] | None = None) -> Report:
    with uow:
        report = _get(uow, report_id)
        if statuses is not None and report.status not in statuses:
            raise NotFound(f"report {report_id} not found")
        return report


def province_name(uow: UnitOfWork, tenant: str) -> str:
    with uow:
        province = uow.session.get(ProvinceView, tenant)
        return province.name if province else tenant


def on_time(report: Report) -> bool | None:
    if report.submitted_at is None or report.due_date is None:
        return None
    return report.submitted_at.date() <= report.due_date


def _publish(uow: UnitOfWork, report: Report, action: str, comment: str | None) -> None:
    now = uow.now()
    if action == "submit":
        report.submitted_at = now
        uow.publish(events.ReportSubmitted(
            report_id=report.id, report_type=report.report_type, period_label=period_label(report),
            cutoff=report.cutoff, due_date=report.due_date, on_time=bool(on_time(report)), submitted_at=now))
    elif action == "accept":
        uow.publish(events.ReportAccepted(report_id=report.id, accepted_at=now))
    elif action == "return":
        uow.publish(events.ReportReturned(report_id=report.id, comment=comment, returned_at=now))


def period_label(report: Report) -> str:
    return f"{report.period_start:%d/%m/%Y} – {report.cutoff:%d/%m/%Y}"


def _due(regime: ReportingRegime, cutoff: date) -> date | None:
    if regime.due_day is None or regime.due_month is None:
        return None
    due = date(cutoff.year, regime.due_month, regime.due_day)
    return due if due >= cutoff else date(cutoff.year + 1, regime.due_month, regime.due_day)


def _snapshot(uow: UnitOfWork, period_start: date, cutoff: date) -> dict:
    return json.loads(json.dumps(figures.province_figures(uow.session, cutoff, period_start), default=str))


def _get(uow: UnitOfWork, report_id: uuid.UUID) -> Report:
    report = uow.session.scalars(select(Report).where(Report.id == report_id)).first()
    if report is None:
        raise NotFound(f"report {report_id} not found")
    return report


def completeness(uow: UnitOfWork, provinces: list[str], report_type: str, year: int) -> list[dict]:
    """For each province: its latest report of that type with a cut-off in `year`, as the Ministry sees it."""
    with uow:
        query = select(Report).where(Report.report_type == report_type,
                                     Report.cutoff.between(date(year, 1, 1), date(year, 12, 31)),
                                     Report.status.in_(chain.VISIBLE_NATIONALLY)).order_by(Report.created_at)
        latest = {report.tenant_id: report for report in uow.session.scalars(query)}
    return [{"province": tenant, "submitted": tenant in latest,
             "status": latest[tenant].status if tenant in latest else None,
             "submitted_at": latest[tenant].submitted_at if tenant in latest else None,
             "on_time": on_time(latest[tenant]) if tenant in latest else None} for tenant in provinces]

"""Use cases of periodic reports: generate at a cut-off, write the narrative, approve, submit, review, export."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date

from contracts import reporting as events
from kit import calendar, preconditions
from kit.errors import NotFound, RuleViolated
from kit.uow import UnitOfWork
from reporting import documents, repository
from reporting.documents import letter
from reporting.model.report import REPORT, VISIBLE_NATIONALLY, ReportStatus, due_date, on_time, period_label
from reporting.orm import Report
from reporting.services.figures import figures_on
from reporting.services.national import UowFor, provinces_with_data


@dataclass(frozen=True)
class ReportFile:
    """A report written as a document: its bytes, and what its file is named after."""

    body: bytes
    kind: str
    province: str
    cutoff: date
    tenant: str  # whose document it is: a PDF carries that province's signature (ADR 30)


def create_report(uow: UnitOfWork, *, report_type: str, period_start: date, cutoff: date) -> Report:
    with uow:
        regime = repository.regime(uow.session, report_type)
        if regime is None:
            raise RuleViolated("unknown_report_type", report_type=report_type)
        if period_start > cutoff:
            raise RuleViolated("period_after_cutoff")
        report = Report(id=uuid.uuid4(), report_type=report_type, period_start=period_start, cutoff=cutoff,
                        due_date=due_date(regime.due_day, regime.due_month, cutoff), status=ReportStatus.DRAFTING,
                        figures=_snapshot(uow, period_start, cutoff))
        uow.session.add(report)
        uow.commit()
        return report


def edit_report(uow: UnitOfWork, report_id: uuid.UUID, *, expected: int, regenerate: bool = False,
                **narrative) -> Report:
    """Made from version `expected` of the report (its If-Match): another version is refused (412)."""
    with uow:
        report = _get(uow, report_id, lock=True)
        preconditions.check(report.version, expected)
        REPORT.next("edit", report.status)
        for name, value in narrative.items():
            setattr(report, name, value)
        if regenerate:
            report.figures = _snapshot(uow, report.period_start, report.cutoff)
        report.version += 1
        uow.commit()
        return report


def advance(uow: UnitOfWork, report_id: uuid.UUID, action: str, *, by: str, comment: str | None = None) -> Report:
    """send_for_approval, approve, reject (province_leader, with the reason as `comment`), submit (to the
    Ministry)."""
    with uow:
        return _advance(uow, _get(uow, report_id, lock=True), action, by, comment)


def review(uow: UnitOfWork, report_id: uuid.UUID, action: str, *, by: str, comment: str | None = None) -> Report:
    """The Ministry accepts a submitted report, or returns it with a comment (a report it cannot see is 404)."""
    with uow:
        return _advance(uow, _get(uow, report_id, VISIBLE_NATIONALLY, lock=True), action, by, comment)


def list_reports(uow: UnitOfWork, statuses: frozenset[str] | None = None, year: int | None = None) -> list[Report]:
    with uow:
        return repository.reports(uow.session, statuses, year)


def get_report(uow: UnitOfWork, report_id: uuid.UUID, statuses: frozenset[str] | None = None) -> Report:
    with uow:
        return _get(uow, report_id, statuses)


def report_file(uow: UnitOfWork, report_id: uuid.UUID, kind: str,
                statuses: frozenset[str] | None = None) -> ReportFile:
    """The report as `kind` (xlsx, docx, pdf), headed with the name of the unit of work's province."""
    with uow:
        report = _get(uow, report_id, statuses)
        province = repository.province(uow.session, uow.tenant)
        name = province.name if province else uow.tenant
        return ReportFile(documents.write(kind, report, name), kind, name, report.cutoff, uow.tenant)


def completeness(uow_for: UowFor, report_type: str, year: int) -> list[dict]:
    """For each province: its latest report of that type with a cut-off in `year`, as the Ministry sees it."""
    provinces = provinces_with_data(uow_for(None))
    with uow_for(None) as uow:
        latest = repository.latest_reports(uow.session, report_type, year, VISIBLE_NATIONALLY)
    return [{"province": tenant, "submitted": tenant in latest,
             "status": latest[tenant].status if tenant in latest else None,
             "submitted_at": latest[tenant].submitted_at if tenant in latest else None,
             "on_time": on_time(latest[tenant]) if tenant in latest else None} for tenant in provinces]


def _advance(uow: UnitOfWork, report: Report, action: str, by: str, comment: str | None) -> Report:
    """`report` locked: its status is the one no other move can change before this one commits."""
    report.status = REPORT.next(action, report.status)
    report.version += 1
    if action == "approve":
        report.approved_by = by
    if action == "reject":
        if not comment:
            raise RuleViolated("reject_needs_reason")
        report.return_reason = comment
    if action in ("accept", "return"):
        if action == "return" and not comment:
            raise RuleViolated("return_needs_comment")
        report.reviewed_by, report.review_comment = by, comment
    _publish(uow, report, action, comment)
    uow.commit()
    return report


def _publish(uow: UnitOfWork, report: Report, action: str, comment: str | None) -> None:
    now = uow.now()
    if action == "submit":  # sent to the Ministry: issued, so it takes the register's next number
        report.submitted_at = now
        report.doc_symbol = letter.SYMBOL
        report.doc_number = repository.next_number(uow.session, letter.SYMBOL, calendar.day_of(now).year)
        uow.publish(events.ReportSubmitted(
            report_id=report.id, report_type=report.report_type, period_label=period_label(report),
            cutoff=report.cutoff, due_date=report.due_date, on_time=bool(on_time(report)), submitted_at=now))
    elif action == "accept":
        uow.publish(events.ReportAccepted(report_id=report.id, accepted_at=now))
    elif action == "return":
        uow.publish(events.ReportReturned(report_id=report.id, comment=comment, returned_at=now))


def _snapshot(uow: UnitOfWork, period_start: date, cutoff: date) -> dict:
    """The figures frozen into the report, as JSON would give them back."""
    return json.loads(json.dumps(figures_on(uow.session, cutoff, period_start), default=str))


def _get(uow: UnitOfWork, report_id: uuid.UUID, statuses: frozenset[str] | None = None, *,
         lock: bool = False) -> Report:
    """The province's report (404 otherwise); `lock` for a change, so two changes of it take turns."""
    report = repository.report(uow.session, report_id, lock=lock)
    # a successor's unit of work also reads its predecessors' reports: theirs stay theirs, never edited here
    if report is None or report.tenant_id != uow.tenant or (statuses is not None and report.status not in statuses):
        raise NotFound("report_not_found", report_id=report_id)
    return report

"""Events published by services/reporting (topic `reporting.report`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from contracts.catalogue import event


class ReportType(StrEnum):
    """The periodic reports a province sends to the Ministry. In `reporting.report.*` events."""

    SIX_MONTHS = "BC_6_THANG"
    ANNUAL = "BC_TINH_NAM"
    AD_HOC = "BC_DOT_XUAT"


@event("reporting.report.submitted", version=1, key="report_id")
@dataclass(frozen=True, kw_only=True)
class ReportSubmitted:
    """A province sent its approved periodic report to the Ministry; its figures are frozen. Key: report_id."""

    report_id: UUID
    report_type: str
    period_label: str
    cutoff: date
    due_date: date | None = None
    on_time: bool
    submitted_at: datetime


@event("reporting.report.accepted", version=1, key="report_id")
@dataclass(frozen=True, kw_only=True)
class ReportAccepted:
    """National oversight accepted a submitted report. Key: report_id."""

    report_id: UUID
    accepted_at: datetime


@event("reporting.report.returned", version=1, key="report_id")
@dataclass(frozen=True, kw_only=True)
class ReportReturned:
    """National oversight returned a submitted report for completion, with a comment. Key: report_id."""

    report_id: UUID
    comment: str
    returned_at: datetime

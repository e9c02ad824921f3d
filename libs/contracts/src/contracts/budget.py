"""Events published by services/budget (topic `budget.line`). Money is an int of VND; categories and funding
sources are reference codes of the service (`TU_VAN_XAY_DUNG_LAN_DAU`, `NS_TINH`, ...) sent as plain strings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from contracts.catalogue import event


class CapCheck(StrEnum):
    """The amount against the cost norm of Thông tư 116/2015/TT-BTC: within, over, or no known cap."""

    OK = "OK"
    VUOT_MUC = "VUOT_MUC"
    KHONG_XAC_DINH = "KHONG_XAC_DINH"


class Category(StrEnum):
    """What a budget line pays for (the categories of Thông tư 116/2015/TT-BTC). In `budget.line.*` events."""

    TU_VAN_XAY_DUNG_LAN_DAU = "TU_VAN_XAY_DUNG_LAN_DAU"  # first build by a consulting firm
    TU_VAN_MO_RONG = "TU_VAN_MO_RONG"  # extension by a consulting firm
    THUE_CHUYEN_GIA_DOC_LAP = "THUE_CHUYEN_GIA_DOC_LAP"  # independent expert
    TU_XAY_DUNG_KHOAN = "TU_XAY_DUNG_KHOAN"  # self-built under a fixed-sum contract
    CO_QUAN_THUC_HIEN = "CO_QUAN_THUC_HIEN"  # the agency's own implementation
    DUY_TRI_CAI_TIEN = "DUY_TRI_CAI_TIEN"  # maintenance and improvement
    CHUYEN_DOI_PHIEN_BAN = "CHUYEN_DOI_PHIEN_BAN"  # version transition
    DAO_TAO = "DAO_TAO"  # training
    KIEM_TRA = "KIEM_TRA"  # inspection
    THUE_TO_CHUC_CHUNG_NHAN_PHOI_HOP_KIEM_TRA = "THUE_TO_CHUC_CHUNG_NHAN_PHOI_HOP_KIEM_TRA"
    KHAC = "KHAC"


class FundingSource(StrEnum):
    """Which budget pays. In `budget.line.estimated`."""

    NS_TINH = "NS_TINH"  # ngân sách tỉnh
    NS_XA = "NS_XA"  # ngân sách xã
    KINH_PHI_THUONG_XUYEN = "KINH_PHI_THUONG_XUYEN"  # the agency's recurring administrative budget
    NS_TRUNG_UONG = "NS_TRUNG_UONG"
    NGUON_KHAC = "NGUON_KHAC"


class Origin(StrEnum):
    """Where an expenditure comes from: recorded by hand, or another service's actual cost."""

    MANUAL = "MANUAL"
    TRAINING_CLASS = "TRAINING_CLASS"
    INSPECTION = "INSPECTION"


class Action(StrEnum):
    """What put an amount over the cap."""

    ESTIMATE = "ESTIMATE"
    APPROVE = "APPROVE"
    DISBURSE = "DISBURSE"


@event("budget.line.estimated", version=1, key="line_id")
@dataclass(frozen=True, kw_only=True)
class LineEstimated:
    """A budget line was estimated (lập dự toán) or its estimate changed. `agency_id` is None for the
    province's programme. Key: line_id."""

    line_id: UUID
    fiscal_year: int
    agency_id: UUID | None = None
    category: str
    funding_source: str
    estimate: int
    cap_amount: int | None = None
    cap_check: CapCheck
    estimated_at: datetime


@event("budget.line.approved", version=1, key="line_id")
@dataclass(frozen=True, kw_only=True)
class LineApproved:
    """A budget line was approved (giao dự toán) for `approved` VND by `approving_doc`. Key: line_id."""

    line_id: UUID
    fiscal_year: int
    agency_id: UUID | None = None
    category: str
    approved: int
    approving_doc: str
    approved_at: datetime


@event("budget.line.disbursed", version=1, key="line_id")
@dataclass(frozen=True, kw_only=True)
class LineDisbursed:
    """Money was spent on a line (one expenditure); `origin` is MANUAL, TRAINING_CLASS or INSPECTION and
    `origin_ref` the class or inspection id. Key: line_id."""

    line_id: UUID
    expenditure_id: UUID
    fiscal_year: int
    agency_id: UUID | None = None
    category: str
    amount: int
    disbursed_total: int
    origin: str
    origin_ref: str | None = None
    spent_on: date
    disbursed_at: datetime


@event("budget.line.settled", version=1, key="line_id")
@dataclass(frozen=True, kw_only=True)
class LineSettled:
    """A settlement (quyết toán) was recorded on a line; `final` closes the line. Key: line_id."""

    line_id: UUID
    settlement_id: UUID
    fiscal_year: int
    agency_id: UUID | None = None
    amount: int
    settled_total: int
    settlement_doc: str
    final: bool
    settled_at: datetime


@event("budget.line.cap_exceeded", version=1, key="line_id")
@dataclass(frozen=True, kw_only=True)
class CapExceeded:
    """An amount above the cost-norm cap was recorded on a line: under an override (reason and document), or
    from another service's actual cost, which is recorded as it happened. `action` is ESTIMATE, APPROVE or
    DISBURSE. Key: line_id."""

    line_id: UUID
    fiscal_year: int
    agency_id: UUID | None = None
    category: str
    action: str
    amount: int
    cap_amount: int
    cost_norm_id: UUID | None = None
    overridden: bool
    reason: str | None = None
    document: str | None = None
    exceeded_at: datetime

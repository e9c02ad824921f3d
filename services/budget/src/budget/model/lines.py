"""Budget lines: who owns them, what they pay for, their lifecycle, and the amounts they may not exceed."""

from __future__ import annotations

import uuid
from enum import StrEnum

from contracts.budget import Category, FundingSource
from kit.errors import Conflict, NotFound, RuleViolated
from kit.lifecycle import Lifecycle


class Owner(StrEnum):
    AGENCY = "AGENCY"  # an agency's own line (its recurring budget)
    PROGRAMME = "PROGRAMME"  # the province's programme run by the Sở KH&CN


class LineStatus(StrEnum):
    LAP_DU_TOAN = "LAP_DU_TOAN"  # estimated
    DA_GIAO_DU_TOAN = "DA_GIAO_DU_TOAN"  # approved
    DANG_THUC_HIEN = "DANG_THUC_HIEN"  # in execution
    DA_QUYET_TOAN = "DA_QUYET_TOAN"  # settled


CATEGORY_LABELS = {
    Category.TU_VAN_XAY_DUNG_LAN_DAU: "Thuê tổ chức tư vấn xây dựng lần đầu",
    Category.TU_VAN_MO_RONG: "Thuê tổ chức tư vấn mở rộng",
    Category.THUE_CHUYEN_GIA_DOC_LAP: "Thuê chuyên gia tư vấn độc lập",
    Category.TU_XAY_DUNG_KHOAN: "Tự xây dựng (khoán)",
    Category.CO_QUAN_THUC_HIEN: "Cơ quan thực hiện",
    Category.DUY_TRI_CAI_TIEN: "Duy trì, cải tiến",
    Category.CHUYEN_DOI_PHIEN_BAN: "Chuyển đổi phiên bản",
    Category.DAO_TAO: "Đào tạo, tập huấn",
    Category.KIEM_TRA: "Kiểm tra",
    Category.THUE_TO_CHUC_CHUNG_NHAN_PHOI_HOP_KIEM_TRA: "Thuê tổ chức chứng nhận phối hợp kiểm tra",
    Category.KHAC: "Khác",
}
SOURCE_LABELS = {
    FundingSource.NS_TINH: "Ngân sách tỉnh",
    FundingSource.NS_XA: "Ngân sách xã",
    FundingSource.KINH_PHI_THUONG_XUYEN: "Kinh phí chi thường xuyên của cơ quan",
    FundingSource.NS_TRUNG_UONG: "Ngân sách trung ương",
    FundingSource.NGUON_KHAC: "Nguồn khác",
}
PROGRAMME_LABEL = "Chương trình của tỉnh (Sở KH&CN)"


class Move(StrEnum):
    """What is done to a line once it is estimated."""

    REVISE = "revise"
    APPROVE = "approve"
    DISBURSE = "disburse"
    SETTLE = "settle"
    CLOSE = "close"  # the final settlement


SPENDABLE = (LineStatus.DA_GIAO_DU_TOAN, LineStatus.DANG_THUC_HIEN)
LIFECYCLE = Lifecycle("budget_line", {
    Move.REVISE: ((LineStatus.LAP_DU_TOAN,), None),
    Move.APPROVE: ((LineStatus.LAP_DU_TOAN,), LineStatus.DA_GIAO_DU_TOAN),
    Move.DISBURSE: (SPENDABLE, LineStatus.DANG_THUC_HIEN),
    Move.SETTLE: (SPENDABLE, None),
    Move.CLOSE: (SPENDABLE, LineStatus.DA_QUYET_TOAN),
})


class LineNotFound(NotFound):
    code = "line_not_found"

    def __init__(self, *, line_id: object):
        super().__init__(line_id=line_id)


class UnknownAgency(RuleViolated):
    """The agency is not (or no longer) in the budget service's replica of the province's register."""

    code = "unknown_agency"

    def __init__(self, *, agency_id: object):
        super().__init__(agency_id=agency_id)


class OverCap(RuleViolated):
    """`amount` exceeds the `cap` of TT 116/2015 and no override allows it."""

    code = "over_cap"

    def __init__(self, *, amount: int, cap: int):
        super().__init__(amount=amount, cap=cap)


class OverApproved(RuleViolated):
    code = "over_approved"

    def __init__(self, *, total: int, approved: int):
        super().__init__(total=total, approved=approved)


class OverDisbursed(RuleViolated):
    code = "over_disbursed"

    def __init__(self, *, total: int, disbursed: int):
        super().__init__(total=total, disbursed=disbursed)


class WrongStatus(Conflict):
    """`action` (a Move) is not possible on a line in `status`."""

    code = "wrong_status"

    def __init__(self, *, line_id: object, status: str, action: Move):
        super().__init__(line_id=line_id, status=status, action=action)


def moved(line_id: uuid.UUID, status: str, move: Move) -> str:
    """The line's status after `move`, or WrongStatus when the move is not possible from `status`."""
    if not LIFECYCLE.allows(move, status):
        raise WrongStatus(line_id=line_id, status=status, action=move)
    return LIFECYCLE.next(move, status)


def after_disbursement(status: str) -> str:
    """An expenditure starts the execution of an approved line; an estimate keeps its status (the actual costs
    of other services are recorded on an estimated programme line too)."""
    return LIFECYCLE.next(Move.DISBURSE, status) if LIFECYCLE.allows(Move.DISBURSE, status) else status


def ensure_owner(owner: str, agency_id: object) -> None:
    """An agency's line names its agency; the programme's line names none."""
    if (owner == Owner.AGENCY) != (agency_id is not None):
        raise RuleViolated("owner_and_agency_mismatch", owner=owner)


def ensure_within_approved(total: int, approved: int | None) -> None:
    if approved is not None and total > approved:
        raise OverApproved(total=total, approved=approved)


def ensure_within_disbursed(total: int, disbursed: int) -> None:
    if total > disbursed:
        raise OverDisbursed(total=total, disbursed=disbursed)

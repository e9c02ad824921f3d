"""Budget rules that hold whatever the storage: categories, lifecycle, errors, Vietnamese money. Pure Python.

Cap resolution from the cost norms lives in `caps.py`.
"""

from __future__ import annotations

from enum import StrEnum

from kit.errors import Conflict, NotFound, RuleViolated


class Owner(StrEnum):
    AGENCY = "AGENCY"  # an agency's own line (its recurring budget)
    PROGRAMME = "PROGRAMME"  # the province's programme run by the Sở KH&CN


class Category(StrEnum):
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
    NS_TINH = "NS_TINH"  # ngân sách tỉnh
    NS_XA = "NS_XA"  # ngân sách xã
    KINH_PHI_THUONG_XUYEN = "KINH_PHI_THUONG_XUYEN"  # the agency's recurring administrative budget
    NS_TRUNG_UONG = "NS_TRUNG_UONG"
    NGUON_KHAC = "NGUON_KHAC"


class LineStatus(StrEnum):
    LAP_DU_TOAN = "LAP_DU_TOAN"  # estimated
    DA_GIAO_DU_TOAN = "DA_GIAO_DU_TOAN"  # approved
    DANG_THUC_HIEN = "DANG_THUC_HIEN"  # in execution
    DA_QUYET_TOAN = "DA_QUYET_TOAN"  # settled


class Origin(StrEnum):
    MANUAL = "MANUAL"
    TRAINING_CLASS = "TRAINING_CLASS"
    INSPECTION = "INSPECTION"


class Action(StrEnum):
    ESTIMATE = "ESTIMATE"
    APPROVE = "APPROVE"
    DISBURSE = "DISBURSE"


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


def format_vnd(amount: int | None) -> str:
    """`100000000` -> `100.000.000 đ` (Vietnamese digit grouping)."""
    if amount is None:
        return "—"
    return f"{amount:,}".replace(",", ".") + " đ"


class LineNotFound(NotFound):
    def __init__(self, line_id: object):
        super().__init__(f"budget line {line_id} not found")


class CostNormNotFound(NotFound):
    def __init__(self, code: object):
        super().__init__(f"cost norm {code} not found")


class UnknownAgency(RuleViolated):
    def __init__(self, agency_id: object):
        super().__init__(f"Cơ quan {agency_id} chưa có trong danh sách của tỉnh / agency {agency_id} is not known "
                         "to the budget service (yet)")


class OverCap(RuleViolated):
    def __init__(self, amount: int, cap: int):
        super().__init__(
            f"Vượt định mức chi theo Thông tư 116/2015/TT-BTC: {format_vnd(amount)} > {format_vnd(cap)}; cần ghi "
            f"nhận lý do và văn bản cho phép / over the cap of Thông tư 116/2015/TT-BTC: {amount} VND > {cap} VND; "
            "record an override with a reason and a document")


class OverApproved(RuleViolated):
    def __init__(self, total: int, approved: int):
        super().__init__(
            f"Vượt dự toán được giao: {format_vnd(total)} > {format_vnd(approved)} / the disbursed total "
            f"{total} VND would exceed the approved {approved} VND")


class OverDisbursed(RuleViolated):
    def __init__(self, total: int, disbursed: int):
        super().__init__(
            f"Số quyết toán vượt số đã chi: {format_vnd(total)} > {format_vnd(disbursed)} / the settled total "
            f"{total} VND would exceed the disbursed {disbursed} VND")


class WrongStatus(Conflict):
    def __init__(self, line_id: object, status: str, action: str):
        super().__init__(f"Dự toán {line_id} đang ở trạng thái {status}, không thể {action} / budget line is "
                         f"{status}; cannot {action}")


def ensure_owner(owner: str, agency_id: object) -> None:
    if (owner == Owner.AGENCY) != (agency_id is not None):
        raise RuleViolated("Dự toán của cơ quan phải có agency_id, của chương trình thì không / an AGENCY line "
                           "needs agency_id and a PROGRAMME line must not have one")


def ensure_status(line, allowed: tuple[str, ...], action: str) -> None:
    if line.status not in allowed:
        raise WrongStatus(line.id, line.status, action)


def ensure_within_approved(total: int, approved: int | None) -> None:
    if approved is not None and total > approved:
        raise OverApproved(total, approved)


def ensure_within_disbursed(total: int, disbursed: int) -> None:
    if total > disbursed:
        raise OverDisbursed(total, disbursed)


def status_after_disbursement(status: str) -> str:
    return LineStatus.DANG_THUC_HIEN if status == LineStatus.DA_GIAO_DU_TOAN else status

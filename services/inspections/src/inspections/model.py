"""Rules of inspections that hold whatever the storage: lifecycles, who may act, and their errors. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.errors import Conflict, Forbidden, NotFound, RuleViolated


class PlanStatus(StrEnum):
    DU_THAO = "DU_THAO"  # draft
    TRINH_UBND = "TRINH_UBND"  # submitted to the province
    DA_PHE_DUYET = "DA_PHE_DUYET"  # approved
    DANG_THUC_HIEN = "DANG_THUC_HIEN"  # in progress
    DA_TONG_KET = "DA_TONG_KET"  # closed (summary reported)
    DIEU_CHINH = "DIEU_CHINH"  # being adjusted; approved again afterwards


class InspectionStatus(StrEnum):
    DU_KIEN = "DU_KIEN"  # planned
    DA_THONG_BAO = "DA_THONG_BAO"  # notified
    DANG_KIEM_TRA = "DANG_KIEM_TRA"  # in progress
    DA_LAP_BIEN_BAN = "DA_LAP_BIEN_BAN"  # record drawn up
    DA_KET_LUAN = "DA_KET_LUAN"  # concluded
    DANG_KHAC_PHUC = "DANG_KHAC_PHUC"  # remediation
    DONG = "DONG"  # closed
    HOAN = "HOAN"  # postponed
    HUY = "HUY"  # cancelled


class RecommendationStatus(StrEnum):
    MO = "MO"  # open: the agency must act
    DA_NOP_KHAC_PHUC = "DA_NOP_KHAC_PHUC"  # remediation evidence submitted, awaiting the inspector
    DONG = "DONG"  # accepted and closed


class TeamRole(StrEnum):
    TRUONG_DOAN = "TRUONG_DOAN"
    PHO_TRUONG_DOAN = "PHO_TRUONG_DOAN"
    THANH_VIEN = "THANH_VIEN"
    THU_KY_DOAN = "THU_KY_DOAN"


class FindingType(StrEnum):
    KHONG_PHU_HOP = "KHONG_PHU_HOP"
    KHUYEN_NGHI = "KHUYEN_NGHI"
    DIEM_MANH = "DIEM_MANH"


class CheckResult(StrEnum):
    DAT = "DAT"
    KHONG_DAT = "KHONG_DAT"
    KHONG_AP_DUNG = "KHONG_AP_DUNG"


class CoverageBasis(StrEnum):
    OBLIGED_TYPES = "OBLIGED_TYPES"  # agencies whose type is obliged (obligation_rules)
    PLAN_TARGETS = "PLAN_TARGETS"  # the plan's own target list (a provincial policy)
    REGISTRY_OBLIGATION = "REGISTRY_OBLIGATION"  # the registry's derived obligation, provincial overrides included


REGISTRY_OBLIGED = ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH")


ONSITE = "TRUC_TIEP_TAI_TRU_SO"
PLAN_RUNNING = (PlanStatus.DA_PHE_DUYET, PlanStatus.DANG_THUC_HIEN)
OPEN_INSPECTION = (InspectionStatus.DU_KIEN, InspectionStatus.DA_THONG_BAO, InspectionStatus.DANG_KIEM_TRA,
                   InspectionStatus.HOAN)
INSPECTED = (InspectionStatus.DA_LAP_BIEN_BAN, InspectionStatus.DA_KET_LUAN, InspectionStatus.DANG_KHAC_PHUC,
             InspectionStatus.DONG)
MANAGERS = frozenset({"province_admin", "province_officer"})

PLAN_MOVES = {
    "submit": ((PlanStatus.DU_THAO, PlanStatus.DIEU_CHINH), PlanStatus.TRINH_UBND),
    "approve": ((PlanStatus.TRINH_UBND,), PlanStatus.DA_PHE_DUYET),
    "adjust": (PLAN_RUNNING, PlanStatus.DIEU_CHINH),
    "close": (PLAN_RUNNING, PlanStatus.DA_TONG_KET),
}
INSPECTION_MOVES = {
    "notify": ((InspectionStatus.DU_KIEN, InspectionStatus.HOAN), InspectionStatus.DA_THONG_BAO),
    "start": ((InspectionStatus.DA_THONG_BAO,), InspectionStatus.DANG_KIEM_TRA),
    "record": ((InspectionStatus.DANG_KIEM_TRA,), InspectionStatus.DA_LAP_BIEN_BAN),
    "conclude": ((InspectionStatus.DA_LAP_BIEN_BAN,), InspectionStatus.DA_KET_LUAN),
    "postpone": ((InspectionStatus.DU_KIEN, InspectionStatus.DA_THONG_BAO), InspectionStatus.HOAN),
    "cancel": (OPEN_INSPECTION, InspectionStatus.HUY),
    "close": ((InspectionStatus.DA_KET_LUAN, InspectionStatus.DANG_KHAC_PHUC), InspectionStatus.DONG),
}
MESSAGES = {
    ("inspection", "conclude"): ("Không thể kết luận khi chưa có biên bản", "cannot conclude without a record"),
    ("inspection", "record"): ("Chỉ lập biên bản khi đang kiểm tra", "a record is drawn up only during the inspection"),
    ("inspection", "start"): ("Phải thông báo trước khi kiểm tra", "the agency must be notified before the inspection"),
    ("inspection", "close"): ("Chỉ đóng cuộc kiểm tra đã kết luận", "only a concluded inspection can be closed"),
    ("plan", "approve"): ("Chỉ phê duyệt kế hoạch đã trình", "only a submitted plan can be approved"),
    ("plan", "close"): ("Chỉ tổng kết kế hoạch đang thực hiện", "only an approved plan can be closed"),
}


@dataclass(frozen=True)
class Actor:
    """Who acts: the token's subject, roles and agency, as the use cases need them."""

    subject: str
    roles: frozenset[str]
    agency_id: str | None = None

    @property
    def manages(self) -> bool:
        return bool(self.roles & MANAGERS)


class LifecycleError(Conflict):
    """A move the current status does not allow; the message is Vietnamese first, then English."""

    def __init__(self, vietnamese: str, english: str, status: str):
        super().__init__(f"{vietnamese} / {english} (trạng thái hiện tại / current status: {status})")


def move(kind: str, obj, action: str, moves: dict) -> None:
    allowed, target = moves[action]
    if obj.status not in allowed:
        vietnamese, english = MESSAGES.get((kind, action), (
            f"Không thể thực hiện '{action}' ở trạng thái này", f"cannot {action} the {kind} in this status"))
        raise LifecycleError(vietnamese, english, obj.status)
    obj.status = target


def not_found(kind: str, object_id: object) -> NotFound:
    return NotFound(f"{kind} {object_id} not found")


def ensure_plan_editable(plan) -> None:
    if plan.status not in (PlanStatus.DU_THAO, PlanStatus.DIEU_CHINH):
        raise LifecycleError("Chỉ sửa kế hoạch khi dự thảo hoặc điều chỉnh",
                             "a plan can be changed only as a draft or while being adjusted", plan.status)


def ensure_plan_runs(plan) -> None:
    if plan is None or plan.status not in PLAN_RUNNING:
        raise RuleViolated("Không kiểm tra ngoài kế hoạch đã phê duyệt (trừ kiểm tra đột xuất) / no inspection "
                           "outside an approved plan unless it is an ad hoc check (kind DOT_XUAT)")


def ensure_targeted(plan, agency_id) -> None:
    if agency_id not in {target.agency_id for target in plan.targets}:
        raise RuleViolated("Cơ quan không có trong kế hoạch; điều chỉnh kế hoạch hoặc kiểm tra đột xuất / the agency "
                           "is not a target of the plan: adjust the plan, or make it an ad hoc check")


def checklist_score(results, weights: dict[str, int]) -> int | None:
    """Weighted share (0-100) of applicable criteria met; None until something applicable is recorded."""
    applicable = [r for r in results if r.result != CheckResult.KHONG_AP_DUNG and r.criterion_code in weights]
    total = sum(weights[r.criterion_code] for r in applicable)
    if not total:
        return None
    met = sum(weights[r.criterion_code] for r in applicable if r.result == CheckResult.DAT)
    return round(100 * met / total)


def ensure_on_team(actor: Actor, subjects: set[str]) -> None:
    """Managers act on any plan; an inspector only on plans whose team lists their user subject."""
    if actor.manages:
        return
    if actor.subject not in subjects:
        raise Forbidden("Thanh tra viên không thuộc đoàn kiểm tra của kế hoạch này / the inspector is not on "
                        "the team of this plan")


def ensure_single_head(members: list[dict]) -> None:
    heads = [m for m in members if m["role"] == TeamRole.TRUONG_DOAN]
    if len(heads) != 1:
        raise RuleViolated("Đoàn kiểm tra phải có đúng một trưởng đoàn / a team needs exactly one head (TRUONG_DOAN)")

"""Rules of inspections that hold whatever the storage: statuses and their lifecycles, who may act, the checklist
score and the coverage figures. Errors are codes with parameters, worded in messages.py. Pure Python."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from contracts.inspections import InspectionForm, InspectionKind
from contracts.registry import AgencyStatus
from kit.errors import Forbidden, NotFound, RuleViolated
from kit.lifecycle import Lifecycle, MoveRefused
from kit.roles import PROVINCE_MANAGERS


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


class Severity(StrEnum):
    NHE = "NHE"
    NANG = "NANG"


class CheckResult(StrEnum):
    DAT = "DAT"
    KHONG_DAT = "KHONG_DAT"
    KHONG_AP_DUNG = "KHONG_AP_DUNG"


ONSITE_TARGET = "onsite_min_percent"  # the reference value (and plan field) of the on-site share target
PLAN_RUNNING = (PlanStatus.DA_PHE_DUYET, PlanStatus.DANG_THUC_HIEN)
COUNTED_PLANS = (*PLAN_RUNNING, PlanStatus.DA_TONG_KET, PlanStatus.DIEU_CHINH)
OPEN_INSPECTION = (InspectionStatus.DU_KIEN, InspectionStatus.DA_THONG_BAO, InspectionStatus.DANG_KIEM_TRA,
                   InspectionStatus.HOAN)
INSPECTED = (InspectionStatus.DA_LAP_BIEN_BAN, InspectionStatus.DA_KET_LUAN, InspectionStatus.DANG_KHAC_PHUC,
             InspectionStatus.DONG)
ISSUABLE = (InspectionStatus.DA_LAP_BIEN_BAN, InspectionStatus.DA_KET_LUAN, InspectionStatus.DANG_KHAC_PHUC)

# Carry out an inspection's steps: the province's managers, and inspectors on the plan's team (`ensure_on_team`).
INSPECTING_STAFF = PROVINCE_MANAGERS | {"inspector"}


class LifecycleError(MoveRefused):
    """A move the record's status does not allow (409). Its code is `move_refused`, or, given as `reason`, what
    else stands in the way of the move; messages.py words it from the lifecycle, the action and the status."""

    def __init__(self, *, reason: str | None = None, **move):
        super().__init__(**move)
        if reason is not None:
            self.code = reason


# action: (the statuses it is possible from, the status it leads to, or None to keep the status)
PLAN = Lifecycle("plan", {
    "submit": ((PlanStatus.DU_THAO, PlanStatus.DIEU_CHINH), PlanStatus.TRINH_UBND),
    "approve": ((PlanStatus.TRINH_UBND,), PlanStatus.DA_PHE_DUYET),
    "adjust": (PLAN_RUNNING, PlanStatus.DIEU_CHINH),
    "close": (PLAN_RUNNING, PlanStatus.DA_TONG_KET),
    "edit": ((PlanStatus.DU_THAO, PlanStatus.DIEU_CHINH), None),
    "form_team": (set(PlanStatus) - {PlanStatus.DA_TONG_KET}, None),
    "carry_forward": ((PlanStatus.DA_TONG_KET,), None),
    # Under a plan in any status an ad hoc inspection; a periodic one only under a running plan (ensure_plan_runs).
    "schedule_inspection": (set(PlanStatus), None),
}, error=LifecycleError)
INSPECTION = Lifecycle("inspection", {
    "notify": ((InspectionStatus.DU_KIEN, InspectionStatus.HOAN), InspectionStatus.DA_THONG_BAO),
    "start": ((InspectionStatus.DA_THONG_BAO,), InspectionStatus.DANG_KIEM_TRA),
    "record": ((InspectionStatus.DANG_KIEM_TRA,), InspectionStatus.DA_LAP_BIEN_BAN),
    "conclude": ((InspectionStatus.DA_LAP_BIEN_BAN,), InspectionStatus.DA_KET_LUAN),
    "postpone": ((InspectionStatus.DU_KIEN, InspectionStatus.DA_THONG_BAO), InspectionStatus.HOAN),
    "cancel": (OPEN_INSPECTION, InspectionStatus.HUY),
    "close": ((InspectionStatus.DA_KET_LUAN, InspectionStatus.DANG_KHAC_PHUC), InspectionStatus.DONG),
    # The checklist and findings are what the minutes (biên bản) say: once made, the minutes lock both.
    "record_results": ((InspectionStatus.DANG_KIEM_TRA,), None),
    "issue_recommendation": (ISSUABLE, None),
}, error=LifecycleError)
RECOMMENDATION = Lifecycle("recommendation", {
    "submit": ((RecommendationStatus.MO,), RecommendationStatus.DA_NOP_KHAC_PHUC),
    "accept": ((RecommendationStatus.DA_NOP_KHAC_PHUC,), RecommendationStatus.DONG),
    "reopen": ((RecommendationStatus.DA_NOP_KHAC_PHUC,), RecommendationStatus.MO),
    # Closed without the inspector's review, with the reason: the agency went on in another province (ADR 18).
    "close": ((RecommendationStatus.MO, RecommendationStatus.DA_NOP_KHAC_PHUC), RecommendationStatus.DONG),
}, error=LifecycleError)


class Actor(Protocol):
    """Who acts, as the use cases need it (a `kit.auth.Principal` is one): the token's subject, roles and agency."""

    @property
    def subject(self) -> str: ...

    @property
    def roles(self) -> frozenset[str]: ...

    @property
    def agency_id(self) -> str | None: ...


def not_found(kind: str, object_id: object) -> NotFound:
    return NotFound(kind=kind, id=object_id)


def ensure_plan_runs(plan) -> None:
    if plan is None or plan.status not in PLAN_RUNNING:
        raise RuleViolated("outside_approved_plan")


def schedulable_kinds(plan) -> list[InspectionKind]:
    """The kinds of inspection `plan` takes now, as `ensure_plan_runs` judges: an ad hoc one (đột xuất) always, a
    periodic one (định kỳ) only while the plan runs (approved or under way)."""
    return [kind for kind in InspectionKind if kind == InspectionKind.DOT_XUAT or plan.status in PLAN_RUNNING]


def ensure_targeted(plan, agency_id: uuid.UUID) -> None:
    if agency_id not in {target.agency_id for target in plan.targets}:
        raise RuleViolated("agency_not_targeted", agency_id=agency_id)


def ensure_active(agency, agency_id: uuid.UUID, on: date | None = None) -> None:
    """`agency` is the replica's copy of `agency_id` (None when the replica does not hold it). `on` is the day of
    the step: an agency that has ended since still counts on a day it was valid (a past inspection entered after
    the fact, such as a district committee's before 1/7/2025)."""
    ended_after = on is not None and agency is not None and agency.valid_to is not None and on <= agency.valid_to
    if agency is None or (agency.status != AgencyStatus.HOAT_DONG and not ended_after):
        raise RuleViolated("agency_not_active", agency_id=agency_id)


def ensure_on_team(actor: Actor, subjects: set[str]) -> None:
    error = off_team(actor, subjects)
    if error is not None:
        raise error


def off_team(actor: Actor, subjects: set[str]) -> Forbidden | None:
    """Managers act on any plan; an inspector only on plans whose team lists their user subject."""
    if actor.roles & PROVINCE_MANAGERS or actor.subject in subjects:
        return None
    return Forbidden("not_on_team")


def ensure_single_head(members: list[dict]) -> None:
    heads = [m for m in members if m["role"] == TeamRole.TRUONG_DOAN]
    if len(heads) != 1:
        raise RuleViolated("team_needs_one_head")


def checklist_score(results, weights: dict[str, int]) -> int | None:
    """Weighted share (0-100) of applicable criteria met; None until something applicable is recorded."""
    applicable = [r for r in results if r.result != CheckResult.KHONG_AP_DUNG and r.criterion_code in weights]
    total = sum(weights[r.criterion_code] for r in applicable)
    if not total:
        return None
    met = sum(weights[r.criterion_code] for r in applicable if r.result == CheckResult.DAT)
    return round(100 * met / total)


def any_open(recommendations: Iterable) -> bool:
    return any(r.status != RecommendationStatus.DONG for r in recommendations)


def recommendations_open(status: str) -> LifecycleError:
    allowed, to = INSPECTION.moves["close"]
    return LifecycleError(reason="recommendations_open", lifecycle=INSPECTION.name, action="close", current=status,
                          allowed=allowed, to=to)


def overdue(recommendation, today: date) -> bool:
    return recommendation.status != RecommendationStatus.DONG and recommendation.deadline < today


@dataclass(frozen=True)
class Coverage:
    year: int
    plan_id: uuid.UUID | None
    as_of: date
    basis: str
    obliged: int
    inspected: int
    inspected_onsite: int
    inspected_percent: float
    onsite_percent: float
    onsite_min_percent: int | None
    meets_onsite_target: bool | None


def coverage(year: int, plan_id: uuid.UUID | None, as_of: date, basis: str, pool: Iterable, inspections: Iterable,
             target: int | None) -> Coverage:
    """The share of the agencies of `pool` counted on `as_of` that `inspections` reached, on site and at all."""
    inspections = list(inspections)
    counted = {a.id for a in pool if counts(a, as_of)}
    inspected = {i.agency_id for i in inspections} & counted
    onsite = {i.agency_id for i in inspections if i.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO} & counted
    onsite_percent = percent(len(onsite), len(counted))
    return Coverage(year=year, plan_id=plan_id, as_of=as_of, basis=basis, obliged=len(counted),
                    inspected=len(inspected), inspected_onsite=len(onsite),
                    inspected_percent=percent(len(inspected), len(counted)), onsite_percent=onsite_percent,
                    onsite_min_percent=target,
                    meets_onsite_target=None if target is None else onsite_percent >= target)


def counts(agency, as_of: date) -> bool:
    """An agency counts from `valid_from` (when known) to `valid_to`, both days included, as in every service."""
    started = agency.valid_from is None or agency.valid_from <= as_of
    ended = agency.valid_to is not None and agency.valid_to < as_of
    return started and not ended


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0

"""Events published by services/registry (topics `registry.tenant`, `registry.agency`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from contracts.catalogue import event


class AgencyType(StrEnum):
    """Agency types of DOMAIN.md 6.4 (QĐ 19/2014/QĐ-TTg Điều 2)."""

    UBND_TINH = "UBND_TINH"
    SO = "SO"
    CHI_CUC = "CHI_CUC"
    BAN_QL = "BAN_QL"
    VP_DDBQH_HDND = "VP_DDBQH_HDND"
    NGANH_DOC = "NGANH_DOC"
    UBND_HUYEN = "UBND_HUYEN"
    PHONG_CM_HUYEN = "PHONG_CM_HUYEN"
    UBND_XA = "UBND_XA"
    TT_PVHCC = "TT_PVHCC"
    DVSN = "DVSN"


class AdminLevel(StrEnum):
    TW_TAI_DIA_PHUONG = "TW_TAI_DIA_PHUONG"
    TINH = "TINH"
    HUYEN = "HUYEN"
    XA = "XA"


class Obligation(StrEnum):
    """Whether QĐ 19/2014 obliges the agency to apply a QMS (DOMAIN.md 6.3 `obligation`)."""

    BAT_BUOC = "BAT_BUOC"
    BAT_BUOC_THEO_KH_TINH = "BAT_BUOC_THEO_KH_TINH"
    KHUYEN_KHICH = "KHUYEN_KHICH"
    KHONG_AP_DUNG = "KHONG_AP_DUNG"


# What "obliged" means wherever an agency's obligation is read: the registry derives the obligation (its type's rule
# under QĐ 19/2014 Điều 2, or a cited provincial override) and carries it in its agency events; no one else has
# the rules.
OBLIGED = frozenset({Obligation.BAT_BUOC, Obligation.BAT_BUOC_THEO_KH_TINH})


class AgencyStatus(StrEnum):
    HOAT_DONG = "HOAT_DONG"
    DA_SAP_NHAP = "DA_SAP_NHAP"
    DA_GIAI_THE = "DA_GIAI_THE"
    DOI_TEN = "DOI_TEN"


@event("registry.tenant.created", version=1, key="tenant_id")
@dataclass(frozen=True, kw_only=True)
class TenantCreated:
    """A province was added to the platform as a tenant. Key: tenant_id (the slug)."""

    tenant_id: str
    name: str
    official_code: str | None = None
    created_at: datetime


@event("registry.agency.registered", version=1, key="agency_id")
@dataclass(frozen=True, kw_only=True)
class AgencyRegistered:
    """An agency was entered in the province's register. Key: agency_id. `version` starts at 1."""

    agency_id: UUID
    version: int
    name: str
    short_name: str | None = None
    agency_type: AgencyType
    admin_level: AdminLevel | None = None
    parent_agency_id: UUID | None = None
    location_unit_code: str | None = None
    valid_from: date | None = None
    registered_at: datetime
    obligation: Obligation | None = None


@event("registry.agency.updated", version=1, key="agency_id")
@dataclass(frozen=True, kw_only=True)
class AgencyUpdated:
    """An agency's register entry changed; the payload is the whole entry after the change.

    Key: agency_id. `version` grows by one per change, so consumers can drop stale deliveries.
    """

    agency_id: UUID
    version: int
    name: str
    short_name: str | None = None
    agency_type: AgencyType
    admin_level: AdminLevel | None = None
    parent_agency_id: UUID | None = None
    location_unit_code: str | None = None
    updated_at: datetime
    obligation: Obligation | None = None


@event("registry.agency.dissolved", version=1, key="agency_id")
@dataclass(frozen=True, kw_only=True)
class AgencyDissolved:
    """An agency ceased to exist (giải thể); `dissolved_on` is its last day (it counts on that day, not after).
    Its history is kept. Key: agency_id."""

    agency_id: UUID
    version: int
    dissolved_on: date
    decision: str | None = None
    dissolved_at: datetime


class OfficerRole(StrEnum):
    """ISO roles inside an agency: thư ký ISO and đại diện lãnh đạo (management representative)."""

    THU_KY_ISO = "THU_KY_ISO"
    DAI_DIEN_LANH_DAO = "DAI_DIEN_LANH_DAO"


@event("registry.agency.merged", version=1, key="agency_id")
@dataclass(frozen=True, kw_only=True)
class AgencyMerged:
    """An agency was merged into another (sáp nhập); `merged_on` is its last day (it counts on that day, not
    after: the districts merged on 30/6/2025 count that day and not on 1/7/2025).

    Key: agency_id (the agency that ceased). Its open work moves to `successor_agency_id`, unless
    `successor_tenant` names another province (a province succession, ADR 17): the successor agency is that
    province's, the open work stays with the province that made it and is closed there with the reason (ADR 18);
    `successor_tenant_name` is that province's name, for the reason people read.
    """

    agency_id: UUID
    version: int
    successor_agency_id: UUID
    merged_on: date
    decision: str | None = None
    merged_at: datetime
    successor_tenant: str | None = None
    successor_tenant_name: str | None = None


@event("registry.officer.appointed", version=1, key="officer_id")
@dataclass(frozen=True, kw_only=True)
class OfficerAppointed:
    """A person was appointed to an ISO role in an agency. Key: officer_id (one appointment).

    `email`: how to reach the person (the register's entry), for the notices of their agency's deadlines; None
    when the register has none (and in events published before the field was added)."""

    officer_id: UUID
    agency_id: UUID
    role: OfficerRole
    full_name: str
    position: str | None = None
    appointed_on: date
    appointed_at: datetime
    email: str | None = None


@event("registry.officer.removed", version=1, key="officer_id")
@dataclass(frozen=True, kw_only=True)
class OfficerRemoved:
    """An appointment ended (the person left the role or the agency). Key: officer_id."""

    officer_id: UUID
    agency_id: UUID
    role: OfficerRole
    removed_on: date
    removed_at: datetime


class QualitySystemStatus(StrEnum):
    """HTQLCL lifecycle (DOMAIN.md 6.5)."""

    CHUA_XAY_DUNG = "CHUA_XAY_DUNG"
    DANG_XAY_DUNG = "DANG_XAY_DUNG"
    DANG_AP_DUNG = "DANG_AP_DUNG"
    DA_CONG_BO = "DA_CONG_BO"
    CAN_CONG_BO_LAI = "CAN_CONG_BO_LAI"
    DANG_CHUYEN_DOI = "DANG_CHUYEN_DOI"
    NGUNG_AP_DUNG = "NGUNG_AP_DUNG"


class AnnouncementKind(StrEnum):
    LAN_DAU = "LAN_DAU"
    CONG_BO_LAI = "CONG_BO_LAI"


@event("registry.quality_system.status_changed", version=1, key="quality_system_id")
@dataclass(frozen=True, kw_only=True)
class QualitySystemStatusChanged:
    """An agency's quality system moved in its lifecycle (or was created). Key: quality_system_id.

    `version` grows by one per change of the quality system.
    """

    quality_system_id: UUID
    agency_id: UUID
    version: int
    status: QualitySystemStatus
    previous_status: QualitySystemStatus | None = None
    standard_version: str
    changed_on: date
    changed_at: datetime


@event("registry.quality_system.announced", version=1, key="quality_system_id")
@dataclass(frozen=True, kw_only=True)
class QualitySystemAnnounced:
    """The agency's head signed a công bố (first) or công bố lại decision. Key: quality_system_id."""

    quality_system_id: UUID
    agency_id: UUID
    version: int
    announcement_id: UUID
    kind: AnnouncementKind
    reason: str | None = None
    decision_no: str
    decision_date: date
    standard_version: str
    scope_tthc_count: int | None = None
    announced_at: datetime


class QualitySystemStep(StrEnum):
    """A dated step of the quality system whose date may be corrected (`step_date_corrected`)."""

    START_BUILDING = "start-building"
    APPLY = "apply"
    ANNOUNCE = "announce"
    CHANGE_SCOPE = "change-scope"
    START_TRANSITION = "start-transition"
    RECEIVE = "receive"


@event("registry.quality_system.step_date_corrected", version=1, key="quality_system_id")
@dataclass(frozen=True, kw_only=True)
class QualitySystemStepDateCorrected:
    """The date of a step already on record was wrong and was corrected, with a reason. Key: quality_system_id.

    `status`: the status the step put the system in, whose change dated `old_date` now dates `new_date` (None for
    the receipt of an announcement, which changes no status); where several changes to `status` carry
    `old_date`, the newest. `announcement_id`: the announcement whose decision (`announce`) or receipt
    (`receive`) date moved. `version` grows as for every change of the quality system."""

    quality_system_id: UUID
    agency_id: UUID
    version: int
    step: QualitySystemStep
    status: QualitySystemStatus | None = None
    announcement_id: UUID | None = None
    old_date: date
    new_date: date
    reason: str
    corrected_by: str
    corrected_at: datetime


@event("registry.maintenance.recorded", version=1, key="quality_system_id")
@dataclass(frozen=True, kw_only=True)
class MaintenanceRecorded:
    """An upkeep activity (internal audit, management review...) was put on record. Key: quality_system_id.

    `upkeep_completed_on`: the day the system's yearly upkeep of `year` was complete, by the registry's rule (every
    activity type its reference data requires each year on record), counting every record of that year known now;
    None while one is missing. The newest event of a system and year says it; no one else has the rule."""

    record_id: UUID
    quality_system_id: UUID
    agency_id: UUID
    year: int
    activity_type: str
    activity_date: date
    recorded_at: datetime
    upkeep_completed_on: date | None = None


@event("registry.tenant.succeeded", version=1, key="successor")
@dataclass(frozen=True, kw_only=True)
class ProvinceSucceeded:
    """Provinces were merged into a successor province from `effective_date` (Nghị quyết 202/2025/QH15: Bình
    Thuận and Đắk Nông into Lâm Đồng from 1/7/2025). Key: successor (the slug).

    Every service records it in its tenant lineage (kit.lineage): from that date the successor's users may read
    the predecessors' records, which keep their own province, and the predecessors' users may no longer write.
    `predecessor_names` are in the order of `predecessors`. Published once the registry executed the succession;
    applying it again changes nothing."""

    succession_id: UUID
    successor: str
    successor_name: str
    predecessors: list[str]
    predecessor_names: list[str]
    effective_date: date
    legal_basis: str
    executed_at: datetime

"""Demo provinces and a few agencies each, for the embedded mode and local runs. Idempotent."""

from __future__ import annotations

import contextlib
import uuid
from datetime import date

from contracts.registry import AdminLevel, AgencyType, OfficerRole
from kit.errors import Conflict
from kit.tenancy import tenant_id
from registry import repository
from registry.demo.figures import HISTORICAL
from registry.services import agencies, officers, quality_systems, tenants

NAMESPACE = uuid.UUID("5f0c7b1e-2a52-4c1e-9d0e-150c0a11ce00")

TENANTS = {
    "an-giang": ("Tỉnh An Giang", "91"),
    "binh-thuan": ("Tỉnh Bình Thuận", "60"),
    "thai-binh": ("Tỉnh Thái Bình", "34"),
    "ho-chi-minh": ("Thành phố Hồ Chí Minh", "79"),
}

AGENCIES = {
    "an-giang": [
        ("Sở Khoa học và Công nghệ tỉnh An Giang", "Sở KH&CN", AgencyType.SO, AdminLevel.TINH),
        ("Sở Tư pháp tỉnh An Giang", "Sở Tư pháp", AgencyType.SO, AdminLevel.TINH),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng An Giang", "Chi cục TĐC", AgencyType.CHI_CUC, AdminLevel.TINH),
        ("UBND phường Rạch Giá", None, AgencyType.UBND_XA, AdminLevel.XA),
    ],
    "binh-thuan": [
        ("Văn phòng UBND tỉnh Bình Thuận", "VP UBND", AgencyType.SO, AdminLevel.TINH),
        ("Sở Khoa học và Công nghệ tỉnh Bình Thuận", "Sở KH&CN", AgencyType.SO, AdminLevel.TINH),
        ("UBND huyện Hàm Thuận Bắc", None, AgencyType.UBND_HUYEN, AdminLevel.HUYEN),
    ],
    "thai-binh": [
        ("Sở Nội vụ tỉnh Thái Bình", "Sở Nội vụ", AgencyType.SO, AdminLevel.TINH),
        ("UBND thành phố Thái Bình", None, AgencyType.UBND_HUYEN, AdminLevel.HUYEN),
    ],
    "ho-chi-minh": [
        ("Sở Khoa học và Công nghệ TP Hồ Chí Minh", "Sở KH&CN", AgencyType.SO, AdminLevel.TINH),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng TP Hồ Chí Minh", "Chi cục TĐC", AgencyType.CHI_CUC, AdminLevel.TINH),
        ("UBND phường Sài Gòn", None, AgencyType.UBND_XA, AdminLevel.XA),
    ],
}


def agency_id(tenant: str, name: str) -> uuid.UUID:
    """A stable id, so demo users can name their agency (agency_officer) across runs."""
    return uuid.uuid5(NAMESPACE, f"{tenant}/{name}")


def seed(uow_for) -> int:
    """Create what is missing through the use cases, so events flow as for real data. Returns new agencies."""
    created = 0
    for slug, (name, code) in TENANTS.items():
        tenant = tenant_id(slug)
        with contextlib.suppress(Conflict):
            tenants.create_tenant(uow_for(tenant), name=name, official_code=code, historical=slug in HISTORICAL)
        for agency_name, short, kind, level in AGENCIES[slug]:
            created += _seed_agency(uow_for(tenant), slug, agency_name, short, kind, level)
    return created


def _seed_agency(uow, tenant: str, name: str, short: str | None, kind: str, level: str) -> int:
    wanted = agency_id(tenant, name)
    with uow:
        if repository.find_agency(uow.session, wanted) is not None:
            return 0
    agencies.register_agency(uow, {"name": name, "short_name": short, "agency_type": kind, "admin_level": level},
                             agency_id=wanted)
    _seed_records(uow, wanted, STAGES.get(kind, "applied"), name)
    return 1


# How far each demo agency's quality system has come, by agency type, so the overviews have something to show.
STAGES = {AgencyType.SO: "announced", AgencyType.CHI_CUC: "legacy", AgencyType.UBND_HUYEN: "announced",
          AgencyType.UBND_XA: "building"}
SECRETARIES = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Thu Hà", "Phạm Quốc Bảo", "Võ Thị Mai"]


def _seed_records(uow, agency: uuid.UUID, stage: str, name: str) -> None:
    legacy = stage == "legacy"
    quality_systems.create_quality_system(uow, agency, {
        "standard_version": "TCVN_ISO_9001_2008" if legacy else "TCVN_ISO_9001_2015",
        "built_with": "TO_CHUC_TU_VAN", "scope_tthc_count": 40})
    quality_systems.start_building(uow, agency, on=date(2017, 3, 1) if legacy else date(2020, 3, 2))
    if stage == "building":
        return
    quality_systems.apply(uow, agency, on=date(2020, 9, 1))
    for activity in ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO", "MUC_TIEU_CHAT_LUONG"):
        quality_systems.record_maintenance(uow, agency, {"activity_type": activity,
                                                         "activity_date": date(2020, 11, 10)})
    if stage in ("announced", "legacy"):
        quality_systems.announce(uow, agency, {"decision_no": "01/QĐ-CB", "decision_date": date(2020, 12, 1)})
    secretary = SECRETARIES[sum(map(ord, name)) % len(SECRETARIES)]
    officers.appoint_officer(uow, agency, {"role": OfficerRole.THU_KY_ISO, "full_name": secretary,
                                           "appointed_on": date(2020, 3, 2)})

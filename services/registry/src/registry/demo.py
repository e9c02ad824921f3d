"""Demo provinces and a few agencies each, for the embedded mode and local runs. Idempotent."""

from __future__ import annotations

import contextlib
import uuid
from datetime import date

from kit.errors import Conflict
from kit.tenancy import tenant_id
from registry import officers, quality, repository, services

NAMESPACE = uuid.UUID("5f0c7b1e-2a52-4c1e-9d0e-150c0a11ce00")

TENANTS = {
    "an-giang": ("Tỉnh An Giang", "91"),
    "binh-thuan": ("Tỉnh Bình Thuận", "60"),
    "thai-binh": ("Tỉnh Thái Bình", "34"),
    "ho-chi-minh": ("Thành phố Hồ Chí Minh", "79"),
}

AGENCIES = {
    "an-giang": [
        ("Sở Khoa học và Công nghệ tỉnh An Giang", "Sở KH&CN", "SO", "TINH"),
        ("Sở Tư pháp tỉnh An Giang", "Sở Tư pháp", "SO", "TINH"),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng An Giang", "Chi cục TĐC", "CHI_CUC", "TINH"),
        ("UBND phường Rạch Giá", None, "UBND_XA", "XA"),
    ],
    "binh-thuan": [
        ("Văn phòng UBND tỉnh Bình Thuận", "VP UBND", "SO", "TINH"),
        ("Sở Khoa học và Công nghệ tỉnh Bình Thuận", "Sở KH&CN", "SO", "TINH"),
        ("UBND huyện Hàm Thuận Bắc", None, "UBND_HUYEN", "HUYEN"),
    ],
    "thai-binh": [
        ("Sở Nội vụ tỉnh Thái Bình", "Sở Nội vụ", "SO", "TINH"),
        ("UBND thành phố Thái Bình", None, "UBND_HUYEN", "HUYEN"),
    ],
    "ho-chi-minh": [
        ("Sở Khoa học và Công nghệ TP Hồ Chí Minh", "Sở KH&CN", "SO", "TINH"),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng TP Hồ Chí Minh", "Chi cục TĐC", "CHI_CUC", "TINH"),
        ("UBND phường Sài Gòn", None, "UBND_XA", "XA"),
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
            services.create_tenant(uow_for(tenant), name=name, official_code=code)
        for agency_name, short, kind, level in AGENCIES[slug]:
            created += _seed_agency(uow_for(tenant), slug, agency_name, short, kind, level)
    return created


def _seed_agency(uow, tenant: str, name: str, short: str | None, kind: str, level: str) -> int:
    wanted = agency_id(tenant, name)
    with uow:
        if repository.find_agency(uow.session, wanted) is not None:
            return 0
    services.register_agency(uow, {"name": name, "short_name": short, "agency_type": kind, "admin_level": level},
                             agency_id=wanted)
    _seed_records(uow, wanted, STAGES.get(kind, "applied"), name)
    return 1


# How far each demo agency's quality system has come, by agency type, so the overviews have something to show.
STAGES = {"SO": "announced", "CHI_CUC": "legacy", "UBND_HUYEN": "announced", "UBND_XA": "building"}
SECRETARIES = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Thu Hà", "Phạm Quốc Bảo", "Võ Thị Mai"]


def _seed_records(uow, agency: uuid.UUID, stage: str, name: str) -> None:
    legacy = stage == "legacy"
    quality.create_quality_system(uow, agency, {
        "standard_version": "TCVN_ISO_9001_2008" if legacy else "TCVN_ISO_9001_2015",
        "built_with": "TO_CHUC_TU_VAN", "scope_tthc_count": 40})
    quality.start_building(uow, agency, on=date(2017, 3, 1) if legacy else date(2020, 3, 2))
    if stage == "building":
        return
    quality.apply(uow, agency, on=date(2020, 9, 1))
    for activity in ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO", "MUC_TIEU_CHAT_LUONG"):
        quality.record_maintenance(uow, agency, {"activity_type": activity, "activity_date": date(2020, 11, 10)})
    if stage in ("announced", "legacy"):
        quality.announce(uow, agency, {"decision_no": "01/QĐ-CB", "decision_date": date(2020, 12, 1)})
    secretary = SECRETARIES[sum(map(ord, name)) % len(SECRETARIES)]
    officers.appoint_officer(uow, agency, {"role": "THU_KY_ISO", "full_name": secretary,
                                           "appointed_on": date(2020, 3, 2)})

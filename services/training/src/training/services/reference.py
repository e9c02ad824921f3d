"""Reference data the service ships with (law and practice as data, editable later): course types with their
Vietnamese names and the ISO roles they train for, and the default settings of every province."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from contracts.registry import OfficerRole
from kit.uow import UnitOfWork
from training.orm import CourseType, DefaultSettings, Province

THU_KY_ISO, DAI_DIEN_LANH_DAO = OfficerRole.THU_KY_ISO, OfficerRole.DAI_DIEN_LANH_DAO

COURSE_TYPES = [
    {"code": "NHAN_THUC_CHUNG", "position": 1, "qualifies_roles": [],
     "name_vi": "Nhận thức chung về TCVN ISO 9001:2015", "name_en": "General awareness of ISO 9001:2015"},
    {"code": "CHUYEN_GIA_DANH_GIA_NOI_BO", "position": 2, "qualifies_roles": [THU_KY_ISO],
     "name_vi": "Chuyên gia đánh giá nội bộ", "name_en": "Internal auditor"},
    {"code": "CHUYEN_DOI_ISO_2015", "position": 3, "qualifies_roles": [],
     "name_vi": "Chuyển đổi sang TCVN ISO 9001:2015", "name_en": "Transition to ISO 9001:2015"},
    {"code": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "position": 4, "qualifies_roles": [THU_KY_ISO, DAI_DIEN_LANH_DAO],
     "name_vi": "Đại diện lãnh đạo và thư ký ISO", "name_en": "Management representative and ISO secretary"},
    {"code": "NGHIEP_VU_KIEM_TRA", "position": 5, "qualifies_roles": [],
     "name_vi": "Nghiệp vụ kiểm tra việc áp dụng HTQLCL", "name_en": "Inspection skills"},
    {"code": "XAY_DUNG_HTQLCL", "position": 6, "qualifies_roles": [THU_KY_ISO],
     "name_vi": "Xây dựng, áp dụng hệ thống quản lý chất lượng", "name_en": "Building a QMS"},
]

DEFAULT_SETTINGS = {"id": 1, "completion_percent": 80, "season_start_month": 5, "season_end_month": 10,
                    "certificate_format": "{seq:04d}/{year}/GCN-ISO"}


def seed(engine: Engine) -> int:
    """Insert the reference rows that are missing (the first migration already inserts them); idempotent."""
    added = 0
    with Session(engine) as session:
        for row in COURSE_TYPES:
            if session.get(CourseType, row["code"]) is None:
                session.add(CourseType(**row))
                added += 1
        if session.get(DefaultSettings, 1) is None:
            session.add(DefaultSettings(**DEFAULT_SETTINGS))
            added += 1
        session.commit()
    return added


def record_province(uow: UnitOfWork, tenant: str, name: str) -> None:
    """Keep a province's name (a repeated event changes nothing)."""
    with uow:
        if uow.session.get(Province, tenant) is None:
            uow.session.add(Province(tenant_id=tenant, name=name))
        uow.commit()

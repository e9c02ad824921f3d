"""Fixture objects and calls for every training route in the authorization matrix."""

from __future__ import annotations

import uuid

from tests.security.matrix import Spec, World
from training.services import compliance

SESSIONS = [{"starts_at": "2026-06-10T01:00:00+00:00", "ends_at": "2026-06-10T04:00:00+00:00"},
            {"starts_at": "2026-06-11T01:00:00+00:00", "ends_at": "2026-06-11T04:00:00+00:00"}]
CLASS = {"title": "Lớp đại diện lãnh đạo và thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO",
         "venue": "Hội trường Sở KH&CN", "capacity": 30, "provider": "Chi cục TĐC",
         "trainers": ["ThS. Nguyễn Văn Hùng"], "cost_estimate": 45_000_000, "sessions": SESSIONS}
ONSITE_CLASS = {"title": "Tập huấn tại đơn vị: thư ký ISO", "venue": "Phòng họp UBND xã", "capacity": 25,
                "provider": "Chi cục TĐC", "sessions": SESSIONS[:1]}


def nomination(world) -> dict:
    return {"agency_id": world["agency"], "person_id": f"cccd-{uuid.uuid4().hex[:8]}", "full_name": "Nguyễn Thị An",
            "qms_role": "THU_KY_ISO"}


def onsite_request(world) -> dict:
    return {"agency_id": world["agency"], "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "participants": 18,
            "preferred_from": "2026-06-01", "preferred_to": "2026-06-30"}


class TrainingWorld(World):
    """Classes are the province's, open to every agency; agencies are those the registry's events put in the
    service's replica (`compliance.record_agency`)."""

    service = "training"
    province_wide = frozenset({"klass", "opened", "running", "finished", "sessions", "session"})
    foreign = frozenset({"agency"})

    def make_agency(self) -> str:
        agency_id = uuid.uuid4()
        compliance.record_agency(self.sut.runtime.uow(self.tenant), agency_id, 1, name="Sở Tư pháp")
        return str(agency_id)

    def make_klass(self) -> str:
        created = self.call("POST", "/classes", CLASS)
        self.made["sessions"] = [s["id"] for s in created["sessions"]]
        return created["id"]

    def make_session(self) -> str:
        self["running"]
        return self.made["sessions"][0]

    def _move(self, *statuses: str) -> str:
        for status in statuses:
            self.call("POST", f"/classes/{self['klass']}/status", {"status": status})
        return self["klass"]

    def make_opened(self) -> str:
        return self._move("MO_DANG_KY")

    def make_registration(self) -> str:
        return self.call("POST", f"/classes/{self['opened']}/registrations", nomination(self))["id"]

    def make_running(self) -> str:
        self["registration"]
        return self._move("CHOT_DANH_SACH", "DANG_DIEN_RA")

    def make_finished(self) -> str:
        self["running"]
        for session in self.made["sessions"]:
            self.call("PUT", f"/classes/{self['klass']}/sessions/{session}/attendance",
                      {"present": [self["registration"]], "absent": []})
        return self._move("DA_KET_THUC")

    def make_onsite(self) -> str:
        return self.call("POST", "/onsite-requests", onsite_request(self))["id"]


A = "/api/v1/training"
C = f"{A}/classes/<uuid:class_id>"
SPECS = {
    ("GET", f"{A}/audit"): Spec("/audit", needs=("klass",)),
    ("GET", f"{A}/classes"): Spec("/classes", needs=("klass",)),
    ("POST", f"{A}/classes"): Spec("/classes", CLASS),
    ("GET", C): Spec("/classes/{klass}"),
    ("PATCH", C): Spec("/classes/{klass}", {"capacity": 25}),
    ("GET", f"{C}/attendance-sheet.<any(xlsx, docx, pdf):fmt>"): Spec("/classes/{running}/attendance-sheet.xlsx"),
    ("GET", f"{C}/certificates"): Spec("/classes/{finished}/certificates"),
    ("POST", f"{C}/certificates"): Spec("/classes/{finished}/certificates"),
    ("GET", f"{C}/certificates.<any(xlsx, docx, pdf):fmt>"): Spec("/classes/{finished}/certificates.xlsx"),
    ("POST", f"{C}/registrations"): Spec("/classes/{opened}/registrations", nomination),
    ("GET", f"{C}/sessions/<uuid:session_id>/attendance"): Spec("/classes/{running}/sessions/{session}/attendance"),
    ("PUT", f"{C}/sessions/<uuid:session_id>/attendance"):
        Spec("/classes/{running}/sessions/{session}/attendance",
             lambda w: {"present": [w["registration"]], "absent": []}),
    ("POST", f"{C}/status"): Spec("/classes/{klass}/status", {"status": "MO_DANG_KY"}),
    ("GET", f"{A}/compliance/untrained-officers"): Spec("/compliance/untrained-officers"),
    ("GET", f"{A}/course-types"): Spec("/course-types"),
    ("GET", f"{A}/onsite-requests"): Spec("/onsite-requests", needs=("onsite",)),
    ("POST", f"{A}/onsite-requests"): Spec("/onsite-requests", onsite_request),
    ("GET", f"{A}/onsite-requests/<uuid:request_id>"): Spec("/onsite-requests/{onsite}"),
    ("POST", f"{A}/onsite-requests/<uuid:request_id>/approve"): Spec("/onsite-requests/{onsite}/approve",
                                                                     ONSITE_CLASS),
    ("POST", f"{A}/onsite-requests/<uuid:request_id>/decline"): Spec("/onsite-requests/{onsite}/decline",
                                                                     {"reason": "Chưa bố trí được giảng viên"}),
    ("GET", f"{A}/registrations"): Spec("/registrations", needs=("registration",)),
    ("GET", f"{A}/registrations/<uuid:registration_id>"): Spec("/registrations/{registration}"),
    ("POST", f"{A}/registrations/<uuid:registration_id>/cancel"): Spec("/registrations/{registration}/cancel", {}),
    ("GET", f"{A}/settings"): Spec("/settings"),
    ("PATCH", f"{A}/settings"): Spec("/settings", {"completion_percent": 80}),
}
UNCOVERED: dict = {}

"""Fixture objects and calls for every inspections route in the authorization matrix.

Agencies reach the service as the registry's events do in production, through the consumer's handler.
"""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime

from contracts import registry as events
from inspections import consumers
from tests.security.matrix import INSPECTOR, Spec, World
from tests.support import files

ONSITE = "TRUC_TIEP_TAI_TRU_SO"
MEMBERS = [{"full_name": "Nguyễn Văn A", "organization": "Sở KH&CN", "role": "TRUONG_DOAN"},
           {"full_name": "Trần Thị B", "organization": "Chi cục TĐC", "role": "PHO_TRUONG_DOAN"},
           {"full_name": "Lê Văn C", "organization": "Sở Nội vụ", "role": "THANH_VIEN", "user_subject": INSPECTOR},
           {"full_name": "Phạm Thị D", "organization": "Chi cục TĐC", "role": "THU_KY_DOAN"}]


class InspectionsWorld(World):
    service = "inspections"

    def make_agency(self) -> str:
        agency_id = uuid.uuid4()
        consumers.on_registered(self.sut.runtime.uow(self.tenant), events.AgencyRegistered(
            agency_id=agency_id, version=1, name="Sở Tài chính", agency_type=events.AgencyType("SO"),
            registered_at=datetime(2021, 1, 5, tzinfo=UTC)))
        return str(agency_id)

    def make_plan(self) -> str:
        targets = [{"agency_id": self["agency"], "planned_form": ONSITE, "planned_month": 7}]
        return self.call("POST", "/plans", {"year": 2021, "targets": targets})["id"]

    def make_submitted(self) -> str:
        self.call("POST", f"/plans/{self['plan']}/submit", {"proposing_doc": "120/TTr-SKHCN"})
        return self["plan"]

    def make_approved(self) -> str:
        self.call("POST", f"/plans/{self['submitted']}/approve", {"approving_doc": "726/KH-UBND"},
                  role="province_leader")
        return self["plan"]

    def make_closed(self) -> str:
        self.call("POST", f"/plans/{self['approved']}/close")
        return self["plan"]

    def make_team(self) -> str:
        return self.call("POST", f"/plans/{self['approved']}/teams", {
            "decision_no": "15/QĐ-SKHCN", "decision_date": "2021-06-01", "issuer": "Sở KH&CN",
            "members": MEMBERS})["id"]

    def make_inspection(self) -> str:
        self["team"]
        return self.call("POST", "/inspections", {"plan_id": self["approved"], "agency_id": self["agency"],
                                                  "form": ONSITE})["id"]

    def make_notified(self) -> str:
        self.call("POST", f"/inspections/{self['inspection']}/notify",
                  {"notice_doc": "30/TB-SKHCN", "scheduled_date": "2021-07-15"})
        return self["inspection"]

    def make_started(self) -> str:
        self.call("POST", f"/inspections/{self['notified']}/start", {"conducted_date": "2021-07-15"})
        return self["inspection"]

    def make_recorded(self) -> str:
        self.call("POST", f"/inspections/{self['started']}/record",
                  {"record_doc": "BB-01/2021", "record_date": "2021-07-15"})
        return self["inspection"]

    def make_concluded(self) -> str:
        self.call("POST", f"/inspections/{self['recorded']}/conclude", {
            "conclusion_doc": "45/TB-SKHCN", "conclusion_date": "2021-07-30", "overall_result": "DAT"})
        return self["inspection"]

    def make_recommendation(self) -> str:
        return self.call("POST", f"/inspections/{self['recorded']}/recommendations",
                         {"description": "Tổ chức đánh giá nội bộ năm 2021", "deadline": "2021-10-31"})["id"]

    def make_issued(self) -> dict:
        return self.call("POST", "/years/2021/documents/report/issue", {"issued_on": "2022-01-10"})

    def make_remediated(self) -> str:
        self.call("POST", f"/recommendations/{self['recommendation']}/remediation",
                  {"evidence": "Báo cáo khắc phục"}, role="agency_officer")
        return self["recommendation"]

    def make_attachment(self) -> str:
        """A PDF of remediation evidence, posted by the agency's officer as the multipart upload it is."""
        response = self.sut.client.post(
            f"{self.api}/recommendations/{self['recommendation']}/attachments",
            headers=self.headers("agency_officer"), content_type="multipart/form-data",
            data={"file": (io.BytesIO(files.PDF), "bien-ban.pdf")})
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["id"]


A = "/api/v1/inspections"
ITEM = f"{A}/inspections/<uuid:inspection_id>"
P = f"{A}/plans/<uuid:plan_id>"
R = f"{A}/recommendations/<uuid:recommendation_id>"
FILE = ".<any(docx, pdf):fmt>"
# Each document's route (rule, then path): downloaded as a file, and issued into the register.
DOCUMENTS = (
    ("plan", "/plans/<uuid:plan_id>/documents", "/plans/{plan}/documents"),
    ("decision", "/teams/<uuid:team_id>/documents", "/teams/{team}/documents"),
    ("notice", "/inspections/<uuid:inspection_id>/documents", "/inspections/{notified}/documents"),
    ("minutes", "/inspections/<uuid:inspection_id>/documents", "/inspections/{recorded}/documents"),
    ("conclusion", "/inspections/<uuid:inspection_id>/documents", "/inspections/{concluded}/documents"),
    ("report", "/years/<int(min=2000, max=2100):year>/documents", "/years/2021/documents"),
)
SPECS = {
    ("GET", f"{A}/audit"): Spec("/audit", needs=("plan",)),
    ("GET", f"{A}/coverage"): Spec("/coverage?year=2021", needs=("inspection",)),
    ("GET", f"{A}/criteria"): Spec("/criteria"),
    ("GET", f"{A}/criteria/<string:code>"): Spec("/criteria/TC09"),
    ("PATCH", f"{A}/criteria/<string:code>"): Spec("/criteria/TC09", {"weight": 20}),
    ("GET", f"{A}/inspections"): Spec("/inspections", needs=("inspection",)),
    ("POST", f"{A}/inspections"): Spec("/inspections", lambda w: {"plan_id": w["approved"],
                                                                  "agency_id": w["agency"], "form": ONSITE}),
    ("GET", ITEM): Spec("/inspections/{inspection}"),
    ("POST", f"{ITEM}/cancel"): Spec("/inspections/{inspection}/cancel", {"reason": "Cơ quan sáp nhập"}),
    ("GET", f"{ITEM}/checklist"): Spec("/inspections/{started}/checklist"),
    ("PUT", f"{ITEM}/checklist"): Spec("/inspections/{started}/checklist",
                                    {"results": [{"criterion_code": "TC01", "result": "DAT"}]}),
    ("POST", f"{ITEM}/close"): Spec("/inspections/{concluded}/close"),
    ("POST", f"{ITEM}/conclude"): Spec("/inspections/{recorded}/conclude", {
        "conclusion_doc": "45/TB-SKHCN", "conclusion_date": "2021-07-30", "overall_result": "DAT"}),
    ("POST", f"{ITEM}/findings"): Spec("/inspections/{started}/findings",
                                    {"type": "DIEM_MANH", "description": "Có sổ tay chất lượng"}),
    ("POST", f"{ITEM}/notify"): Spec("/inspections/{inspection}/notify",
                                  {"notice_doc": "30/TB-SKHCN", "scheduled_date": "2021-07-15"}),
    ("POST", f"{ITEM}/postpone"): Spec("/inspections/{inspection}/postpone", {"reason": "Trùng lịch họp"}),
    ("POST", f"{ITEM}/recommendations"): Spec("/inspections/{recorded}/recommendations",
                                           {"description": "Cập nhật quy trình", "deadline": "2021-12-31"}),
    ("POST", f"{ITEM}/record"): Spec("/inspections/{started}/record",
                                  {"record_doc": "BB-01/2021", "record_date": "2021-07-15"}),
    ("POST", f"{ITEM}/start"): Spec("/inspections/{notified}/start", {"conducted_date": "2021-07-15"}),
    ("GET", f"{A}/plans"): Spec("/plans", needs=("plan",)),
    ("POST", f"{A}/plans"): Spec("/plans", lambda w: {"year": 2022, "targets": [
        {"agency_id": w["agency"], "planned_form": ONSITE, "planned_month": 5}]}),
    ("GET", P): Spec("/plans/{plan}"),
    ("PATCH", P): Spec("/plans/{plan}", {"title": "Kế hoạch kiểm tra năm 2021"}),
    ("POST", f"{P}/adjust"): Spec("/plans/{approved}/adjust", {"note": "Bổ sung cơ quan"}),
    ("POST", f"{P}/approve"): Spec("/plans/{submitted}/approve", {"approving_doc": "726/KH-UBND"}),
    ("POST", f"{P}/carry-forward"): Spec("/plans/{closed}/carry-forward", {"year": 2022}),
    ("POST", f"{P}/close"): Spec("/plans/{approved}/close"),
    ("GET", f"{P}/coverage"): Spec("/plans/{plan}/coverage"),
    ("POST", f"{P}/submit"): Spec("/plans/{plan}/submit", {"proposing_doc": "120/TTr-SKHCN"}),
    ("GET", f"{P}/teams"): Spec("/plans/{approved}/teams", needs=("team",)),
    ("POST", f"{P}/teams"): Spec("/plans/{approved}/teams", {
        "decision_no": "16/QĐ-SKHCN", "decision_date": "2021-06-02", "issuer": "Sở KH&CN", "members": MEMBERS}),
    ("GET", f"{A}/recommendations"): Spec("/recommendations", needs=("recommendation",)),
    ("GET", R): Spec("/recommendations/{recommendation}"),
    ("POST", f"{R}/accept"): Spec("/recommendations/{remediated}/accept", {}),
    ("GET", f"{R}/attachments"): Spec("/recommendations/{recommendation}/attachments", needs=("attachment",)),
    ("GET", f"{R}/attachments/<uuid:attachment_id>"):
        Spec("/recommendations/{recommendation}/attachments/{attachment}"),
    ("POST", f"{R}/remediation"): Spec("/recommendations/{recommendation}/remediation",
                                       {"evidence": "Báo cáo khắc phục"}),
    ("POST", f"{R}/reopen"): Spec("/recommendations/{remediated}/reopen", {"reason": "Chưa đủ minh chứng"}),
    ("POST", f"{A}/recommendations/flag-overdue"): Spec("/recommendations/flag-overdue", {"today": "2022-01-10"},
                                                        needs=("recommendation",)),
    ("GET", f"{A}/settings"): Spec("/settings"),
    ("GET", f"{A}/settings/<string:key>"): Spec("/settings/onsite_min_percent"),
    ("PUT", f"{A}/settings/<string:key>"): Spec("/settings/onsite_min_percent", {"value": 50}),
    ("GET", f"{A}/teams/<uuid:team_id>"): Spec("/teams/{team}"),
    # A list: another province's caller gets its own (empty) entries; test_register.py asks with this one's ids.
    ("GET", f"{A}/register"): Spec("/register?record=2021", needs=("issued",)),
    **{key: spec for kind, base, path in DOCUMENTS for key, spec in (
        (("GET", f"{A}{base}/{kind}{FILE}"), Spec(f"{path}/{kind}.pdf")),
        (("POST", f"{A}{base}/{kind}/issue"), Spec(f"{path}/{kind}/issue", {"issued_on": "2021-07-20"})))},
}
UNCOVERED = {
    ("POST", f"{R}/attachments"): "a multipart upload, not JSON; every role, another province's user and another "
                                  "agency's officer (404) in tests/inspections/integration/test_attachments.py",
    ("DELETE", f"{R}/attachments/<uuid:attachment_id>"):
        "only the file's uploader (a token's subject, which the matrix makes new for each call) deletes; every "
        "role, another province's user and another agency's officer in "
        "tests/inspections/integration/test_attachments.py",
}

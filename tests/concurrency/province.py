"""A fresh province on the stack, its people's tokens, and the records the races start from, all made through the
gateway as the province's officials would make them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tests.concurrency.stack import Stack

REGISTRY = "/api/v1/registry"
TRAINING = "/api/v1/training"
BUDGET = "/api/v1/budget"
REPORTING = "/api/v1/reporting"


def expect(response, status: int) -> dict:
    """The JSON of a set-up call that must succeed (a failure here is the set-up's, not an invariant's)."""
    assert response.status_code == status, (response.status_code, response.get_json())
    return response.get_json()


@dataclass
class Province:
    stack: Stack
    issuer: object
    slug: str

    @classmethod
    def register(cls, stack: Stack, issuer, slug: str) -> Province:
        """The platform's operator registers the province; every service learns of it from the registry."""
        operator = issuer.headers(sub="operator", roles=["platform_admin"])
        expect(stack.client().post(f"{REGISTRY}/tenants", json={"id": slug, "name": f"Tỉnh {slug}"},
                                   headers=operator), 201)
        stack.settle()
        return cls(stack, issuer, slug)

    def as_(self, role: str, **claims) -> dict:
        """The headers of one of the province's people, by role."""
        return self.issuer.headers(sub=f"{role}@{self.slug}", tenant=self.slug, roles=[role], **claims)

    @property
    def officer(self) -> dict:
        return self.as_("province_officer")

    @property
    def leader(self) -> dict:
        return self.as_("province_leader")

    def get(self, path: str, headers: dict | None = None) -> dict:
        return expect(self.stack.client().get(path, headers=headers or self.officer), 200)

    def post(self, path: str, body: dict, status: int, headers: dict | None = None) -> dict:
        return expect(self.stack.client().post(path, json=body, headers=headers or self.officer), status)

    # registry

    def agency(self, name: str = "Sở Tư pháp", agency_type: str = "SO") -> dict:
        """A new agency in the registry, known to every service once its event has arrived."""
        agency = self.post(f"{REGISTRY}/agencies", {"name": name, "agency_type": agency_type}, 201)
        self.stack.settle()
        return agency

    # budget

    def approved_line(self, approved: int) -> dict:
        """A province line estimated and approved (giao dự toán) at `approved` VND."""
        line = self.post(f"{BUDGET}/lines", {
            "fiscal_year": 2025, "title": "Đào tạo ISO", "category": "DAO_TAO", "funding_source": "NS_TINH",
            "estimate": approved}, 201)
        return self.post(f"{BUDGET}/lines/{line['id']}/approve", {
            "approved": approved, "approving_doc": "312/QĐ-UBND", "approved_on": "2025-01-20"}, 200, self.leader)

    # training

    def open_class(self, capacity: int, day: int = 10) -> dict:
        """A class open for registration: one morning session (08:00-11:00 Hà Nội time) in June next year."""
        year = datetime.now(UTC).year + 1
        session = {"starts_at": datetime(year, 6, day, 1, tzinfo=UTC).isoformat(),
                   "ends_at": datetime(year, 6, day, 4, tzinfo=UTC).isoformat()}
        created = self.post(f"{TRAINING}/classes", {
            "title": "Lớp đại diện lãnh đạo và thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO",
            "venue": "Hội trường Sở KH&CN", "capacity": capacity, "provider": "Chi cục TĐC",
            "trainers": ["ThS. Nguyễn Văn Hùng"], "cost_estimate": 45_000_000, "sessions": [session]}, 201)
        return self.post(f"{TRAINING}/classes/{created['id']}/status", {"status": "MO_DANG_KY"}, 200)

    def registrations(self, class_id: str) -> list[dict]:
        return self.get(f"{TRAINING}/registrations?class_id={class_id}&page_size=100")["items"]

    # reporting

    def report_awaiting_approval(self, year: int) -> dict:
        """A province's annual report of `year`, drafted and sent to the leader for approval."""
        report = self.post(f"{REPORTING}/reports", {
            "report_type": "BC_TINH_NAM", "period_start": f"{year}-01-01", "cutoff": f"{year}-12-14"}, 201)
        return self.post(f"{REPORTING}/reports/{report['id']}/send-for-approval", {}, 200)

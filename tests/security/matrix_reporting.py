"""Fixture objects and calls for every reporting route in the authorization matrix.

Each world is a fresh province whose read models are fed through the real consumer loop (one periodic report
per type and period per province, so worlds cannot share a province).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from contracts import registry as events
from tests.reporting.conftest import feed
from tests.security.matrix import Spec, World

NOW = datetime(2021, 5, 1, tzinfo=UTC)
ANNUAL = {"report_type": "BC_TINH_NAM", "period_start": "2021-01-01", "cutoff": "2021-12-14"}


class ReportingWorld(World):
    service = "reporting"

    def __init__(self, sut, issuer, tenant: str):
        super().__init__(sut, issuer, f"{tenant}-{uuid.uuid4().hex[:6]}")
        self.prepare(sut, self.tenant)

    @classmethod
    def prepare(cls, sut, tenant: str) -> None:
        agency, system = uuid.uuid4(), uuid.uuid4()
        feed(sut.runtime, tenant, [
            events.TenantCreated(tenant_id=tenant, name="Tỉnh Bình Thuận", created_at=NOW),
            events.AgencyRegistered(agency_id=agency, version=1, name="Sở Y tế", agency_type="SO",
                                    obligation="BAT_BUOC", registered_at=NOW),
            events.QualitySystemStatusChanged(quality_system_id=system, agency_id=agency, version=1,
                                              status="DA_CONG_BO", standard_version="TCVN_ISO_9001_2015",
                                              changed_on=date(2021, 3, 1), changed_at=NOW)])

    def make_tenant(self) -> str:
        return self.tenant

    def make_report(self) -> str:
        return self.call("POST", "/reports", ANNUAL, role="province_officer")["id"]

    def make_pending(self) -> str:
        self.call("POST", f"/reports/{self['report']}/send-for-approval", {}, role="province_officer")
        return self["report"]

    def make_approved(self) -> str:
        self.call("POST", f"/reports/{self['pending']}/approve", {}, role="province_leader")
        return self["report"]

    def make_submitted(self) -> str:
        self.call("POST", f"/reports/{self['approved']}/submit", {}, role="province_officer")
        return self["report"]


A = "/api/v1/reporting"
N = f"{A}/national/reports/<province>/<uuid:report_id>"
R = f"{A}/reports/<uuid:report_id>"
SPECS = {
    ("GET", f"{A}/audit"): Spec("/audit", needs=("report",)),
    ("GET", f"{A}/figures"): Spec("/figures?as_of=2021-12-31"),
    ("GET", f"{A}/freshness"): Spec("/freshness"),
    ("GET", f"{A}/national"): Spec("/national?as_of=2021-12-31"),
    ("GET", f"{A}/national/<province>"): Spec("/national/{tenant}?as_of=2021-12-31"),
    ("GET", f"{A}/national/reports"): Spec("/national/reports", needs=("submitted",)),
    ("GET", N): Spec("/national/reports/{tenant}/{submitted}"),
    ("GET", f"{N}.<any(xlsx, docx, pdf):kind>"): Spec("/national/reports/{tenant}/{submitted}.xlsx"),
    ("POST", f"{N}/<any(accept, return):action>"): Spec("/national/reports/{tenant}/{submitted}/accept", {}),
    ("GET", f"{A}/national/reports/completeness"): Spec("/national/reports/completeness?report_type=BC_TINH_NAM"
                                                         "&year=2021", needs=("submitted",)),
    ("GET", f"{A}/national/series"): Spec("/national/series?figure=applying&first_year=2020&last_year=2021"),
    ("GET", f"{A}/series"): Spec("/series?from_year=2020&to_year=2021"),
    ("GET", f"{A}/reports"): Spec("/reports", needs=("report",)),
    ("POST", f"{A}/reports"): Spec("/reports", ANNUAL),
    ("GET", R): Spec("/reports/{report}"),
    ("PATCH", R): Spec("/reports/{report}", {"proposals": "Đề nghị Bộ hướng dẫn chuyển đổi"}),
    ("GET", f"{R}.<any(xlsx, docx, pdf):kind>"): Spec("/reports/{report}.xlsx"),
    ("POST", f"{R}/<any('send-for-approval', submit):action>"): Spec("/reports/{report}/send-for-approval", {}),
    ("POST", f"{R}/approve"): Spec("/reports/{pending}/approve", {}),
    ("POST", f"{R}/reject"): Spec("/reports/{pending}/reject", {"reason": "Bổ sung số liệu kiểm tra"}),
}
UNCOVERED: dict = {}

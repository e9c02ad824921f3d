"""Fixture objects and calls for every budget route in the authorization matrix.

Agencies reach the service's replica as the registry's events put them there (`agencies.record_agency`).
"""

from __future__ import annotations

import uuid

from budget.services import agencies
from tests.security.matrix import Spec, World

APPROVAL = {"approved": 10_000_000, "approving_doc": "312/QĐ-UBND", "approved_on": "2025-01-20"}
SPENDING = {"amount": 1_000_000, "spent_on": "2025-04-02", "description": "Tài liệu"}


def line(world) -> dict:
    return {"fiscal_year": 2025, "title": "Xây dựng HTQLCL", "category": "TU_VAN_XAY_DUNG_LAN_DAU",
            "funding_source": "NS_TINH", "estimate": 10_000_000, "agency_id": world["agency"]}


def norm(_world) -> dict:
    return {"code": f"TEST-{uuid.uuid4().hex[:8].upper()}", "legal_basis_code": "TT116-2015-D4K6",
            "item": "CHUYEN_DOI_PHIEN_BAN", "unit": "PER_AGENCY", "value": 20_000_000,
            "effective_from": "2030-01-01", "verification": "UNVERIFIED"}


class BudgetWorld(World):
    service = "budget"
    province_wide = frozenset({"norm"})

    def make_agency(self) -> str:
        agency_id = uuid.uuid4()
        agencies.record_agency(self.sut.runtime.uow(self.tenant), agency_id=agency_id, version=1,
                               name="Cục Thuế tỉnh", agency_type="NGANH_DOC")
        return str(agency_id)

    def make_norm(self) -> str:
        return self.call("POST", "/cost-norms", norm(self), role="platform_admin")["code"]

    def make_line(self) -> str:
        return self.call("POST", "/lines", line(self))["id"]

    def make_approved(self) -> str:
        self.call("POST", f"/lines/{self['line']}/approve", APPROVAL)
        return self["line"]

    def make_spent(self) -> str:
        self.call("POST", f"/lines/{self['approved']}/disbursements", SPENDING)
        return self["line"]


A = "/api/v1/budget"
L = f"{A}/lines/<uuid:line_id>"
SPECS = {
    ("GET", f"{A}/audit"): Spec("/audit", needs=("line",)),
    ("GET", f"{A}/cost-norms"): Spec("/cost-norms"),
    ("POST", f"{A}/cost-norms"): Spec("/cost-norms", norm),
    ("POST", f"{A}/cost-norms/<code>/versions"): Spec("/cost-norms/{norm}/versions",
                                                      {"value": 21_000_000, "effective_from": "2031-01-01"}),
    ("GET", f"{A}/cost-norms/cap"): Spec("/cost-norms/cap?category=TU_XAY_DUNG_KHOAN&agency_level=BO_NGANH"
                                         "&fiscal_year=2025&extension=true"),
    ("GET", f"{A}/lines"): Spec("/lines", needs=("line",)),
    ("POST", f"{A}/lines"): Spec("/lines", line),
    ("GET", L): Spec("/lines/{line}"),
    ("PATCH", L): Spec("/lines/{line}", {"estimate": 9_000_000}),
    ("POST", f"{L}/approve"): Spec("/lines/{line}/approve", APPROVAL),
    ("POST", f"{L}/disbursements"): Spec("/lines/{approved}/disbursements", SPENDING),
    ("GET", f"{L}/records"): Spec("/lines/{spent}/records"),
    ("POST", f"{L}/settlements"): Spec("/lines/{spent}/settlements", {
        "amount": 1_000_000, "settlement_doc": "58/QĐ-SKHCN", "settled_on": "2025-12-15"}),
    ("GET", f"{A}/overrides"): Spec("/overrides?fiscal_year=2025", needs=("line",)),
    ("GET", f"{A}/reference"): Spec("/reference"),
    ("GET", f"{A}/reports/plan-vs-actual"): Spec("/reports/plan-vs-actual?fiscal_year=2025", needs=("spent",)),
    ("GET", f"{A}/reports/plan-vs-actual.xlsx"): Spec("/reports/plan-vs-actual.xlsx?fiscal_year=2025",
                                                     needs=("spent",)),
}
UNCOVERED: dict = {}

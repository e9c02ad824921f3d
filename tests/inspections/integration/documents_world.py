"""One province's year, as the demo makes it, for the document tests: its UBND registered, two agencies in an
approved plan, a team, and one inspection carried out to its conclusion with checklist, findings and a
recommendation."""

from __future__ import annotations

from dataclasses import dataclass

from tests.inspections.conftest import API, ONSITE, REVIEW

ISSUED_ON = "2021-07-20"
DATE_LINE = "Bình Thuận, ngày 20 tháng 07 năm 2021"
FINDING = "Chưa đánh giá nội bộ theo kế hoạch năm 2021"
RECOMMENDATION = "Tổ chức đánh giá nội bộ năm 2021"


@dataclass
class Year:
    province: object
    plan: dict
    team: dict
    inspection: dict
    agency: str
    other_agency: str

    def path(self, kind: str) -> str:
        """The document's route, without its extension."""
        base = {"plan": f"/plans/{self.plan['id']}", "decision": f"/teams/{self.team['id']}",
                "report": "/years/2021"}.get(kind, f"/inspections/{self.inspection['id']}")
        return f"{API}{base}/documents/{kind}"

    def issue(self, kind: str, headers: dict | None = None, expect: int = 201, **body) -> dict:
        body.setdefault("issued_on", ISSUED_ON)
        response = self.province.client.post(f"{self.path(kind)}/issue", json=body,
                                             headers=headers or self.province.leader)
        assert response.status_code == expect, response.get_json()
        return response.get_json()

    def download(self, kind: str, fmt: str, headers: dict | None = None, expect: int = 200):
        response = self.province.client.get(f"{self.path(kind)}.{fmt}", headers=headers or self.province.officer)
        assert response.status_code == expect, response.get_json()
        return response


def carried_out_year(province) -> Year:
    province.agency("UBND_TINH", "UBND tỉnh Bình Thuận")
    finance, home = province.agency(name="Sở Tài chính"), province.agency(name="Sở Nội vụ")
    plan = province.approved_plan([(finance, ONSITE), (home, REVIEW)], period_start="2021-03-01",
                                  period_end="2021-11-30", onsite_min_percent=30)
    team = province.team(plan)
    inspection = province.inspection(plan, finance, team_id=team["id"], scheduled_date="2021-07-15")
    province.started(inspection)
    path = f"/inspections/{inspection['id']}"
    province.call("PUT", f"{path}/checklist", results=[
        {"criterion_code": "TC01", "result": "DAT"},
        {"criterion_code": "TC06", "result": "KHONG_DAT", "note": "Chưa có biên bản đánh giá"},
        {"criterion_code": "TC09", "result": "KHONG_AP_DUNG"}])
    finding = province.call("POST", f"{path}/findings", expect=201, type="KHONG_PHU_HOP", description=FINDING,
                            iso_clause="9.2")
    province.call("POST", f"{path}/record", record_doc="BB-01/2021", record_date="2021-07-15")
    province.call("POST", f"{path}/recommendations", expect=201, description=RECOMMENDATION,
                  deadline="2021-10-31", finding_id=finding["id"])
    inspection = province.call("POST", f"{path}/conclude", conclusion_doc="45/TB-SKHCN",
                               conclusion_date="2021-07-30", overall_result="DAT_CO_KHUYEN_NGHI")
    return Year(province, plan, team, inspection, str(finance), str(home))

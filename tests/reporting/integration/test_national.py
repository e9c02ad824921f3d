"""National oversight (api/national.py): every province's figures side by side and summed, their series, and
the review of submitted reports."""

import uuid
from datetime import date

from contracts import inspections as ie
from reporting.services import national as national_service
from reporting.services.figures import province_figures
from tests.reporting.conftest import REPORTS, annual, feed, registered, submitted
from tests.reporting.integration.test_follow_up import NOW, at


class TestFigures:
    def test_national_oversight_sees_every_province_side_by_side_and_summed(self, client, runtime,
                                                                           issuer, tenant):
        other = f"{tenant}-y"
        feed(runtime, tenant, [registered(uuid.uuid4())])
        feed(runtime, other, [registered(uuid.uuid4(), "UBND_XA", "KHUYEN_KHICH")])
        national = issuer.headers(roles=["national_viewer"])

        body = client.get("/api/v1/reporting/national?as_of=2025-01-01", headers=national).get_json()
        drill = client.get(f"/api/v1/reporting/national/{other}?as_of=2025-01-01", headers=national)

        assert body["provinces"][tenant]["total"] == 1 and body["provinces"][other]["obliged"] == 0
        assert body["total"]["total"] == sum(p["total"] for p in body["provinces"].values())
        assert drill.get_json()["by_agency_type"] == {"UBND_XA": {
            "total": 1, "obliged": 0, "obliged_applying": 0, "applying": 0, "announced": 0, "on_2015": 0}}
        assert client.get("/api/v1/reporting/national/nowhere", headers=national).status_code == 404
        assert client.get("/api/v1/reporting/figures", headers=national).status_code == 403

    def test_a_province_without_figures_is_404_saying_which(self, client, issuer):
        response = client.get("/api/v1/reporting/national/nowhere", headers=issuer.headers(roles=["national_viewer"]))

        assert response.get_json()["detail"] == ("Không có số liệu của tỉnh 'nowhere' / no figures for province "
                                                 "'nowhere'")
        assert response.get_json()["type"] == "urn:iso-hcc:problem:NotFound"

    def test_a_series_gives_one_figure_per_year_per_province_and_summed(self, client, people, province):
        body = client.get("/api/v1/reporting/national/series?figure=applying&first_year=2020&last_year=2021",
                          headers=people["national"]).get_json()

        assert body["series"]["2020"]["provinces"][province] == 0
        assert body["series"]["2021"]["provinces"][province] == 1
        assert body["series"]["2021"]["total"] == sum(body["series"]["2021"]["provinces"].values())
        bad = client.get("/api/v1/reporting/national/series?figure=password&first_year=2020&last_year=2021",
                         headers=people["national"])
        assert bad.status_code == 422


def inspected(agency_id, plan, day, result="DAT_CO_KHUYEN_NGHI"):
    """An inspection of the agency at its premises under `plan`, concluded on `day`, and its recommendation
    (closed a month later, reopened after another)."""
    inspection, recommendation = uuid.uuid4(), uuid.uuid4()
    return [ie.InspectionScheduled(inspection_id=inspection, plan_id=plan, agency_id=agency_id,
                                   form="TRUC_TIEP_TAI_TRU_SO", kind="DINH_KY", scheduled_date=day, scheduled_at=NOW),
            ie.InspectionConcluded(inspection_id=inspection, plan_id=plan, agency_id=agency_id,
                                   form="TRUC_TIEP_TAI_TRU_SO", overall_result=result, conclusion_doc="1/TB",
                                   concluded_on=day, concluded_at=NOW),
            ie.RecommendationIssued(recommendation_id=recommendation, inspection_id=inspection, agency_id=agency_id,
                                    description="Đánh giá nội bộ", deadline=date(day.year, 12, 1),
                                    issued_at=at(day)),
            ie.RecommendationClosed(recommendation_id=recommendation, agency_id=agency_id,
                                    closed_at=at(date(day.year, day.month + 1, 1))),
            ie.RecommendationReopened(recommendation_id=recommendation, agency_id=agency_id, reason="Thiếu",
                                      reopened_at=at(date(day.year, day.month + 2, 1)))]


def test_the_national_view_gives_each_province_the_figures_its_own_view_gives(runtime, tenant):
    """The grouped national queries split by province answer what each province's own session answers."""
    other = f"{tenant}-y"
    for province, months in ((tenant, (3, 5)), (other, (4,))):
        plan, agencies = uuid.uuid4(), [uuid.uuid4() for _ in months]
        events = [registered(a) for a in agencies]
        events.append(ie.PlanApproved(plan_id=plan, year=2021, approving_doc="726/KH-UBND",
                                      target_agency_ids=agencies, approved_at=NOW))
        for agency_id, month in zip(agencies, months, strict=True):
            events += inspected(agency_id, plan, date(2021, month, 10))
        feed(runtime, province, events)

    def uow_for(tenant_, lineage=False):
        return runtime.uow(tenant_, lineage=lineage) if tenant_ is not None else runtime.across_tenants()

    for as_of in (date(2021, 3, 9), date(2021, 4, 20), date(2021, 6, 15), date(2021, 12, 31)):
        body = national_service.national_figures(uow_for, as_of, date(2021, 1, 1))
        for province in (tenant, other):
            assert body["provinces"][province] == province_figures(runtime.uow(province), as_of, date(2021, 1, 1))
    assert body["provinces"][tenant]["recommendations"] == {"open": 2, "overdue": 2}
    assert body["provinces"][tenant]["inspections"]["plan_year"]["scheduled"] == 2


class TestReports:
    def test_national_oversight_sees_no_draft_and_writes_no_report(self, client, people, province):
        report = annual(client, people)
        national = people["national"]

        assert client.get(f"/api/v1/reporting/national/reports/{province}/{report['id']}",
                          headers=national).status_code == 404
        assert client.post(REPORTS, json={"report_type": "BC_TINH_NAM", "period_start": "2021-01-01",
                                          "cutoff": "2021-12-14"}, headers=national).status_code == 403

    def test_a_return_needs_a_comment(self, client, people, province):
        report = annual(client, people)
        submitted(client, people, report)

        response = client.post(f"/api/v1/reporting/national/reports/{province}/{report['id']}/return", json={},
                               headers=people["national"])

        assert response.status_code == 422
        assert response.get_json()["detail"] == "Yêu cầu bổ sung phải có nội dung / a return needs a comment"

    def test_a_draft_cannot_be_reviewed(self, client, people, province):
        report = annual(client, people)

        response = client.post(f"/api/v1/reporting/national/reports/{province}/{report['id']}/accept", json={},
                               headers=people["national"])

        assert response.status_code == 404

    def test_a_submitted_report_downloads_with_the_province_name(self, client, people, province):
        report = annual(client, people)
        submitted(client, people, report)

        sheet = client.get(f"/api/v1/reporting/national/reports/{province}/{report['id']}.xlsx",
                           headers=people["national"])

        assert sheet.status_code == 200
        assert "B%C3%A1o%20c%C3%A1o%20ISO%20T%E1%BB%89nh%20B%C3%ACnh%20Thu%E1%BA%ADn%2014-12-2021.xlsx" in \
            sheet.headers["Content-Disposition"]

    def test_completeness_lists_every_province_and_whether_it_submitted_on_time(self, client, people, province):
        report = annual(client, people)
        submitted(client, people, report)

        rows = client.get("/api/v1/reporting/national/reports/completeness?report_type=BC_TINH_NAM&year=2021",
                          headers=people["national"]).get_json()

        [mine] = [r for r in rows if r["province"] == province]
        assert mine["submitted"] and mine["status"] == "DA_GUI" and mine["on_time"] is False
        assert all(r["province"] for r in rows)

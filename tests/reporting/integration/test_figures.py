"""A province's figures (api/figures.py, services/figures.py) come from events only, follow validity dates and
ignore duplicates and stale versions."""

import uuid
from datetime import UTC, date, datetime

from contracts import inspections as ie
from contracts import registry as re
from reporting import repository
from reporting.services.figures import province_figures
from tests.reporting.conftest import feed, message, registered

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def status(agency_id, system_id, version, value, on, standard="TCVN_ISO_9001_2015"):
    return re.QualitySystemStatusChanged(quality_system_id=system_id, agency_id=agency_id, version=version,
                                         status=value, standard_version=standard, changed_on=on, changed_at=NOW)


def figures_of(runtime, tenant, as_of, start=date(2021, 1, 1)):
    return province_figures(runtime.uow(tenant), as_of, start)


class TestProvinceFigures:
    def test_a_province_history_gives_its_figures_as_of_a_date(self, runtime, tenant):
        so, xa, district = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        qs_so, qs_xa = uuid.uuid4(), uuid.uuid4()
        feed(runtime, tenant, [
            registered(so), registered(xa, "UBND_XA", "KHUYEN_KHICH"), registered(district, "UBND_HUYEN"),
            status(so, qs_so, 1, "DANG_AP_DUNG", date(2018, 5, 1), "TCVN_ISO_9001_2008"),
            status(so, qs_so, 2, "DA_CONG_BO", date(2018, 9, 1), "TCVN_ISO_9001_2008"),
            status(so, qs_so, 3, "DANG_CHUYEN_DOI", date(2021, 2, 1), "TCVN_ISO_9001_2008"),
            status(so, qs_so, 4, "DA_CONG_BO", date(2021, 6, 1)),
            re.QualitySystemAnnounced(quality_system_id=qs_so, agency_id=so, version=4, announcement_id=uuid.uuid4(),
                                      kind="CONG_BO_LAI", reason="CHUYEN_DOI_PHIEN_BAN", decision_no="1/QĐ",
                                      decision_date=date(2021, 6, 1), standard_version="TCVN_ISO_9001_2015",
                                      announced_at=NOW),
            status(xa, qs_xa, 1, "DANG_AP_DUNG", date(2020, 1, 1)),
            re.AgencyDissolved(agency_id=district, version=2, dissolved_on=date(2025, 6, 30), dissolved_at=NOW),
        ])

        before = figures_of(runtime, tenant, date(2021, 3, 1))
        after = figures_of(runtime, tenant, date(2025, 7, 1), date(2025, 1, 1))
        mid = figures_of(runtime, tenant, date(2021, 12, 31))

        assert (before["total"], before["applying"], before["on_2015"]) == (3, 2, 1)
        assert before["transition"]["label"] == "0/1"
        assert (mid["transition"]["label"], mid["re_announced_in_period"]) == ("1/1", 1)
        assert (after["total"], after["obliged"]) == (2, 1)
        assert after["communes"]["label"] == "1 of 1, 100%"

    def test_duplicates_and_stale_versions_change_nothing(self, runtime, tenant):
        agency = uuid.uuid4()
        renamed = re.AgencyUpdated(agency_id=agency, version=2, name="Sở mới", agency_type="SO", updated_at=NOW,
                                   obligation="BAT_BUOC")
        first = message(tenant, registered(agency))

        outcomes = feed(runtime, tenant, [first, renamed, first, registered(agency, name="cũ")])

        assert outcomes == ["handled", "handled", "duplicate", "handled"]
        with runtime.uow(tenant) as uow:
            [row] = repository.agencies_valid_on(uow.session, date(2025, 1, 1))
        assert (row.name, row.version) == ("Sở mới", 2)

    def test_inspections_count_done_and_on_site_share_in_the_period(self, runtime, tenant):
        events = []
        for n, form in enumerate(["TRUC_TIEP_TAI_TRU_SO"] * 3 + ["QUA_BAO_CAO_HO_SO"]):
            inspection, agency = uuid.uuid4(), uuid.uuid4()
            events += [ie.InspectionScheduled(inspection_id=inspection, agency_id=agency, form=form, kind="DINH_KY",
                                              scheduled_date=date(2021, 6, 1), scheduled_at=NOW),
                       ie.InspectionConcluded(inspection_id=inspection, agency_id=agency, form=form,
                                              overall_result="DAT", conclusion_doc=f"{n}/TB",
                                              concluded_on=date(2021, 7, n + 1), concluded_at=NOW)]
        feed(runtime, tenant, events)

        result = figures_of(runtime, tenant, date(2021, 12, 31))["inspections"]

        assert (result["done"], result["on_site"]) == (4, 3)
        assert result["results"] == {"DAT": 4}

    def test_an_inspection_moved_to_next_year_is_planned_in_next_years_period(self, runtime, tenant):
        inspection, agency = uuid.uuid4(), uuid.uuid4()
        feed(runtime, tenant, [
            ie.InspectionScheduled(inspection_id=inspection, agency_id=agency, form="TRUC_TIEP_TAI_TRU_SO",
                                   kind="DINH_KY", scheduled_date=date(2026, 12, 10), scheduled_at=NOW),
            ie.InspectionRescheduled(inspection_id=inspection, agency_id=agency, scheduled_date=date(2027, 1, 15),
                                     reason="Cơ quan sáp nhập", rescheduled_at=NOW)])

        this_year = figures_of(runtime, tenant, date(2026, 12, 31), date(2026, 1, 1))["inspections"]
        next_year = figures_of(runtime, tenant, date(2027, 12, 31), date(2027, 1, 1))["inspections"]

        assert (this_year["planned"], next_year["planned"]) == (0, 1)


class TestAccess:
    def test_a_province_reads_only_its_own_figures(self, client, runtime, issuer, tenant):
        feed(runtime, tenant, [registered(uuid.uuid4())])
        other = f"{tenant}-x"
        feed(runtime, other, [registered(uuid.uuid4()), registered(uuid.uuid4())])

        mine = client.get("/api/v1/reporting/figures?as_of=2025-01-01", headers=issuer.headers(tenant=tenant))

        assert mine.get_json()["total"] == 1
        assert client.get("/api/v1/reporting/national", headers=issuer.headers(tenant=tenant)).status_code == 403

    def test_dates_in_the_answer_are_iso_8601(self, client, issuer, tenant):
        body = client.get("/api/v1/reporting/figures?as_of=2021-12-31&from=2021-01-01",
                          headers=issuer.headers(tenant=tenant)).get_json()

        assert (body["as_of"], body["period_start"]) == ("2021-12-31", "2021-01-01")


class TestTrainingAndBudget:
    def test_classes_participants_and_money_by_category_come_from_events(self, runtime, tenant):
        from contracts import budget as be
        from contracts import training as te

        finished, cancelled, line = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        feed(runtime, tenant, [
            te.ClassScheduled(class_id=finished, year=2021, title="Nhận thức chung", course_type="NHAN_THUC_CHUNG",
                              capacity=40, first_day=date(2021, 6, 1), last_day=date(2021, 6, 2), session_count=2,
                              cost_estimate=30_000_000, scheduled_at=NOW),
            te.ClassFinished(class_id=finished, course_type="NHAN_THUC_CHUNG", participants=38, completed=35,
                             finished_at=NOW),
            te.ClassScheduled(class_id=cancelled, year=2021, title="Chuyển đổi", course_type="CHUYEN_DOI_ISO_2015",
                              capacity=30, first_day=date(2021, 9, 1), last_day=date(2021, 9, 1), session_count=1,
                              cost_estimate=10_000_000, scheduled_at=NOW),
            te.ClassCancelled(class_id=cancelled, reason="Dịch bệnh", cancelled_at=NOW),
            be.LineEstimated(line_id=line, fiscal_year=2021, category="DAO_TAO", funding_source="NS_TINH",
                             estimate=50_000_000, cap_check="KHONG_XAC_DINH", estimated_at=NOW),
            be.LineApproved(line_id=line, fiscal_year=2021, category="DAO_TAO", approved=45_000_000,
                            approving_doc="12/QĐ-UBND", approved_at=NOW),
            be.LineDisbursed(line_id=line, expenditure_id=uuid.uuid4(), fiscal_year=2021, category="DAO_TAO",
                             amount=30_000_000, disbursed_total=30_000_000, origin="TRAINING_CLASS",
                             spent_on=date(2021, 6, 3), disbursed_at=NOW),
        ])

        got = figures_of(runtime, tenant, date(2021, 12, 31))

        assert got["training"] == {"classes": 1, "finished": 1, "participants": 38, "completed": 35,
                                   "trained_secretaries": {"done": 0, "of": 0, "percent": None, "label": "0/0"}}
        assert got["budget"]["by_category"] == {"DAO_TAO": {"estimate": 50_000_000, "approved": 45_000_000,
                                                            "disbursed": 30_000_000, "settled": 0}}
        assert isinstance(got["budget"]["disbursed"], int)

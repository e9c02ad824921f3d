"""The follow-up figures on small, hand-checked histories: recommendations open and overdue across a reopening,
upkeep done this year, trained ISO secretaries, the plan's year and on-site coverage of obliged agencies."""

import uuid
from datetime import UTC, date, datetime, timedelta

from contracts import inspections as ie
from contracts import registry as re
from contracts import training as te
from reporting.services.figures import province_figures
from tests.reporting.conftest import feed

NOW = datetime(2021, 1, 1, tzinfo=UTC)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 3, tzinfo=UTC)  # 10:00 in Việt Nam


def figures(runtime, tenant, as_of, start=date(2021, 1, 1)):
    return province_figures(runtime.uow(tenant), as_of, start)


def agency(agency_id, obligation="BAT_BUOC"):
    return re.AgencyRegistered(agency_id=agency_id, version=1, name="Sở", agency_type="SO", obligation=obligation,
                               registered_at=NOW)


def test_a_recommendation_is_open_until_closed_again_after_a_reopening(runtime, tenant):
    so, rec = uuid.uuid4(), uuid.uuid4()
    feed(runtime, tenant, [
        agency(so),
        ie.RecommendationIssued(recommendation_id=rec, inspection_id=uuid.uuid4(), agency_id=so,
                                description="Đánh giá nội bộ", deadline=date(2021, 8, 31),
                                issued_at=at(date(2021, 7, 30))),
        ie.RecommendationClosed(recommendation_id=rec, agency_id=so, closed_at=at(date(2021, 8, 20))),
        ie.RecommendationReopened(recommendation_id=rec, agency_id=so, reason="Thiếu biên bản",
                                  reopened_at=at(date(2021, 9, 10))),
        ie.RecommendationClosed(recommendation_id=rec, agency_id=so, closed_at=at(date(2021, 11, 2)))])

    def state(day):
        got = figures(runtime, tenant, day)["recommendations"]
        return got["open"], got["overdue"]

    assert state(date(2021, 7, 29)) == (0, 0)
    assert state(date(2021, 7, 30)) == (1, 0)
    assert state(date(2021, 8, 20)) == (0, 0)
    assert state(date(2021, 9, 9)) == (0, 0)
    assert state(date(2021, 9, 10)) == (1, 1)
    assert state(date(2021, 11, 1)) == (1, 1)
    assert state(date(2021, 11, 2)) == (0, 0)


def test_upkeep_done_is_what_the_registry_says_with_its_newest_record_of_the_year(runtime, tenant):
    done, late, one, idle = (uuid.uuid4() for _ in range(4))
    events = [agency(done), agency(late), agency(one), agency(idle)]
    for agency_id in (done, late, one, idle):
        events.append(re.QualitySystemStatusChanged(
            quality_system_id=agency_id, agency_id=agency_id, version=1, status="DA_CONG_BO",
            standard_version="TCVN_ISO_9001_2015", changed_on=date(2019, 1, 1), changed_at=NOW))
    # (agency, activity, its date, the completion day the registry carried with it), in the order recorded
    for n, (agency_id, kind, day, completed) in enumerate((
            (done, "DANH_GIA_NOI_BO", date(2021, 5, 1), None),
            (done, "XEM_XET_LANH_DAO", date(2021, 6, 1), date(2021, 6, 1)),
            (late, "XEM_XET_LANH_DAO", date(2021, 9, 1), None),
            (late, "DANH_GIA_NOI_BO", date(2021, 3, 1), date(2021, 9, 1)),  # recorded after, dated before
            (one, "DANH_GIA_NOI_BO", date(2021, 5, 1), None),
            (one, "XEM_XET_LANH_DAO", date(2020, 12, 1), None))):
        events.append(re.MaintenanceRecorded(record_id=uuid.uuid4(), quality_system_id=agency_id,
                                             agency_id=agency_id, year=day.year, activity_type=kind,
                                             activity_date=day, recorded_at=NOW + timedelta(minutes=n),
                                             upkeep_completed_on=completed))
    feed(runtime, tenant, events)

    assert figures(runtime, tenant, date(2021, 12, 31))["upkeep"]["label"] == "2/4"
    assert figures(runtime, tenant, date(2021, 8, 31))["upkeep"]["label"] == "1/4"
    assert figures(runtime, tenant, date(2021, 5, 31))["upkeep"]["label"] == "0/4"


def test_a_secretary_counts_as_trained_with_a_qualifying_certificate_while_in_office(runtime, tenant):
    trained, untrained, gone = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    events = [agency(trained), agency(untrained), agency(gone)]
    for agency_id, qualifies, removed in ((trained, ["THU_KY_ISO"], None), (untrained, [], None),
                                          (gone, ["THU_KY_ISO"], date(2021, 10, 1))):
        officer = uuid.uuid4()
        events.append(re.OfficerAppointed(officer_id=officer, agency_id=agency_id, role="THU_KY_ISO",
                                          full_name="Nguyễn Thị Hoa", appointed_on=date(2021, 2, 1),
                                          appointed_at=NOW))
        events.append(te.CertificateIssued(
            certificate_id=uuid.uuid4(), number="0001/2021/GCN-ISO", year=2021, registration_id=uuid.uuid4(),
            class_id=uuid.uuid4(), agency_id=agency_id, full_name="Nguyễn Thị Hoa", course_type="X",
            officer_id=officer, issued_at=at(date(2021, 6, 5)), qualifies_roles=qualifies))
        if removed:
            events.append(re.OfficerRemoved(officer_id=officer, agency_id=agency_id, role="THU_KY_ISO",
                                            removed_on=removed, removed_at=NOW))
    feed(runtime, tenant, events)

    assert figures(runtime, tenant, date(2021, 6, 4))["training"]["trained_secretaries"]["label"] == "0/3"
    assert figures(runtime, tenant, date(2021, 6, 5))["training"]["trained_secretaries"]["label"] == "2/3"
    assert figures(runtime, tenant, date(2021, 12, 31))["training"]["trained_secretaries"]["label"] == \
        "1/2"


def test_the_plan_year_and_on_site_coverage_of_obliged_agencies(runtime, tenant):
    plan, visited, reviewed, volunteer = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    events = [agency(visited), agency(reviewed), agency(volunteer, "KHUYEN_KHICH"),
              ie.PlanApproved(plan_id=plan, year=2021, approving_doc="726/KH-UBND",
                              target_agency_ids=[visited, reviewed, volunteer], approved_at=NOW)]
    for agency_id, form in ((visited, "TRUC_TIEP_TAI_TRU_SO"), (reviewed, "QUA_BAO_CAO_HO_SO"),
                            (volunteer, "TRUC_TIEP_TAI_TRU_SO")):
        inspection = uuid.uuid4()
        events += [ie.InspectionScheduled(inspection_id=inspection, plan_id=plan, agency_id=agency_id, form=form,
                                          kind="DINH_KY", scheduled_date=date(2021, 7, 1), scheduled_at=NOW),
                   ie.InspectionConcluded(inspection_id=inspection, plan_id=plan, agency_id=agency_id, form=form,
                                          overall_result="DAT", conclusion_doc="1/TB", concluded_on=date(2021, 7, 20),
                                          concluded_at=NOW)]
    feed(runtime, tenant, events)

    got = figures(runtime, tenant, date(2021, 12, 31))["inspections"]

    assert got["plan_year"] == {"year": 2021, "plans": 1, "targets": 3, "scheduled": 3, "scheduled_on_site": 2}
    assert got["on_site_of_obliged"]["label"] == "1/2"
    assert figures(runtime, tenant, date(2022, 6, 30), date(2022, 1, 1))["inspections"]["plan_year"][
        "plans"] == 0

"""The dashboards' figures (ADR 35): a province's headline figures with their targets (the on-site one its
inspection plan's) and records, its trend over the years, and the national ranking; on real PostgreSQL through the
API, the plans through the projection of their events."""

import uuid
from datetime import date, timedelta

from sqlalchemy import select

from contracts import inspections as ie
from kit import calendar
from reporting.orm import PlanView
from reporting.services import national as national_service
from reporting.services.figures import province_figures
from tests.reporting.conftest import feed, registered
from tests.reporting.integration.test_borders import succession
from tests.reporting.integration.test_figures import status
from tests.reporting.integration.test_follow_up import NOW
from tests.reporting.integration.test_national import inspected

A = "/api/v1/reporting"


def a_province(runtime, tenant, obliged=2, on_site=1, year=2021, applying=0, pending=0, onsite_min_percent=None):
    """`obliged` obliged agencies valid from `year` under a plan of that year (with its on-site target), the first
    `applying` of them with an announced quality system, the first `on_site` inspected at their premises (each
    with a recommendation closed and reopened) and `pending` more scheduled and not done; and an encouraged
    commune's committee. Returns the plan's id."""
    plan, agencies = uuid.uuid4(), [uuid.uuid4() for _ in range(obliged)]
    valid_from = date(year, 1, 1)
    events = [registered(a, valid_from=valid_from) for a in agencies]
    events.append(registered(uuid.uuid4(), "UBND_XA", "KHUYEN_KHICH", valid_from=valid_from))
    events.append(approved(plan, year, onsite_min_percent, agencies=agencies))
    events += [status(a, uuid.uuid4(), 1, "DA_CONG_BO", valid_from) for a in agencies[:applying]]
    for agency_id in agencies[:on_site]:
        events += inspected(agency_id, plan, date(year, 3, 10))
    events += [ie.InspectionScheduled(inspection_id=uuid.uuid4(), plan_id=plan, agency_id=agency_id,
                                      form="TRUC_TIEP_TAI_TRU_SO", kind="DINH_KY", scheduled_date=date(year, 10, 1),
                                      scheduled_at=NOW) for agency_id in agencies[on_site:on_site + pending]]
    feed(runtime, tenant, events)
    return plan


def approved(plan, year, percent, at=NOW, agencies=()):
    """The plan's approval (again after an adjustment: the same plan, a later time) with its on-site target."""
    return ie.PlanApproved(plan_id=plan, year=year, approving_doc="1/KH-UBND", target_agency_ids=list(agencies),
                           onsite_min_percent=percent, approved_at=at)


def on_site_share(client, headers, as_of="2021-12-31"):
    return client.get(f"{A}/figures?as_of={as_of}", headers=headers).get_json()["headline"]["on_site_share"]


class TestOnSiteTarget:
    """The year's on-site target is its inspection plan's `onsite_min_percent` (inspections owns it, ADR 13)."""

    def test_the_approved_plans_target_is_the_years_and_met_follows_the_on_site_share(self, client, runtime,
                                                                                       issuer, tenant):
        a_province(runtime, tenant, obliged=5, on_site=2, onsite_min_percent=40)
        missed = f"{tenant}-m"
        a_province(runtime, missed, obliged=3, on_site=1, onsite_min_percent=40)

        share = on_site_share(client, issuer.headers(tenant=tenant))
        short = on_site_share(client, issuer.headers(tenant=missed))

        assert share | {"records": None} == {
            "value": 2, "of": 5, "percent": 40, "target": 40, "met": True, "records": None}
        assert (short["percent"], short["target"], short["met"]) == (33, 40, False)

    def test_an_adjusted_plan_approved_again_changes_the_target_and_a_late_older_approval_does_not(
            self, client, runtime, issuer, tenant):
        plan = a_province(runtime, tenant, obliged=3, on_site=1, onsite_min_percent=40)
        staff = issuer.headers(tenant=tenant)
        before = on_site_share(client, staff)

        feed(runtime, tenant, [approved(plan, 2021, 30, NOW + timedelta(days=90), agencies=[uuid.uuid4()])])
        adjusted = on_site_share(client, staff)
        feed(runtime, tenant, [approved(plan, 2021, 40, NOW)])  # the first approval delivered again, late

        assert (before["target"], before["met"]) == (40, False)
        assert (adjusted["target"], adjusted["met"]) == (30, True)
        assert on_site_share(client, staff)["target"] == 30
        with runtime.uow(tenant) as uow:
            [row] = uow.session.scalars(select(PlanView).where(PlanView.plan_id == plan))
        assert (row.onsite_min_percent, row.approved_at, row.targets) == (30, NOW + timedelta(days=90), 1)

    def test_the_newest_approved_plan_of_the_year_gives_the_target(self, client, runtime, issuer, tenant):
        a_province(runtime, tenant, obliged=3, on_site=1, onsite_min_percent=40)
        feed(runtime, tenant, [approved(uuid.uuid4(), 2021, 20, NOW + timedelta(days=30)),
                               approved(uuid.uuid4(), 2022, 90, NOW + timedelta(days=60))])

        share = on_site_share(client, issuer.headers(tenant=tenant))

        assert (share["target"], share["met"]) == (20, True)

    def test_no_plan_or_a_plan_without_a_target_gives_no_target(self, client, runtime, issuer, tenant):
        without = f"{tenant}-w"
        a_province(runtime, tenant, obliged=3, on_site=1)
        a_province(runtime, without, obliged=3, on_site=1, year=2022, onsite_min_percent=50)

        planned_none = on_site_share(client, issuer.headers(tenant=tenant))
        no_plan = on_site_share(client, issuer.headers(tenant=without), as_of="2021-12-31")

        assert (planned_none["target"], planned_none["met"]) == (None, None)
        assert (no_plan["target"], no_plan["met"]) == (None, None)

    def test_under_current_borders_the_target_is_the_provinces_own_plans_not_a_predecessors(
            self, client, runtime, issuer, tenant):
        predecessor, successor = f"{tenant}-truoc", f"{tenant}-sau"
        theirs = a_province(runtime, predecessor, obliged=2, on_site=1)
        a_province(runtime, successor, obliged=2, on_site=1)
        feed(runtime, predecessor, [approved(theirs, 2021, 80, NOW + timedelta(days=1))])  # newer than the own
        feed(runtime, successor, succession(predecessor, successor))

        share = client.get(f"{A}/figures?as_of=2021-12-31&borders=current",
                           headers=issuer.headers(tenant=successor)).get_json()["headline"]["on_site_share"]

        assert (share["value"], share["of"], share["target"], share["met"]) == (2, 4, None, None)

    def test_the_series_gives_each_year_its_own_plans_target(self, client, runtime, issuer, tenant):
        a_province(runtime, tenant, obliged=2, on_site=1, year=2021, onsite_min_percent=50)
        a_province(runtime, tenant, obliged=1, on_site=1, year=2022, onsite_min_percent=70)

        body = client.get(f"{A}/series?from_year=2021&to_year=2022", headers=issuer.headers(tenant=tenant)).get_json()

        assert [(y["figures"]["on_site_share"]["target"], y["figures"]["on_site_share"]["met"])
                for y in body["series"]] == [(50, True), (70, False)]


class TestHeadline:
    def test_each_figure_has_its_target_whether_met_and_the_records_behind_it(self, client, runtime, issuer,
                                                                              tenant):
        a_province(runtime, tenant, obliged=3, on_site=1, onsite_min_percent=30)
        staff = issuer.headers(tenant=tenant, roles=["province_admin"])

        body = client.get(f"{A}/figures?as_of=2021-12-31", headers=staff).get_json()
        headline = body["headline"]

        assert headline["mandatory"] | {"records": None} == {
            "value": 3, "of": None, "percent": None, "target": None, "met": None, "records": None}
        assert headline["mandatory_applying"] | {"records": None} == {
            "value": 0, "of": 3, "percent": 0, "target": 100, "met": False, "records": None}
        assert headline["on_site_share"] | {"records": None} == {
            "value": 1, "of": 3, "percent": 33, "target": 30, "met": True, "records": None}
        assert (headline["inspections_done"]["value"], headline["inspections_done"]["of"]) == (1, 1)
        assert headline["inspections_done"]["records"] == {
            "path": "/inspections", "query": {"year": 2021}, "href": "/inspections?year=2021", "exact": False}
        assert headline["recommendations_open"]["value"] == 1
        assert headline["recommendations_overdue"]["records"]["href"] == "/recommendations?overdue=1"
        assert headline["recommendations_overdue"]["records"]["exact"] is False  # counted on 31/12/2021, not today
        assert body["records"]["by_agency_type"]["UBND_XA"]["href"] == "/agencies?status=HOAT_DONG&agency_type=UBND_XA"
        assert body["total"] == 4  # the figures themselves as before, every one of them
        assert set(body) == set(province_figures(runtime.uow(tenant), date(2021, 12, 31), date(2021, 1, 1))) | {
            "headline", "records"}

    def test_a_target_is_not_met_below_it_and_a_share_of_nothing_is_neither(self, client, runtime, issuer, tenant):
        a_province(runtime, tenant, obliged=3, on_site=1, onsite_min_percent=34)
        staff = issuer.headers(tenant=tenant, roles=["province_officer"])

        headline = client.get(f"{A}/figures?as_of=2021-12-31", headers=staff).get_json()["headline"]
        empty = client.get(f"{A}/figures?as_of=2021-12-31", headers=issuer.headers(tenant=f"{tenant}-e")).get_json()

        assert (headline["on_site_share"]["target"], headline["on_site_share"]["met"]) == (34, False)
        assert empty["headline"]["mandatory_applying"] | {"records": None} == {
            "value": 0, "of": 0, "percent": None, "target": 100, "met": None, "records": None}

    def test_a_period_across_years_has_no_yearly_target(self, client, runtime, issuer, tenant):
        a_province(runtime, tenant, onsite_min_percent=30)
        staff = issuer.headers(tenant=tenant, roles=["province_admin"])

        headline = client.get(f"{A}/figures?as_of=2021-12-31&from=2020-06-01", headers=staff).get_json()["headline"]

        assert (headline["on_site_share"]["target"], headline["on_site_share"]["met"]) == (None, None)
        assert headline["mandatory_applying"]["target"] == 100


class TestSeries:
    def test_each_year_ends_on_31_december_with_that_years_target(self, client, runtime, issuer, tenant):
        a_province(runtime, tenant, obliged=2, on_site=1, year=2021)
        a_province(runtime, tenant, obliged=1, on_site=1, year=2022, onsite_min_percent=60)
        staff = issuer.headers(tenant=tenant, roles=["province_leader"])

        body = client.get(f"{A}/series?from_year=2020&to_year=2022", headers=staff).get_json()

        assert [(y["year"], y["as_of"]) for y in body["series"]] == [
            (2020, "2020-12-31"), (2021, "2021-12-31"), (2022, "2022-12-31")]
        by_year = {y["year"]: y["figures"] for y in body["series"]}
        assert [by_year[year]["mandatory"]["value"] for year in (2020, 2021, 2022)] == [0, 2, 3]
        assert [by_year[year]["inspections_done"]["value"] for year in (2020, 2021, 2022)] == [0, 1, 1]
        assert by_year[2021]["on_site_share"] | {"records": None} == {
            "value": 1, "of": 2, "percent": 50, "target": None, "met": None, "records": None}
        assert by_year[2022]["on_site_share"] | {"records": None} == {
            "value": 1, "of": 3, "percent": 33, "target": 60, "met": False, "records": None}
        assert by_year[2022]["inspections_done"]["records"]["href"] == "/inspections?year=2022"

    def test_the_current_year_is_read_today(self, client, issuer, tenant):
        year = calendar.today().year

        body = client.get(f"{A}/series?from_year={year}&to_year={year}",
                          headers=issuer.headers(tenant=tenant)).get_json()

        assert body["series"][0]["as_of"] == calendar.today().isoformat()

    def test_years_must_be_ordered_past_and_at_most_30(self, client, issuer, tenant):
        staff, year = issuer.headers(tenant=tenant), calendar.today().year

        codes = [client.get(f"{A}/series?{query}", headers=staff).status_code for query in (
            "from_year=2022&to_year=2021", f"from_year={year - 30}&to_year={year}",
            f"from_year={year}&to_year={year + 1}", "from_year=2021")]

        assert codes == [422, 422, 422, 422]
        assert client.get(f"{A}/series?from_year=2021&to_year=2021",
                          headers=issuer.headers(roles=["national_viewer"])).status_code == 403


class TestNational:
    def test_provinces_are_ranked_by_mandatory_applying_then_inspections_done_ties_sharing_a_rank(
            self, client, runtime, issuer, tenant):
        first, tied, behind, none = (f"{tenant}-{n}" for n in "bcde")
        a_province(runtime, first, obliged=2, applying=2, on_site=1)
        a_province(runtime, tenant, obliged=2, applying=1, on_site=1)
        a_province(runtime, tied, obliged=4, applying=2, on_site=2)
        a_province(runtime, behind, obliged=2, applying=1, on_site=1, pending=1)
        feed(runtime, none, [registered(uuid.uuid4(), "UBND_XA", "KHUYEN_KHICH")])

        body = client.get(f"{A}/national?as_of=2021-12-31",
                          headers=issuer.headers(roles=["national_viewer"])).get_json()
        ranking = [line for line in body["ranking"] if line["province"] in (tenant, first, tied, behind, none)]

        rank = {line["province"]: line["rank"] for line in ranking}  # other tests' provinces rank too
        assert [line["province"] for line in ranking] == [first, tenant, tied, behind, none]
        assert rank[first] < rank[tenant] == rank[tied] < rank[behind] and rank[none] is None
        assert ranking[3] | {"rank": None} == {
            "province": behind, "rank": None, "obliged": 2, "obliged_applying": 1, "applying_percent": 50,
            "inspections_planned": 2, "inspections_done": 1, "done_percent": 50}
        assert ranking[-1]["applying_percent"] is None and ranking[-1]["done_percent"] is None
        assert body["ranking"][0]["rank"] == 1 and body["ranking"][-1]["rank"] is None

    def test_the_total_has_the_inspections_and_each_province_keeps_its_figures(self, client, runtime, issuer,
                                                                             tenant):
        other = f"{tenant}-y"
        a_province(runtime, tenant, obliged=2, on_site=1)
        a_province(runtime, other, obliged=2, on_site=2)

        body = client.get(f"{A}/national?as_of=2021-12-31",
                          headers=issuer.headers(roles=["national_viewer"])).get_json()
        mine, theirs = body["provinces"][tenant]["inspections"], body["provinces"][other]["inspections"]

        assert (mine["planned"], mine["done"], mine["on_site_of_obliged"]["label"]) == (1, 1, "1/2")
        assert body["total"]["inspections"]["done"] == sum(
            p["inspections"]["done"] for p in body["provinces"].values())
        assert (theirs["done"], body["total"]["total"]) == (2, sum(p["total"] for p in body["provinces"].values()))

    def test_a_provinces_drill_down_has_the_headline_its_own_dashboard_shows_with_its_plans_target(
            self, client, runtime, issuer, tenant):
        other = f"{tenant}-y"
        a_province(runtime, tenant, obliged=3, on_site=1, applying=3, onsite_min_percent=40)
        a_province(runtime, other, obliged=2, on_site=2, onsite_min_percent=90)
        national = issuer.headers(roles=["national_viewer"])

        drill = client.get(f"{A}/national/{tenant}?as_of=2021-12-31", headers=national).get_json()
        own = client.get(f"{A}/figures?as_of=2021-12-31", headers=issuer.headers(tenant=tenant)).get_json()
        theirs = client.get(f"{A}/national/{other}?as_of=2021-12-31", headers=national).get_json()["headline"]

        assert drill["headline"] == own["headline"]
        assert drill["headline"]["on_site_share"] | {"records": None} == {
            "value": 1, "of": 3, "percent": 33, "target": 40, "met": False, "records": None}
        assert drill["headline"]["mandatory_applying"]["met"] is True
        assert (theirs["on_site_share"]["target"], theirs["on_site_share"]["met"]) == (90, True)
        assert drill["total"] == own["total"] == 4

    def test_a_drill_down_under_current_borders_has_the_successors_own_target(self, client, runtime, issuer,
                                                                              tenant):
        predecessor, successor = f"{tenant}-truoc", f"{tenant}-sau"
        a_province(runtime, predecessor, obliged=2, on_site=1, onsite_min_percent=80)
        a_province(runtime, successor, obliged=2, on_site=1, onsite_min_percent=50)
        feed(runtime, successor, succession(predecessor, successor))

        share = client.get(f"{A}/national/{successor}?as_of=2021-12-31&borders=current",
                           headers=issuer.headers(roles=["national_viewer"])).get_json()["headline"]["on_site_share"]

        assert (share["value"], share["of"], share["target"], share["met"]) == (2, 4, 50, True)

    def test_the_national_series_reads_the_current_year_today(self, runtime, tenant):
        a_province(runtime, tenant)
        year = calendar.today().year

        def uow_for(tenant_, lineage=False):
            return runtime.uow(tenant_, lineage=lineage) if tenant_ is not None else runtime.across_tenants()

        series = national_service.national_series(uow_for, "obliged", [2021, year])["series"]

        assert series["2021"]["provinces"][tenant] == 2 and series[str(year)]["provinces"][tenant] == 2

"""Follow-up figure helpers (model/follow_up.py): upkeep, recommendations, trained secretaries, plans."""

from datetime import date
from types import SimpleNamespace as Row

from reporting.model import follow_up


def test_upkeep_done_is_the_registrys_completion_day_on_or_before_the_date():
    completed = {"a": date(2021, 6, 1), "b": None, "late": date(2021, 12, 1), "z": date(2021, 1, 1)}

    assert follow_up.upkeep(completed, {"a", "b", "c", "late"}, date(2021, 6, 1)) == {
        "done": 1, "of": 4, "percent": 25, "label": "1/4"}
    assert follow_up.upkeep(completed, {"a", "b", "c", "late"}, date(2021, 12, 31))["done"] == 2


class TestRecommendations:
    def test_a_recommendation_is_closed_inside_a_closed_reopened_span(self):
        closures = [["2021-08-20", "2021-09-10"], ["2021-11-02", None]]

        assert [follow_up.closed_on(closures, day) for day in
                ("2021-08-19", "2021-08-20", "2021-09-09", "2021-09-10", "2021-11-02", "2030-01-01")] == [
            False, True, True, False, True, True]

    def test_open_ones_are_counted_and_overdue_once_past_their_deadline(self):
        issued = [Row(closures=[], deadline=date(2021, 8, 31)), Row(closures=[], deadline=date(2021, 10, 1)),
                  Row(closures=[["2021-08-01", None]], deadline=date(2021, 8, 1))]

        assert follow_up.recommendations(issued, date(2021, 9, 15)) == {"open": 2, "overdue": 1}


class TestTrainedSecretaries:
    def test_secretaries_in_office_are_of_valid_agencies_and_not_yet_removed(self):
        officers = [Row(officer_id=1, agency_id="a", removed_on=None),
                    Row(officer_id=2, agency_id="b", removed_on=date(2021, 10, 1)),
                    Row(officer_id=3, agency_id="gone", removed_on=None)]

        assert follow_up.secretaries_in_office(officers, {"a", "b"}, date(2021, 9, 30)) == {1: "a", 2: "b"}
        assert follow_up.secretaries_in_office(officers, {"a", "b"}, date(2021, 10, 1)) == {1: "a"}

    def test_an_agency_counts_when_its_secretary_holds_a_certificate_qualifying_for_the_role(self):
        certificates = [Row(officer_id=1, qualifies_roles=["THU_KY_ISO"]), Row(officer_id=2, qualifies_roles=None),
                        Row(officer_id=3, qualifies_roles=["DAI_DIEN_LANH_DAO"])]

        assert follow_up.trained_secretaries({1: "a", 2: "b", 3: "c"}, certificates)["label"] == "1/3"


class TestInspections:
    def test_the_plan_year_counts_plans_targets_and_scheduled_inspections_on_site(self):
        plans = [Row(targets=3), Row(targets=2)]
        scheduled = [Row(form="TRUC_TIEP_TAI_TRU_SO"), Row(form="QUA_BAO_CAO_HO_SO")]

        assert follow_up.plan_year(2021, plans, scheduled) == {"year": 2021, "plans": 2, "targets": 5, "scheduled": 2,
                                                               "scheduled_on_site": 1}

    def test_obliged_agencies_visited_on_site_out_of_all_obliged(self):
        obliged = [Row(agency_id="a"), Row(agency_id="b")]

        got = follow_up.on_site_of_obliged(obliged, {"a", "z"})

        assert (got["label"], got["basis"]) == ("1/2", "REGISTRY_OBLIGATION")

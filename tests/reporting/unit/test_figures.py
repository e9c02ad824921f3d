"""Figure helpers (model/figures.py): counts, shares and their labels from read-model rows."""

from collections import Counter
from datetime import date
from types import SimpleNamespace as Row

from reporting.model import figures

V2008, V2015 = "TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"


def status(system, agency, version, value, standard=V2015):
    return Row(quality_system_id=system, agency_id=agency, version=version, status=value, standard_version=standard)


def agency(agency_id, agency_type="SO", admin_level="TINH", obligation="BAT_BUOC"):
    return Row(agency_id=agency_id, agency_type=agency_type, admin_level=admin_level, obligation=obligation)


class TestLabels:
    def test_a_share_reads_applying_of_total_with_its_percent(self):
        assert figures.share(Counter(total=41, applying=41)) == {
            "applying": 41, "total": 41, "percent": 100, "label": "41 of 41, 100%"}
        assert figures.share({"total": 3, "applying": 2})["label"] == "2 of 3, 67%"

    def test_a_share_of_nothing_has_no_percent(self):
        assert figures.share(Counter()) == {"applying": 0, "total": 0, "percent": None, "label": "0 of 0"}

    def test_a_ratio_reads_done_slash_of(self):
        assert figures.ratio(23, 34) == {"done": 23, "of": 34, "percent": 68, "label": "23/34"}
        assert figures.ratio(0, 0) == {"done": 0, "of": 0, "percent": None, "label": "0/0"}


class TestQualitySystems:
    def test_the_latest_version_of_each_system_counts_and_a_stopped_one_counts_as_none(self):
        rows = [status("qs1", "a", 1, "DANG_AP_DUNG"), status("qs1", "a", 2, "DA_CONG_BO"),
                status("qs2", "b", 1, "DANG_AP_DUNG"), status("qs2", "b", 2, "NGUNG_AP_DUNG")]

        systems = figures.systems_on(rows)

        assert list(systems) == ["a"] and systems["a"].status == "DA_CONG_BO"

    def test_applying_means_a_status_in_use(self):
        systems = {"a": status("qs1", "a", 1, "DANG_CHUYEN_DOI"), "b": status("qs2", "b", 1, "DANG_XAY_DUNG")}

        assert figures.applying({"a", "b", "c"}, systems) == {"a"}

    def test_the_transition_counts_former_2008_systems_now_applying_2015(self):
        systems = {"a": status("qs1", "a", 3, "DA_CONG_BO"), "b": status("qs2", "b", 2, "DANG_AP_DUNG", V2008),
                   "c": status("qs3", "c", 2, "DANG_XAY_DUNG")}

        assert figures.transition({"a", "b", "c", "d"}, systems) == {"completed": 1, "of": 4, "label": "1/4"}


class TestCounts:
    def test_agencies_are_counted_by_type_and_by_level_the_unknown_level_apart(self):
        agencies = [agency("a"), agency("b", "UBND_XA", "XA", "KHUYEN_KHICH"), agency("c", admin_level=None)]
        systems = {"a": status("qs1", "a", 1, "DA_CONG_BO"), "b": status("qs2", "b", 1, "DANG_AP_DUNG", V2008)}

        by_type, by_level = figures.tally(agencies, systems)

        assert figures.grouped(by_type) == {
            "SO": {"total": 2, "obliged": 2, "obliged_applying": 1, "applying": 1, "announced": 1, "on_2015": 1},
            "UBND_XA": {"total": 1, "obliged": 0, "obliged_applying": 0, "applying": 1, "announced": 0,
                        "on_2015": 0}}
        assert list(figures.grouped(by_level)) == ["KHONG_RO", "TINH", "XA"]
        assert figures.summed(by_type.values())["applying"] == 2
        assert figures.communes(by_type)["label"] == "1 of 1, 100%"

    def test_a_province_without_communes_shares_nothing(self):
        assert figures.communes({})["label"] == "0 of 0"

    def test_the_obliged_are_those_the_decision_obliges(self):
        agencies = [agency("a"), agency("b", obligation="BAT_BUOC_THEO_KH_TINH"), agency("c", obligation=None),
                    agency("d", obligation="KHUYEN_KHICH")]

        assert [a.agency_id for a in figures.obliged(agencies)] == ["a", "b"]


class TestFlows:
    def test_inspections_planned_done_on_site_and_their_results_in_the_period(self):
        start, end = date(2021, 1, 1), date(2021, 12, 31)
        rows = [Row(scheduled_on=None, concluded_on=None, status="SCHEDULED", form="QUA_BAO_CAO_HO_SO",
                    overall_result=None),
                Row(scheduled_on=date(2021, 3, 1), concluded_on=date(2021, 3, 2), status="CONCLUDED",
                    form="TRUC_TIEP_TAI_TRU_SO", overall_result="DAT"),
                Row(scheduled_on=date(2020, 12, 1), concluded_on=date(2021, 1, 5), status="CONCLUDED",
                    form="QUA_BAO_CAO_HO_SO", overall_result="KHONG_DAT"),
                Row(scheduled_on=date(2021, 5, 1), concluded_on=None, status="CANCELLED", form="QUA_BAO_CAO_HO_SO",
                    overall_result=None)]

        assert figures.inspections(rows, start, end) == {"planned": 2, "done": 2, "on_site": 1,
                                                         "results": {"DAT": 1, "KHONG_DAT": 1}}

    def test_the_inspections_give_no_share_of_their_own(self):
        """One on-site share, of the obliged agencies (`follow_up.on_site_of_obliged`), not of the inspections done."""
        assert "on_site_percent" not in figures.inspections([], date(2021, 1, 1), date(2021, 12, 31))

    def test_training_counts_held_and_finished_classes_and_the_finished_ones_people(self):
        classes = [Row(status="FINISHED", participants=38, completed=35),
                   Row(status="SCHEDULED", participants=0, completed=0),
                   Row(status="CANCELLED", participants=0, completed=0)]

        assert figures.training(classes) == {"classes": 2, "finished": 1, "participants": 38, "completed": 35}

    def test_budget_sums_each_category_and_the_year(self):
        lines = [Row(category="DAO_TAO", estimate=50, approved=45, disbursed=30, settled=0),
                 Row(category="DAO_TAO", estimate=10, approved=10, disbursed=0, settled=0),
                 Row(category="KIEM_TRA", estimate=5, approved=0, disbursed=0, settled=0)]

        got = figures.budget(lines, 2021)

        assert (got["fiscal_year"], got["estimate"], got["approved"], got["disbursed"]) == (2021, 65, 55, 30)
        assert got["by_category"] == {"DAO_TAO": {"estimate": 60, "approved": 55, "disbursed": 30, "settled": 0},
                                      "KIEM_TRA": {"estimate": 5, "approved": 0, "disbursed": 0, "settled": 0}}


def inspections(planned, done, on_site, obliged_on_site, obliged):
    return {"planned": planned, "done": done, "on_site": on_site, "results": {},
            "on_site_of_obliged": figures.ratio(obliged_on_site, obliged)}


class TestNational:
    def test_the_total_sums_every_summed_figure_the_transitions_and_the_inspections(self):
        one = {name: 1 for name in figures.SUMMED} | {"transition": {"completed": 1, "of": 2, "label": "1/2"},
                                                      "inspections": inspections(4, 3, 2, 2, 5)}
        two = {name: 2 for name in figures.SUMMED} | {"transition": {"completed": 0, "of": 3, "label": "0/3"},
                                                      "inspections": inspections(1, 0, 0, 0, 0)}

        total = figures.national_total({"a": one, "b": two})

        assert {name: total[name] for name in figures.SUMMED} == {name: 3 for name in figures.SUMMED}
        assert total["transition"] == {"completed": 1, "of": 5}
        assert total["inspections"] == {"planned": 5, "done": 3, "on_site": 2, "on_site_of_obliged": {
            "done": 2, "of": 5, "percent": 40, "label": "2/5"}}

    def test_a_series_may_follow_the_counts_and_the_re_announcements(self):
        assert figures.SUMMED == ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015",
                                  "re_announced_in_period")

"""The dashboards' rules (reporting.model.dashboard): shares in whole percent that do not round to a lie,
targets met exactly, records' links, the years' end and the ranking."""

from datetime import date

from reporting.model import dashboard


def province(obliged, applying, planned, done):
    return {"obliged": obliged, "obliged_applying": applying, "inspections": {"planned": planned, "done": done}}


class TestPercent:
    def test_a_share_short_of_all_never_reads_100_and_one_found_never_reads_0(self):
        assert [dashboard.percent(p, w) for p, w in ((199, 200), (200, 200), (1, 300), (0, 300), (1, 3))] == [
            99, 100, 1, 0, 33]

    def test_a_share_of_nothing_has_no_percent(self):
        assert dashboard.percent(0, 0) is None


class TestMet:
    def test_a_target_is_met_exactly_without_rounding(self):
        assert (dashboard.met(1, 3, 33), dashboard.met(1, 3, 34), dashboard.met(30, 100, 30)) == (True, False, True)

    def test_without_a_target_or_a_whole_nothing_is_met_or_missed(self):
        assert (dashboard.met(1, 3, None), dashboard.met(0, 0, 100)) == (None, None)


class TestRecords:
    def test_a_link_leaves_empty_filters_out(self):
        assert dashboard.records("/inspections", True, year=2026, status="", q=None) == {
            "path": "/inspections", "query": {"year": 2026}, "href": "/inspections?year=2026", "exact": True}

    def test_a_link_without_filters_is_the_path(self):
        assert dashboard.records("/recommendations", False)["href"] == "/recommendations"


def test_a_year_ends_on_31_december_or_today_for_the_current_year():
    today = date(2026, 12, 4)

    assert [dashboard.year_end(year, today) for year in (2025, 2026, 2027)] == [
        date(2025, 12, 31), today, date(2027, 12, 31)]  # a year to come keeps its own day: one day per year


class TestRanking:
    def test_equal_shares_share_a_rank_and_the_next_rank_skips(self):
        ranking = dashboard.ranking({"a": province(3, 2, 4, 2), "b": province(3, 3, 4, 1), "c": province(6, 4, 2, 1),
                                     "d": province(3, 2, 4, 1)})

        assert [(line["province"], line["rank"]) for line in ranking] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]

    def test_shares_are_compared_exactly_not_as_rounded_percents(self):
        ranking = dashboard.ranking({"a": province(300, 200, 0, 0), "b": province(100, 67, 0, 0)})

        assert [(line["province"], line["rank"], line["applying_percent"]) for line in ranking] == [
            ("b", 1, 67), ("a", 2, 67)]

    def test_no_planned_inspection_ranks_below_any_done_share(self):
        ranking = dashboard.ranking({"a": province(2, 1, 0, 0), "b": province(2, 1, 5, 0)})

        assert [(line["province"], line["rank"]) for line in ranking] == [("b", 1), ("a", 2)]

    def test_a_province_without_obliged_agencies_comes_last_unranked_not_as_0_of_0(self):
        ranking = dashboard.ranking({"a": province(0, 0, 3, 3), "b": province(2, 0, 0, 0)})

        assert [(line["province"], line["rank"], line["applying_percent"]) for line in ranking] == [
            ("b", 1, 0), ("a", None, None)]

"""The consistency check's comparison (issue 18): which figures each side's answer gives, and their differences."""

import io
from datetime import date

from reporting.cli import Unreachable, verify
from reporting.model.consistency import Difference, compare, from_owners, from_reporting

JUNE, YEAR_END, TODAY = date(2025, 6, 30), date(2024, 12, 31), date(2026, 3, 2)


def summary(applying=145, **by_type) -> dict:
    return {"as_of": "2025-06-30", "total": 160, "obliged": 41, "applying": applying, "announced": 120,
            "on_2015": 100, "by_agency_type": by_type or {"SO": {"total": 19, "obliged": 19, "applying": 19,
                                                                 "announced": 19, "on_2015": 19}}}


def owners(applying=145, onsite=29, approved=500, secretaries=("THU_KY_ISO",)) -> dict:
    return {
        "registry": summary(applying),
        "inspections": {"obliged": 41, "inspected": 41, "inspected_onsite": onsite},
        "budget": {"total": {"estimate": 600, "approved": approved, "disbursed": 400, "settled": 0},
                   "rows": [{"key": "DAO_TAO", "estimate": 600, "approved": approved, "disbursed": 400,
                             "settled": 0}]},
        "training": {"agencies": [{"officers": [{"role": role} for role in secretaries]}]},
    }


def reporting(applying=145, onsite=29, approved=500, untrained=1) -> dict:
    money = {"estimate": 600, "approved": approved, "disbursed": 400, "settled": 0}
    return {**summary(applying),
            "inspections": {"on_site_of_obliged": {"done": onsite, "of": 41}},
            "budget": {**money, "by_category": {"DAO_TAO": money}},
            "training": {"trained_secretaries": {"done": 30 - untrained, "of": 30}}}


def differences(owner_answers: dict, figures: dict, as_of=JUNE, today=TODAY) -> list[str]:
    found = compare("binh-thuan", as_of, from_owners(as_of, today, owner_answers),
                    from_reporting(as_of, today, figures))
    return [str(d) for d in found]


class TestCompare:
    def test_equal_figures_make_no_difference(self):
        assert differences(owners(), reporting(), as_of=TODAY) == []

    def test_a_registry_figure_that_differs_is_one_line_naming_both_values(self):
        assert differences(owners(applying=145), reporting(applying=140)) == [
            "binh-thuan 2025-06-30 applying: registry says 145, reporting says 140"]

    def test_a_figure_by_agency_type_is_compared_too(self):
        so = {"total": 19, "obliged": 19, "applying": 19, "announced": 19, "on_2015": 19}
        answers = owners() | {"registry": summary(SO=so)}
        figures = reporting() | {"by_agency_type": {"SO": so | {"announced": 18}}}

        assert differences(answers, figures) == [
            "binh-thuan 2025-06-30 SO.announced: registry says 19, reporting says 18"]

    def test_a_type_one_side_does_not_list_counts_zero_there(self):
        figures = reporting()
        figures["by_agency_type"] = {**figures["by_agency_type"],
                                     "UBND_XA": {"total": 2, "obliged": 0, "applying": 0, "announced": 0,
                                                 "on_2015": 0}}

        assert differences(owners(), figures) == [
            "binh-thuan 2025-06-30 UBND_XA.total: registry says 0, reporting says 2"]

    def test_budget_amounts_are_compared_in_total_and_by_category(self):
        assert differences(owners(approved=500), reporting(approved=450)) == [
            "binh-thuan 2025-06-30 budget.DAO_TAO.approved: budget says 500, reporting says 450",
            "binh-thuan 2025-06-30 budget.approved: budget says 500, reporting says 450"]

    def test_a_successors_inherited_budget_rows_are_its_predecessors_figures_not_its_own(self):
        answers = owners()
        inherited = {"key": "binh-thuan/DAO_TAO", "inherited": True, "estimate": 70, "approved": 60,
                     "disbursed": 60, "settled": 60}
        answers["budget"]["rows"].append(inherited)
        answers["budget"]["total"] = {name: answers["budget"]["total"][name] + inherited[name]
                                      for name in ("estimate", "approved", "disbursed", "settled")}

        assert differences(answers, reporting(), as_of=TODAY) == []


class TestWhenAFigureIsCompared:
    def test_on_site_inspections_are_compared_once_the_year_is_over(self):
        assert differences(owners(onsite=29), reporting(onsite=25), as_of=YEAR_END) == [
            "binh-thuan 2024-12-31 coverage.on_site: inspections says 29, reporting says 25"]

    def test_on_site_inspections_are_not_compared_in_the_middle_of_a_year(self):
        assert differences(owners(onsite=29), reporting(onsite=25), as_of=JUNE) == []

    def test_untrained_secretaries_are_compared_on_today_only(self):
        answers, figures = owners(secretaries=("THU_KY_ISO",)), reporting(untrained=2)

        assert differences(answers, figures, as_of=JUNE) == []
        assert differences(answers, figures, as_of=TODAY) == [
            "binh-thuan 2026-03-02 untrained_secretaries: training says 1, reporting says 2"]

    def test_an_agency_whose_only_untrained_officer_is_its_representative_is_no_untrained_secretary(self):
        answers = owners(secretaries=("DAI_DIEN_LANH_DAO",))

        assert differences(answers, reporting(untrained=0), as_of=TODAY) == []


class TestVerify:
    def test_no_difference_exits_0_with_the_summary_line(self):
        out = io.StringIO()

        status = verify(fetch_answering(owners(), reporting()), ["binh-thuan"], [JUNE, TODAY], TODAY, out)

        assert (status, out.getvalue().splitlines()) == (0, ["verify: 0 differences in 1 provinces on 2 dates"])

    def test_differences_exit_1_one_line_each_then_the_summary(self):
        out = io.StringIO()

        status = verify(fetch_answering(owners(applying=145), reporting(applying=140)), ["binh-thuan"], [JUNE],
                        TODAY, out)

        assert (status, out.getvalue().splitlines()) == (1, [
            str(Difference("binh-thuan", JUNE, "applying", "registry", 145, 140)),
            "verify: 1 differences in 1 provinces on 1 dates"])

    def test_a_service_that_does_not_answer_exits_2(self):
        def down(_tenant, path, _query):
            raise Unreachable(f"{path} answered 503")
        out = io.StringIO()

        status = verify(down, ["binh-thuan"], [JUNE], TODAY, out)

        assert status == 2 and "answered 503" in out.getvalue()


def fetch_answering(owner_answers: dict, figures: dict):
    by_path = {"/api/v1/registry/summary": owner_answers["registry"],
               "/api/v1/inspections/coverage": owner_answers["inspections"],
               "/api/v1/budget/reports/plan-vs-actual": owner_answers["budget"],
               "/api/v1/training/compliance/untrained-officers": owner_answers["training"],
               "/api/v1/reporting/figures": figures}
    return lambda _tenant, path, _query: by_path[path]

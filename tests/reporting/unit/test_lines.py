"""What a report document says (documents/lines.py): the figure lines, amounts in VND, titles."""

from types import SimpleNamespace

from contracts.reporting import ReportType
from reporting.documents.lines import LINES, TYPE_TITLES, fraction, pick, title, vnd


def test_vnd_amounts_are_written_the_vietnamese_way():
    assert vnd(1_234_567) == "1.234.567 đồng"


def test_a_figure_a_frozen_report_lacks_reads_as_a_dash():
    assert pick({"upkeep": {"label": "1/3"}}, "upkeep", "label") == "1/3"
    assert pick({}, "upkeep", "label") == "—" and pick({"upkeep": 3}, "upkeep", "label") == "—"


def test_shares_and_ratios_are_written_as_a_fraction_with_its_percent_in_vietnamese():
    assert fraction({"s": {"applying": 41, "total": 43, "percent": 95, "label": "41 of 43, 95%"}}, "s") == "41/43 (95%)"
    assert fraction({"r": {"done": 23, "of": 34, "percent": 68, "label": "23/34"}}, "r") == "23/34 (68%)"
    assert fraction({"t": {"completed": 0, "of": 0, "label": "0/0"}}, "t") == "0/0"
    assert fraction({}, "r") == "—" and fraction({"r": {"label": "1 of 1"}}, "r") == "—"


def test_every_report_type_has_a_title_and_an_unknown_one_reads_as_a_report():
    assert set(TYPE_TITLES) == set(ReportType)
    assert title(SimpleNamespace(report_type="BC_TINH_NAM")).endswith("năm")
    assert title(SimpleNamespace(report_type="BC_VUI")) == "Báo cáo"


def test_every_line_reads_from_the_figures_of_a_report():
    figures = {"total": 1, "obliged": 1, "obliged_share": {"applying": 1, "total": 1}, "applying": 1, "announced": 1,
               "re_announced_in_period": 0, "on_2015": 1, "transition": {"completed": 0, "of": 0},
               "communes": {"applying": 0, "total": 0}, "inspections": {"done": 0, "on_site": 0},
               "training": {"finished": 0, "completed": 0}, "budget": {"estimate": 0, "disbursed": 1_000}}

    values = [value(figures) for _label, value in LINES]

    assert values[2] == "1/1 (100%)" and values[-1] == "1.000 đồng" and values.count("—") == 6

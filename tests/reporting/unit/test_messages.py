"""The error catalogue (messages.py): every code the service raises has its text, each text renders with the
parameters its raise sites pass, and the texts are the ones the API has always answered with."""

import ast
import uuid
from pathlib import Path

import pytest

import reporting
from kit.errors import DomainError, NotFound, RuleViolated
from kit.messages import render
from reporting.messages import MESSAGES
from reporting.model.report import ACTIONS, LABELS, REPORT, Conflict, ReportStatus

SOURCE = Path(reporting.__file__).parent
ERRORS = {"NotFound", "RuleViolated", "Conflict", "DomainError"}


def raise_sites() -> list[tuple[str, str, set[str]]]:
    """(file, code, parameter names) of every `raise SomeError("code", name=...)` in the service."""
    sites = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                call = node.exc
                name = getattr(call.func, "id", getattr(call.func, "attr", None))
                if name in ERRORS:
                    assert call.args and isinstance(call.args[0], ast.Constant), f"{path}: raise without a code"
                    sites.append((path.name, call.args[0].value, {k.arg for k in call.keywords}))
    return sites


def test_every_raise_is_a_snake_case_code_with_a_catalogue_entry():
    sites = raise_sites()

    assert len(sites) == 8  # and the chain's refused moves (REPORT.next), below
    for file, code, _params in sites:
        assert code.isidentifier() and code == code.lower(), (file, code)
        assert code in MESSAGES, (file, code)


@pytest.mark.parametrize("file, code, params", raise_sites())
def test_each_entry_renders_with_the_parameters_its_raise_site_passes(file, code, params):
    text = render(DomainError(code, **{name: f"<{name}>" for name in params}), MESSAGES)

    assert text and "{" not in text


def test_the_move_refused_by_the_chain_renders_through_the_catalogue():
    assert REPORT.error is Conflict and Conflict.code in MESSAGES


class TestTexts:
    def test_not_found_texts(self):
        report_id = uuid.uuid4()

        assert render(NotFound("report_not_found", report_id=report_id), MESSAGES) == ("Không tìm thấy báo cáo "
                                                                                       f"{report_id} / report "
                                                                                       f"{report_id} not found")
        assert render(NotFound("no_figures_for_province", province="nowhere"), MESSAGES) == \
            "Không có số liệu của tỉnh 'nowhere' / no figures for province 'nowhere'"

    def test_rule_texts_in_vietnamese_and_english(self):
        assert render(RuleViolated("unknown_report_type", report_type="BC_VUI"), MESSAGES) == \
            "Loại báo cáo không có trong danh mục / unknown report type 'BC_VUI'"
        assert render(RuleViolated("period_after_cutoff"), MESSAGES) == \
            "Ngày bắt đầu kỳ sau ngày chốt số liệu / the period starts after the cut-off"
        assert render(RuleViolated("return_needs_comment"), MESSAGES) == \
            "Yêu cầu bổ sung phải có nội dung / a return needs a comment"
        assert render(RuleViolated("period_starts_after_as_of", period_start="2026-06-01", as_of="2026-01-31"),
                      MESSAGES) == ("Ngày bắt đầu kỳ (2026-06-01) sau ngày số liệu (2026-01-31) / the period starts "
                                    "(2026-06-01) after as_of (2026-01-31)")

    @pytest.mark.parametrize("action", sorted(ACTIONS))
    @pytest.mark.parametrize("status", list(ReportStatus))
    def test_every_refused_move_reads_as_it_always_did(self, action, status):
        if REPORT.allows(action, status):
            return
        with pytest.raises(Conflict) as refused:
            REPORT.next(action, str(status.value))

        (action_vi, action_en), (status_vi, status_en) = ACTIONS[action], LABELS[status]
        assert render(refused.value, MESSAGES) == (f"Không thể {action_vi} báo cáo {status_vi} / cannot {action_en} "
                                                   "a report that is " + status_en)

    def test_the_approval_refused_on_a_draft(self):
        with pytest.raises(Conflict) as refused:
            REPORT.next("approve", "DANG_LAP")

        assert render(refused.value, MESSAGES) == "Không thể duyệt báo cáo đang lập / cannot approve a report that " \
                                                  "is being drafted"

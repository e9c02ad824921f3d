"""The error catalogue: every code the service raises has an entry that renders with the parameters its raise
sites pass, and the texts are those the API has always returned (Vietnamese first, then English)."""

import ast
import uuid
from datetime import date
from pathlib import Path

import pytest

import inspections
from inspections import model
from inspections.messages import MESSAGES
from inspections.model import INSPECTION, PLAN, RECOMMENDATION, LifecycleError
from kit.attachments import StoreUnavailable
from kit.errors import DomainError
from kit.filetypes import TooLarge, TypeNotAllowed
from kit.messages import render, render_code

SOURCE = Path(inspections.__file__).parent
ERRORS = {"RuleViolated", "NotFound", "Forbidden", "Conflict", "DomainError"}
LIFECYCLES = (PLAN, INSPECTION, RECOMMENDATION)
# kit's errors that the evidence routes let through to their callers (ADR 31): the upload's, the store's and the
# multipart field's
KIT_CODES = {TooLarge.code, TypeNotAllowed.code, StoreUnavailable.code, "attachment_file_missing"}
PLAN_ID = uuid.UUID("5f0c6f3e-8d2b-4a7e-9d1a-0c1b2d3e4f50")


def raise_sites() -> list[tuple[str, str, frozenset[str]]]:
    """(file, code, keyword parameters) of every error built with a code in the service's source."""
    sites = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            keywords = {k.arg: k.value for k in node.keywords}
            if name in ERRORS and node.args and isinstance(node.args[0], ast.Constant):
                sites.append((path.name, node.args[0].value, frozenset(keywords)))
            elif name == "LifecycleError" and isinstance(keywords.get("reason"), ast.Constant):
                sites.append((path.name, keywords["reason"].value, frozenset(keywords) - {"reason"}))
    return sites


def detail(error: DomainError) -> str:
    return render(error, MESSAGES)


def refused(lifecycle, action: str, current: str) -> str:
    with pytest.raises(LifecycleError) as error:
        lifecycle.next(action, current)
    return detail(error.value)


class TestEveryCodeHasItsText:
    def test_the_source_raises_errors_with_codes(self):
        assert len(raise_sites()) >= 15

    @pytest.mark.parametrize(("file", "code", "params"), raise_sites(),
                             ids=lambda v: "+".join(sorted(v)) if isinstance(v, frozenset) else str(v))
    def test_each_raise_site_renders_with_the_parameters_it_passes(self, file, code, params):
        assert code in MESSAGES, f"{file} raises {code!r}, which the catalogue does not know"
        text = render_code(code, {name: "x" for name in params}, MESSAGES)

        assert text and text != code

    @pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lc: lc.name)
    def test_every_refused_move_of_every_lifecycle_is_worded(self, lifecycle):
        for action, (sources, _to) in lifecycle.moves.items():
            current = next(iter(set().union(*(lc.moves[a][0] for lc in LIFECYCLES for a in lc.moves)) - sources))

            assert refused(lifecycle, action, current).endswith(f"(trạng thái hiện tại / current status: {current})")

    def test_no_entry_is_left_without_a_raise_site(self):
        raised = {code for _file, code, _params in raise_sites()} | {"not_found", "move_refused"} | KIT_CODES

        assert set(MESSAGES) == raised


MOVES = [
    (PLAN, "approve", "DU_THAO", "Chỉ phê duyệt kế hoạch đã trình / only a submitted plan can be approved"),
    (PLAN, "close", "DU_THAO", "Chỉ tổng kết kế hoạch đang thực hiện / only an approved plan can be closed"),
    (PLAN, "edit", "DA_PHE_DUYET",
     "Chỉ sửa kế hoạch khi dự thảo hoặc điều chỉnh / a plan can be changed only as a draft or while being adjusted"),
    (PLAN, "form_team", "DA_TONG_KET", "Kế hoạch đã tổng kết / the plan is closed"),
    (PLAN, "carry_forward", "DA_PHE_DUYET",
     "Chỉ chuyển tiếp kế hoạch đã tổng kết / only a closed plan can be carried forward"),
    (PLAN, "submit", "DA_PHE_DUYET",
     "Không thể thực hiện 'submit' ở trạng thái này / cannot submit the plan in this status"),
    (PLAN, "adjust", "DU_THAO",
     "Không thể thực hiện 'adjust' ở trạng thái này / cannot adjust the plan in this status"),
    (INSPECTION, "start", "DU_KIEN",
     "Phải thông báo trước khi kiểm tra / the agency must be notified before the inspection"),
    (INSPECTION, "record", "DA_THONG_BAO",
     "Chỉ lập biên bản khi đang kiểm tra / a record is drawn up only during the inspection"),
    (INSPECTION, "conclude", "DANG_KIEM_TRA",
     "Không thể kết luận khi chưa có biên bản / cannot conclude without a record"),
    (INSPECTION, "close", "DA_LAP_BIEN_BAN",
     "Chỉ đóng cuộc kiểm tra đã kết luận / only a concluded inspection can be closed"),
    (INSPECTION, "record_results", "DA_KET_LUAN",
     "Chỉ ghi kết quả khi đang kiểm tra: biên bản đã lập thì bảng kiểm và phát hiện không sửa được nữa / results are "
     "recorded only during the inspection: once the record is drawn up they are locked"),
    (INSPECTION, "issue_recommendation", "DANG_KIEM_TRA",
     "Chỉ kiến nghị sau khi đã lập biên bản / recommendations follow the record"),
    (INSPECTION, "notify", "HUY",
     "Không thể thực hiện 'notify' ở trạng thái này / cannot notify the inspection in this status"),
    (INSPECTION, "postpone", "DANG_KIEM_TRA",
     "Không thể thực hiện 'postpone' ở trạng thái này / cannot postpone the inspection in this status"),
    (INSPECTION, "cancel", "DONG",
     "Không thể thực hiện 'cancel' ở trạng thái này / cannot cancel the inspection in this status"),
    (RECOMMENDATION, "submit", "DA_NOP_KHAC_PHUC",
     "Kiến nghị không ở trạng thái chờ khắc phục / the recommendation is not awaiting remediation"),
    (RECOMMENDATION, "accept", "MO",
     "Cơ quan chưa nộp kết quả khắc phục / the agency has not submitted remediation evidence"),
    (RECOMMENDATION, "reopen", "DONG",
     "Cơ quan chưa nộp kết quả khắc phục / the agency has not submitted remediation evidence"),
]


@pytest.mark.parametrize(("lifecycle", "action", "current", "why"), MOVES,
                         ids=[f"{lc.name} {action}" for lc, action, _current, _why in MOVES])
def test_a_refused_move_says_why_then_the_current_status(lifecycle, action, current, why):
    assert refused(lifecycle, action, current) == f"{why} (trạng thái hiện tại / current status: {current})"


def test_closing_with_open_recommendations_is_a_lifecycle_error_of_its_own():
    error = model.recommendations_open("DA_KET_LUAN")

    assert type(error) is LifecycleError and error.code == "recommendations_open"
    assert detail(error) == ("Còn kiến nghị chưa khắc phục xong / recommendations are still open "
                                   "(trạng thái hiện tại / current status: DA_KET_LUAN)")


RULES = [
    (model.not_found("plan", PLAN_ID), f"Không tìm thấy plan {PLAN_ID} / plan {PLAN_ID} not found"),
    (model.not_found("criterion", "NOPE"), "Không tìm thấy criterion NOPE / criterion NOPE not found"),
    (DomainError("outside_approved_plan"),
     "Không kiểm tra ngoài kế hoạch đã phê duyệt (trừ kiểm tra đột xuất) / no inspection outside an approved plan "
     "unless it is an ad hoc check (kind DOT_XUAT)"),
    (DomainError("agency_not_targeted", agency_id=PLAN_ID),
     "Cơ quan không có trong kế hoạch; điều chỉnh kế hoạch hoặc kiểm tra đột xuất / the agency is not a target of the "
     "plan: adjust the plan, or make it an ad hoc check"),
    (DomainError("agency_not_active", agency_id=PLAN_ID),
     (f"Cơ quan {PLAN_ID} không phải cơ quan đang hoạt động của tỉnh / agency {PLAN_ID} is not an active agency of "
      "this province (registry replica)")),
    (DomainError("agency_listed_twice", agency_id=PLAN_ID), (f"Cơ quan {PLAN_ID} có hai lần trong kế hoạch / agency "
                                                             f"{PLAN_ID} is listed twice in the plan")),
    (DomainError("not_on_team"),
     "Thanh tra viên không thuộc đoàn kiểm tra của kế hoạch này / the inspector is not on the team of this plan"),
    (DomainError("team_needs_one_head"),
     "Đoàn kiểm tra phải có đúng một trưởng đoàn / a team needs exactly one head (TRUONG_DOAN)"),
    (DomainError("team_of_another_plan"), ("Đoàn kiểm tra được thành lập cho kế hoạch khác / the team was established "
                                           "for another plan")),
    (DomainError("plan_without_targets"), "Kế hoạch chưa có cơ quan được kiểm tra / the plan has no target agencies"),
    (DomainError("period_reversed"), "Ngày bắt đầu sau ngày kết thúc / period_start is after period_end"),
    (DomainError("period_outside_year", day=date(2022, 1, 31), year=2021),
     "Thời gian của kế hoạch phải nằm trong năm kế hoạch / the plan's period must fall within its year"),
    (DomainError("carried_to_an_earlier_year", year=2020, from_year=2021),
     ("Năm của kế hoạch mới phải sau năm của kế hoạch đã đóng / the new plan's year must come after the closed plan's "
      "year")),
    (DomainError("conclusion_before_record"), ("Ngày kết luận trước ngày lập biên bản / conclusion_date is before the "
                                               "record's date")),
    (DomainError("unknown_criteria", codes=["NOPE", "TC99"]),
     "Tiêu chí không có hoặc không còn áp dụng: NOPE, TC99 / unknown or inactive criteria: NOPE, TC99"),
    (DomainError("finding_of_another_inspection"), ("Phát hiện (finding_id) không thuộc cuộc kiểm tra này / "
                                                    "finding_id does not name a finding of this inspection")),
    (DomainError("deadline_before_record"), ("Thời hạn trước ngày lập biên bản kiểm tra / the deadline is before the "
                                             "inspection's record")),
]


@pytest.mark.parametrize(("error", "text"), RULES, ids=[error.code for error, _text in RULES])
def test_each_rule_reads_as_it_always_has(error, text):
    assert detail(error) == text

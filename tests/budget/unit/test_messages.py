"""The message catalogue: every code the budget service raises has a text, every text renders with the parameters
its raise sites pass, and the texts are the ones the API has always answered (Vietnamese / English)."""

from __future__ import annotations

import ast
import inspect
import uuid
from pathlib import Path

import pytest

import budget
from budget.messages import MESSAGES, MOVES
from budget.model import lines, norms
from budget.model.lines import Move
from kit import errors
from kit.messages import render_code

SOURCE = Path(budget.__file__).parent
LINE = uuid.UUID("6a1f7a3e-0000-4000-8000-000000000000")
ERRORS = {name: cls for module in (errors, lines, norms) for name, cls in vars(module).items()
          if inspect.isclass(cls) and issubclass(cls, errors.DomainError)}
SAMPLES = {"amount": 90_000_000, "cap": 80_000_000, "total": 2_000_001, "approved": 2_000_000,
           "disbursed": 2_000_000, "action": Move.APPROVE, "line_id": LINE, "status": "DA_GIAO_DU_TOAN"}


def raise_sites() -> list[tuple[str, frozenset[str], str]]:
    """(code, keyword parameters, where) of every error the service's code builds: `SomeError("code", ...)`,
    `SomeError(param=...)` with a class code, an error class handed on (`scope.ensure(x, NotFound, "code", ...)`)
    and the routes' `forbidden("code")`."""
    sites = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                found = _code_of(node)
                if found:
                    where = f"{path.relative_to(SOURCE)}:{node.lineno}"
                    sites.append((found, frozenset(k.arg for k in node.keywords if k.arg), where))
    return sites


def _code_of(call: ast.Call) -> str | None:
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    texts = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if name == "forbidden" or (name in ERRORS and texts):
        return texts[0]
    if name in ERRORS and name not in vars(errors):
        return ERRORS[name].code
    handed_on = [a.id for a in call.args if isinstance(a, ast.Name) and a.id in ERRORS]
    if handed_on:
        return texts[0] if texts else ERRORS[handed_on[0]].code
    return None


SITES = raise_sites()


def test_the_service_raises_its_errors_with_codes():
    assert len(SITES) >= 19  # as many as there were raise sites when the catalogue was written
    assert all(code.isidentifier() and code == code.lower() for code, _, _ in SITES), SITES


@pytest.mark.parametrize("code, params, where", SITES, ids=[where for _, _, where in SITES])
def test_every_raised_code_has_a_text_that_renders_with_the_parameters_of_its_raise_site(code, params, where):
    assert code in MESSAGES, f"{where}: {code} has no entry in budget.messages"

    text = render_code(code, {name: SAMPLES.get(name, "x") for name in params}, MESSAGES)

    assert text and "{" not in text


def test_every_entry_of_the_catalogue_is_raised_somewhere():
    assert set(MESSAGES) == {code for code, _, _ in SITES}


def test_every_move_of_a_line_has_words():
    assert set(MOVES) == set(Move)


TEXTS = {
    ("line_not_found", (("line_id", LINE),)): f"Không tìm thấy dự toán {LINE} / budget line {LINE} not found",
    ("agency_not_found", (("agency_id", LINE),)): f"Không tìm thấy cơ quan {LINE} / agency {LINE} not found",
    ("unknown_agency", (("agency_id", LINE),)): (
        f"Cơ quan {LINE} chưa có trong danh sách của tỉnh / agency {LINE} is not known to the budget service (yet)"),
    ("owner_and_agency_mismatch", (("owner", "AGENCY"),)): (
        "Dự toán của cơ quan phải có agency_id, của chương trình thì không / an AGENCY line needs agency_id and a "
        "PROGRAMME line must not have one"),
    ("over_cap", (("amount", 80_000_001), ("cap", 80_000_000))): (
        "Vượt định mức chi theo Thông tư 116/2015/TT-BTC: 80.000.001 đ > 80.000.000 đ; cần ghi nhận lý do và văn "
        "bản cho phép / over the cap of Thông tư 116/2015/TT-BTC: 80000001 VND > 80000000 VND; record an override "
        "with a reason and a document"),
    ("over_approved", (("total", 30_000_001), ("approved", 30_000_000))): (
        "Vượt dự toán được giao: 30.000.001 đ > 30.000.000 đ / the disbursed total 30000001 VND would exceed the "
        "approved 30000000 VND"),
    ("over_disbursed", (("total", 5_000_001), ("disbursed", 5_000_000))): (
        "Số quyết toán vượt số đã chi: 5.000.001 đ > 5.000.000 đ / the settled total 5000001 VND would exceed the "
        "disbursed 5000000 VND"),
    ("wrong_status", (("line_id", LINE), ("status", "DA_GIAO_DU_TOAN"), ("action", Move.REVISE))): (
        f"Dự toán {LINE} đang ở trạng thái DA_GIAO_DU_TOAN, không thể sửa dự toán / revise the estimate / budget "
        "line is DA_GIAO_DU_TOAN; cannot sửa dự toán / revise the estimate"),
    ("wrong_status", (("line_id", LINE), ("status", "LAP_DU_TOAN"), ("action", Move.DISBURSE))): (
        f"Dự toán {LINE} đang ở trạng thái LAP_DU_TOAN, không thể chi / disburse / budget line is LAP_DU_TOAN; "
        "cannot chi / disburse"),
    ("wrong_status", (("line_id", LINE), ("status", "DA_QUYET_TOAN"), ("action", Move.CLOSE))): (
        f"Dự toán {LINE} đang ở trạng thái DA_QUYET_TOAN, không thể quyết toán / settle / budget line is "
        "DA_QUYET_TOAN; cannot quyết toán / settle"),
    ("wrong_status", (("line_id", LINE), ("status", "DA_GIAO_DU_TOAN"), ("action", Move.APPROVE))): (
        f"Dự toán {LINE} đang ở trạng thái DA_GIAO_DU_TOAN, không thể giao dự toán / approve / budget line is "
        "DA_GIAO_DU_TOAN; cannot giao dự toán / approve"),
    ("expenditure_already_recorded", (("origin", "INSPECTION"), ("origin_ref", "abc"))): (
        "Khoản chi INSPECTION abc đã được ghi nhận / already recorded"),
    ("override_needs_budget_staff", ()): ("Chỉ cán bộ ngân sách của tỉnh được ghi nhận vượt định mức / only the "
                                          "province's budget officers record an override of the cap"),
    ("agency_officer_names_their_agency", ()): ("Cán bộ cơ quan chỉ lập dự toán của cơ quan mình / an agency officer "
                                                "estimates only their agency's lines"),
    ("cost_norm_not_found", (("norm_code", "TT116-X"),)): ("Không tìm thấy định mức TT116-X / cost norm TT116-X not "
                                                           "found"),
    ("cost_norm_exists", (("norm_code", "TT116-X"),)): ("Định mức TT116-X đã có; hãy thêm phiên bản mới / cost norm "
                                                        "TT116-X exists; add a version instead"),
    ("unknown_legal_basis", (("legal_basis_code", "NONE"),)): ("Căn cứ pháp lý 'NONE' không có trong danh mục / "
                                                               "legal_basis_code 'NONE' is not a known legal basis"),
    ("effective_from_before_previous", ()): ("Ngày hiệu lực không được trước ngày hiệu lực của phiên bản trước / "
                                             "effective_from must not be before the previous version's"),
    ("percent_norm_needs_reference", ()): ("Định mức theo tỷ lệ cần tỷ lệ phần trăm và khoản mục hoặc mức tham chiếu "
                                           "/ a percent norm needs percent and a reference_item or reference_level"),
    ("min_value_over_max_value", ()): ("Mức tối thiểu không được lớn hơn mức tối đa / min_value must not exceed "
                                       "max_value"),
    ("effective_to_before_effective_from", ()): ("Ngày hết hiệu lực không được trước ngày có hiệu lực / effective_to "
                                                 "must not be before effective_from"),
    ("origin_not_manual", (("origin", "TRAINING_CLASS"),)): (
        "Khoản chi nhập tay không được mang nguồn TRAINING_CLASS: chi phí của lớp học, đoàn kiểm tra do hệ thống tự "
        "ghi nhận / a manual disbursement cannot claim origin TRAINING_CLASS: the actual costs of classes and "
        "inspections are recorded from their services"),
}


@pytest.mark.parametrize("code, params", list(TEXTS), ids=[code for code, _ in TEXTS])
def test_the_text_is_the_one_the_api_has_always_answered(code, params):
    assert render_code(code, dict(params), MESSAGES) == TEXTS[code, params]


def test_every_entry_has_its_text_checked():
    assert {code for code, _ in TEXTS} == set(MESSAGES)

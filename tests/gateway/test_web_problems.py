"""A service's refusal on the page, in the user's language (ADR 34): the gateway says the problem's code and params
from its own catalogue, the fields by their labels, and shows none of the English `detail` or marshmallow's words.
The services here are kit apps (kit.http), so the problems are the ones the real services send."""

from __future__ import annotations

import html
import re

import flask_smorest
import marshmallow as ma
import pytest
from marshmallow import validate

from gateway.web import problems
from gateway.web.client import ApiError
from kit import errors, fields, http
from tests.gateway.web_app import gateway_over, signed_in

ENGLISH = ("Missing data", "Must be", "request is not valid", "Not a valid", " / ")
FLASH = re.compile(r'<p class="flash flash-error"[^>]*>(.*?)</p>', re.S)
SUMMARY = re.compile(r'<div class="error-summary".*?</div>', re.S)
LINK = re.compile(r'<li><a href="#([^"]+)">(.*?)</a></li>', re.S)


class PlanSchema(ma.Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    title = ma.fields.String(required=True, validate=validate.Length(1, 200))


def kit_services() -> flask_smorest.Api:
    app, api = http.create_app(http.AppSpec(name="services", prefix="/api/v1", verifier=None))
    app.extensions[http.MESSAGES] = {"over_cap": "Vượt định mức / over the cap: {amount} > {cap}"}
    blp = flask_smorest.Blueprint("fake", __name__, url_prefix="/api/v1")

    @blp.get("/registry/tenants/current")
    def tenant():
        return {"id": "an-giang", "name": "Tỉnh An Giang"}

    @blp.get("/inspections/plans")
    @blp.get("/inspections/inspections")
    def nothing_yet():
        return {"items": [], "total": 0}

    @blp.post("/inspections/plans")
    @blp.arguments(PlanSchema)
    def create_plan(args):
        return {"id": "p1"}

    @blp.post("/budget/lines/<line>/disbursements")
    def disburse(line):
        raise errors.RuleViolated("over_cap", amount=15_000_000, cap=12_000_000)

    @blp.post("/training/onsite-requests")
    def unheard_of():
        raise errors.Conflict("a_code_nobody_wrote_words_for", thing=1)

    api.register_blueprint(blp)
    return app


@pytest.fixture
def browser():
    return signed_in(gateway_over(kit_services()))


def refused_page(browser, action: str, back: str = "/dashboard", lang: str = "vi", **form) -> str:
    """The page the refused form came from, as it shows once the refusal redirected there."""
    browser.get(f"/login?lang={lang}")
    browser.post(f"/act/{action}", data={"csrf": "known", "next": back, **form})
    return browser.get(back).get_data(as_text=True)


def refusal(browser, action: str, lang: str = "vi", **form) -> str:
    [said] = FLASH.findall(refused_page(browser, action, lang=lang, **form))
    return html.unescape(said)


def summary(page: str) -> list[tuple[str, str]]:
    """(link target, text) of the error summary at the top of the page."""
    [found] = SUMMARY.findall(page)
    return [(target, html.unescape(text)) for target, text in LINK.findall(found)]


def beside(page: str, field: str) -> tuple[str, str]:
    """(error shown beside the field, the field's input) of the refused form's field `field`."""
    found = re.search(rf'<span class="error-message" id="f-[\w-]+-{field}-error">'
                      rf'<span class="visually-hidden">(.*?)</span>(.*?)</span>\s*<input name="{field}"([^>]*)>', page)
    assert found, f"no error beside {field}"
    return html.unescape(found.group(1) + found.group(2)), found.group(3)


def test_a_refused_form_says_each_field_beside_it_in_vietnamese_and_keeps_what_was_typed(browser):
    page = refused_page(browser, "plan-create", back="/inspections", year="1999")

    [said] = FLASH.findall(page)
    assert html.unescape(said) == "Yêu cầu chưa hợp lệ"
    assert summary(page) == [("f-plan-create-year", "Năm: Phải từ 2000 đến 2100"),
                             ("f-plan-create-title", "Tiêu đề: Chưa nhập (bắt buộc)")]
    year_error, year_input = beside(page, "year")
    assert year_error == "Lỗi: Phải từ 2000 đến 2100"
    assert 'value="1999"' in year_input and 'aria-invalid="true"' in year_input
    assert 'id="f-plan-create-year"' in year_input and 'aria-describedby="f-plan-create-year-error"' in year_input
    assert beside(page, "title")[0] == "Lỗi: Chưa nhập (bắt buộc)"
    assert not [words for words in ENGLISH if words in page]


def test_the_same_refusal_is_said_in_english_on_an_english_page(browser):
    page = refused_page(browser, "plan-create", back="/inspections", lang="en", year="1999")

    assert [html.unescape(said) for said in FLASH.findall(page)] == ["The request is not valid"]
    assert summary(page) == [("f-plan-create-year", "Year: Must be from 2000 to 2100"),
                             ("f-plan-create-title", "Title: Required")]


def test_a_date_or_number_the_gateway_cannot_read_is_refused_beside_it_without_asking_the_service(browser):
    page = refused_page(browser, "disbursement-add", back="/dashboard", line="l1", amount="mười triệu",
                        spent_on="31/02/2026", description="Thuê hội trường")

    assert FLASH.findall(page) == []  # the service was not asked: it would have said "over the cap"
    assert summary(page) == [
        ("f-disbursement-add-amount", "Số tiền: Nhập một số nguyên, ví dụ 1.500.000."),
        ("f-disbursement-add-spent_on", "Ngày: Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026.")]


def test_the_errors_are_shown_once(browser):
    refused_page(browser, "plan-create", back="/inspections", year="1999")

    again = browser.get("/inspections").get_data(as_text=True)

    assert "error-summary" not in again and 'value="1999"' not in again


def test_money_in_a_rule_s_params_is_written_as_the_pages_write_it(browser):
    said = refusal(browser, "disbursement-add", line="l1", amount="15.000.000", description="Thuê hội trường")

    assert said == ("Vượt định mức chi theo Thông tư 116/2015/TT-BTC: 15.000.000 ₫ > 12.000.000 ₫; cần "
                    "ghi nhận lý do và văn bản cho phép")


def test_a_code_without_words_is_a_sentence_naming_the_status_not_the_english_detail(browser):
    said = refusal(browser, "onsite-request", agency_id="a1", course_type="X")

    assert "409" in said and "mã yêu cầu" in said and "a_code_nobody_wrote_words_for" not in said


def test_a_list_s_index_is_a_row_and_an_unknown_field_is_made_readable(web_request):
    error = ApiError(422, "", problem={"code": "invalid_request", "error_codes": {"targets": {"0": {
        "planned_month": [{"code": "range", "params": {"min": 1, "max": 12}}]}}}}, service="inspections")

    assert problems.fields(error) == {"targets, dòng 1, planned month": ["Phải từ 1 đến 12"]}


@pytest.fixture
def web_request():
    app = gateway_over(kit_services())
    with app.test_request_context("/"):
        yield

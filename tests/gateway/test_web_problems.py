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


def refusal(browser, action: str, lang: str = "vi", **form) -> str:
    browser.get(f"/login?lang={lang}")
    browser.post(f"/act/{action}", data={"csrf": "known", "next": "/", **form})
    page = browser.get("/dashboard").get_data(as_text=True)
    [said] = FLASH.findall(page)
    return html.unescape(said)


def test_a_refused_form_is_said_in_vietnamese_with_the_fields_labels(browser):
    said = refusal(browser, "plan-create", year="1999")

    assert said == "Yêu cầu chưa hợp lệ (Tiêu đề: Chưa nhập (bắt buộc); Năm: Phải từ 2000 đến 2100)"
    assert not [words for words in ENGLISH if words in said]


def test_the_same_refusal_is_said_in_english_on_an_english_page(browser):
    said = refusal(browser, "plan-create", lang="en", year="1999")

    assert said == "The request is not valid (Title: Required; Year: Must be from 2000 to 2100)"


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

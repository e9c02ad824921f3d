"""The agency page's form that corrects a step's date (ADR 36): each recorded step offered by its name and date,
and a refusal of the step said beside the select, as beside any other field."""

from __future__ import annotations

import re

import pytest
from flask import jsonify, request

from tests.gateway.test_web_attachments import AGENCY, PATH, Registry
from tests.gateway.web_app import gateway_over, signed_in


class Refusing(Registry):
    """The registry of the attachments' tests, refusing a correction's step as marshmallow refuses a choice."""

    def answer(self, rest: str):
        if request.method == "POST" and rest == f"{PATH}/quality-system/corrections":
            return jsonify(status=422, code="invalid_request", detail="The request is not valid", error_codes={
                "json": {"step": [{"code": "one_of", "params": {"choices": "announce"}}]}}), 422
        return super().answer(rest)


@pytest.fixture
def browser():
    return signed_in(gateway_over(Refusing().app))


def step_select(html: str) -> str:
    form = html[html.index('action="/act/qs-correct-date"'):]
    return form[:form.index("</select></label>") + len("</select></label>")]


def test_each_recorded_step_is_offered_with_its_date(browser):
    select = step_select(browser.get(f"/agencies/{AGENCY}").get_data(as_text=True))
    offered = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select)

    assert offered == [("announce", "Công bố (02/03/2021)")]


def test_a_refused_step_is_said_beside_the_select(browser):
    browser.post("/act/qs-correct-date", data={"csrf": "known", "next": f"/agencies/{AGENCY}", "agency": AGENCY,
                                               "step": "announce", "on": "01/03/2021", "reason": "Nhập nhầm",
                                               "confirmed": "1"})
    html = browser.get(f"/agencies/{AGENCY}").get_data(as_text=True)
    select = step_select(html)

    assert 'class="field field-error"' in select and 'aria-invalid="true"' in select
    assert "Phải là một trong: announce" in select
    assert 'value="Nhập nhầm"' in html[html.index('action="/act/qs-correct-date"'):]

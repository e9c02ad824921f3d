"""A refused form in the browser (issue 23, Build 3), as GOV.UK's design system does it: a summary at the top,
focused, linking to each field; what is wrong beside the field; what was typed still there. A date the gateway
cannot read is refused beside its field without reaching the service; a service's refusal is said the same way.

Same topology and browser as test_browser.py; axe on the refused pages.
"""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from tests.web.test_more_journeys import api, new_agency

RUN = uuid.uuid4().hex[:6]


def test_a_service_refusal_is_shown_beside_the_field_with_a_summary_and_what_was_typed_kept(ui, axe):
    page = ui.login("an-giang.officer")
    page.goto("/inspections")
    form = page.locator("form[action='/act/plan-create']")
    form.locator("[name='year']").fill("1999")
    form.locator("[name='title']").fill(f"Kế hoạch thử {RUN}")

    with page.expect_navigation():
        form.get_by_role("button").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Có điểm cần sửa")
    expect(summary.get_by_role("link")).to_have_text(["Năm: Phải từ 2000 đến 2100"])
    year = page.locator("#f-plan-create-year")
    expect(year).to_have_value("1999")
    expect(year).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-plan-create-year-error")).to_have_text("Lỗi: Phải từ 2000 đến 2100")
    expect(form.locator("[name='title']")).to_have_value(f"Kế hoạch thử {RUN}")
    assert axe(page) == []

    summary.get_by_role("link").click()
    expect(year).to_be_focused()

    year.fill("2090")
    with page.expect_navigation():
        form.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Kế hoạch thử {RUN}")
    expect(page.locator("#error-summary")).to_have_count(0)


def test_a_date_that_is_not_one_is_refused_beside_it_and_the_description_kept(ui, axe):
    agency = new_agency(ui, f"Sở Biểu mẫu {RUN}")
    api(ui, "POST", f"registry/agencies/{agency}/quality-system", {"scope_description": "Toàn bộ thủ tục"})
    page = ui.login("an-giang.officer")
    page.goto(f"/agencies/{agency}")
    form = page.locator("form[action='/act/maintenance-add']")
    form.locator("[name='activity_date']").fill("31/02/2026")
    form.locator("[name='description']").fill("Đánh giá nội bộ lần 1")

    with page.expect_navigation():
        form.get_by_role("button").click()

    expect(page.locator("#error-summary").get_by_role("link")).to_have_text(
        ["Ngày: Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."])
    expect(page.locator("#f-maintenance-add-activity_date")).to_have_value("31/02/2026")
    expect(form.locator("[name='description']")).to_have_value("Đánh giá nội bộ lần 1")
    assert api(ui, "GET", f"registry/agencies/{agency}/maintenance") == []  # nothing was recorded
    assert axe(page) == []

"""The inspector on site with a phone held in one hand (issue 23): on the inspection page at 390×844, every control of
the on-site part (the steps, the checklist, the findings, the record) is at least 44×44 CSS px and every field the
full width, the checklist's answers are large toggles, its save stays on the screen while the checklist scrolls,
no control shows only on hover, axe finds nothing and nothing scrolls sideways; then a checklist answer and a
finding are saved from the phone.

Same topology and browser as test_browser.py; the inspection is one of the inspector's team, started on the page.
"""

from __future__ import annotations

import requests
from playwright.sync_api import Page, expect

from tests.web.test_browser import RUN, act, api_headers
from tests.web.test_journeys import inspection_of_a_team
from tests.web.test_phone import PHONE

TARGET = 44  # CSS px, WCAG 2.5.5 target size
FULL_WIDTH = 0.85  # a field's width, of the width inside the card holding it, at least

# Every control a finger can land on inside the on-site part, as "what size", when it is visible and too small.
CONTROLS = ", ".join(f"#onsite {tag}" for tag in ("a[href]", "button", "select", "textarea",
                                                  "input:not([type=hidden])"))
FIELDS = ", ".join(f"#onsite {tag}" for tag in ("select", "textarea",
                                                "input:not([type=hidden]):not([type=radio]):not([type=checkbox])"))
SMALL = """([selector, target]) => [...document.querySelectorAll(selector)]
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden')
  .filter(([e, box]) => box.width < target || box.height < target)
  .map(([e, box]) => `${e.tagName.toLowerCase()}[${e.name || e.textContent.trim()}] ` +
                     `${Math.round(box.width)}x${Math.round(box.height)}`)"""
# Fields narrower than the card they are in (its width less its padding and borders).
NARROW = """([selector, share]) => [...document.querySelectorAll(selector)]
  .filter(e => {
    const card = e.closest('.card, .act'), style = getComputedStyle(card);
    const inside = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return e.getBoundingClientRect().width < share * inside;
  })
  .map(e => `${e.tagName.toLowerCase()}[${e.name}] ${Math.round(e.getBoundingClientRect().width)}`)"""
# Style rules that show, hide or reveal something on hover only (a finger has no hover).
HOVER_ONLY = """() => [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
  .flatMap(rule => rule.cssRules ? [...rule.cssRules] : [rule])
  .filter(rule => rule.selectorText && rule.selectorText.includes(':hover'))
  .filter(rule => ['display', 'visibility', 'opacity', 'max-height', 'pointer-events']
    .some(property => rule.style.getPropertyValue(property)))
  .map(rule => rule.selectorText)"""


def a_started_inspection(ui) -> tuple[Page, str]:
    """The phone of the inspector on an inspection of their team they have just started on the page."""
    _, inspection = inspection_of_a_team(ui, "DA_THONG_BAO")
    phone = ui.login("an-giang.inspector", viewport=PHONE)
    phone.goto(f"/inspections/{inspection}")
    act(phone, "Bắt đầu kiểm tra", "#onsite", conducted_date="10/12/2026")
    expect(phone.locator("#inspection-status")).to_have_text("Đang kiểm tra")
    return phone, inspection


def save_bar(phone: Page):
    return phone.locator("#checklist").get_by_role("button", name="Lưu bảng kiểm", exact=True)


def test_the_on_site_part_is_usable_with_one_hand_on_a_phone(ui, axe, shot):
    phone, _ = a_started_inspection(ui)
    criteria = phone.locator("#checklist fieldset")
    assert criteria.count() >= 3

    assert phone.evaluate(SMALL, [CONTROLS, TARGET]) == [], "controls smaller than 44×44 on site"
    assert phone.evaluate(NARROW, [FIELDS, FULL_WIDTH]) == [], "fields narrower than the card they are in"
    assert phone.evaluate(HOVER_ONLY) == [], "controls that show only on hover"
    assert criteria.first.locator("input[type=radio]").count() == 3  # the answers: toggles, not a select
    assert criteria.first.locator("select").count() == 0
    assert not phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert axe(phone) == []

    criteria.nth(criteria.count() // 2).evaluate("e => e.scrollIntoView({block: 'center'})")
    box = save_bar(phone).bounding_box()
    assert phone.evaluate("window.scrollY") > 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"the save is off the screen: {box}"
    shot(phone, "checklist-middle")

    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = criteria.last.bounding_box()
    assert save_bar(phone).bounding_box()["y"] >= last["y"] + last["height"], "the bar covers the last criterion"


def test_on_a_phone_the_inspector_answers_the_checklist_and_records_a_finding(ui, shot):
    phone, inspection = a_started_inspection(ui)
    finding = f"Chưa cập nhật mục tiêu chất lượng ({RUN})"
    first = phone.locator("#checklist fieldset").first
    code = first.locator("input[name=criterion]").input_value()

    first.get_by_label("Không đạt", exact=True).check()
    first.locator(f"[name='note-{code}']").fill("Thiếu biên bản xem xét của lãnh đạo")
    phone.locator("#checklist fieldset").nth(2).evaluate("e => e.scrollIntoView({block: 'center'})")
    with phone.expect_navigation():
        save_bar(phone).click()  # from the middle of the checklist, not scrolled back to its end
    expect(phone.locator(".flash-ok")).to_have_text("Đã lưu.")
    act(phone, "Ghi phát hiện", "#findings", type="KHONG_PHU_HOP", description=finding, iso_clause="9.3")

    phone.reload()
    expect(phone.locator("#checklist fieldset").first.get_by_label("Không đạt", exact=True)).to_be_checked()
    expect(phone.locator("#findings")).to_contain_text(finding)
    saved = requests.get(f"{ui.gateway}/api/v1/inspections/inspections/{inspection}",
                         headers=api_headers(ui, "an-giang"), timeout=30).json()
    assert [(row["criterion_code"], row["result"], row.get("note")) for row in saved["checklist"]] == [
        (code, "KHONG_DAT", "Thiếu biên bản xem xét của lãnh đạo")]
    assert [(x["type"], x["description"], x["iso_clause"]) for x in saved["findings"]] == [
        ("KHONG_PHU_HOP", finding, "9.3")]
    shot(phone, "saved")

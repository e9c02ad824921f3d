"""The public list (công khai) in headless Chromium without login, against the real topology: reached from the
sign-in page, it lists the same agencies as the registry's own signed-in API says are announced for the province
on that day; its search ignores accents; it has no axe-core violation and no sideways scroll on a 390 px phone."""

from __future__ import annotations

import unicodedata

import requests
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
ANNOUNCED = {"DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}  # the registry's WITH_ANNOUNCEMENT


def signed_in_api(gateway: str, username: str = "an-giang.officer") -> dict:
    token = requests.post(f"{gateway}/auth/dev-token", json={"username": username}, timeout=30).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


def announced_today(gateway: str) -> set[str]:
    """The province's active agencies whose quality system stands announced, as the signed-in API says."""
    headers = signed_in_api(gateway)
    agencies = requests.get(f"{gateway}/api/v1/registry/agencies", params={"status": "HOAT_DONG", "page_size": 100},
                            headers=headers, timeout=30).json()["items"]
    assert agencies, "no agencies seeded for an-giang"
    names = set()
    for agency in agencies:
        system = requests.get(f"{gateway}/api/v1/registry/agencies/{agency['id']}/quality-system", headers=headers,
                              timeout=30)
        if system.status_code == 200 and system.json()["status"] in ANNOUNCED:
            names.add(agency["name"])
    return names


def announced_count(gateway: str, as_of: str) -> int:
    summary = requests.get(f"{gateway}/api/v1/registry/summary", params={"as_of": as_of, "borders": "current"},
                           headers=signed_in_api(gateway), timeout=30)
    return summary.json()["announced"]


def listed(page: Page) -> list[str]:
    """The names in the list, every page of it (following 'Trang sau')."""
    names = page.locator("#announced tbody td:first-child").all_inner_texts()
    while page.locator("nav.pager a[rel=next]").count():
        with page.expect_navigation():
            page.locator("nav.pager a[rel=next]").click()
        names += page.locator("#announced tbody td:first-child").all_inner_texts()
    return [name for name in names if name != "Không có cơ quan nào trong danh sách."]


def fits(page: Page) -> bool:
    return not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_without_login_the_list_matches_the_registry_s_announced_agencies(browser, settled, axe, shot):
    context = browser.new_context(base_url=settled.gateway, viewport=PHONE, locale="vi-VN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    expected = announced_today(settled.gateway)

    page.goto("/login")
    with page.expect_navigation():
        page.get_by_role("link", name="danh sách công khai", exact=False).click()
    assert axe(page) == [] and fits(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Tỉnh An Giang", exact=True).click()
    shot(page, "public-list")

    assert page.url.endswith("/cong-khai/an-giang")
    assert sorted(listed(page)) == sorted(expected)
    assert len(expected) == announced_count(settled.gateway, _today(page))
    assert axe(page) == [], "axe-core"
    assert fits(page), "the list scrolls sideways on a 390 px phone"
    context.close()


def plain(name: str) -> str:
    """A name without its accents, in lower case, as one types a search without Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_the_search_ignores_accents_and_the_day_shows_the_list_of_that_day(browser, settled, axe):
    context = browser.new_context(base_url=settled.gateway, viewport=PHONE, locale="vi-VN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/cong-khai/an-giang")

    page.get_by_role("searchbox", name="Tên cơ quan").fill("so tu phap")
    with page.expect_navigation():
        page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    found = listed(page)
    page.get_by_role("searchbox", name="Tên cơ quan").fill("")
    page.get_by_role("textbox", name="Tại ngày").fill("30/11/2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    before = listed(page)
    page.get_by_role("textbox", name="Tại ngày").fill("01/12/2020")
    with page.expect_navigation():
        page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    on_the_day = listed(page)

    assert "Sở Tư pháp tỉnh An Giang" in found  # other modules on the shared topology announce agencies too
    assert all("so tu phap" in plain(name) for name in found), found
    assert len(before) == announced_count(settled.gateway, "2020-11-30") == 0
    assert len(on_the_day) == announced_count(settled.gateway, "2020-12-01") > 0
    expect(page.locator("#list-day")).to_contain_text("01/12/2020")
    downloads = page.locator("main .toolbar a")
    expect(downloads).to_have_text(["Tải CSV", "Tải JSON"])
    data = requests.get(settled.gateway + downloads.nth(1).get_attribute("href"), timeout=30)
    assert data.status_code == 200 and "Authorization" not in data.request.headers
    assert sorted(item["name"] for item in data.json()["items"]) == sorted(on_the_day)
    assert axe(page) == [] and fits(page)
    context.close()


def _today(page: Page) -> str:
    """The day the list says it is of (dd/mm/yyyy on the page), as yyyy-mm-dd."""
    text = page.locator("#list-day").inner_text()
    day, month, year = text.split(":")[0].split()[-1].split("/")
    return f"{year}-{month}-{day}"

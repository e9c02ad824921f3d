"""The dashboards on the real services (ADR 35): the officer follows a headline tile to the records behind it, and
the national user reads the ranking and the grid of provinces; axe-core finds nothing on either page."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_officer_follows_a_tile_to_its_records(ui, axe, shot):
    officer = ui.login("an-giang.officer")
    expect(officer.locator("h1")).to_contain_text("Tỉnh An Giang")
    tiles = officer.locator("#headline .tile")
    expect(tiles).to_have_count(10)
    applying = tiles.filter(has_text="Cơ quan bắt buộc đã áp dụng")
    expect(applying).to_contain_text("Chỉ tiêu: 100%")
    expect(applying.locator(".tile-target strong")).to_have_text(re.compile(r"^(Đạt|Chưa đạt)$"))
    expect(officer.locator("#trend svg.trend")).to_have_count(3)
    expect(officer.locator("#trend-table tbody tr")).to_have_count(5)
    expect(officer.locator("#attention .attention-flag")).to_have_count(5)
    assert officer.locator("main").inner_text().count("0/0") == 0
    assert axe(officer) == []
    shot(officer, "dashboard")

    with officer.expect_navigation():
        applying.get_by_role("link").click()
    assert re.search(r"/agencies\?(.*&)?status=HOAT_DONG", officer.url)
    expect(officer.locator("table tbody tr").first).to_be_visible()


def test_the_national_user_sees_the_ranking_and_the_grid_of_provinces(ui, axe, shot):
    national = ui.login("national")
    expect(national.locator("h1")).to_have_text("So sánh các tỉnh")
    side_by_side = national.locator("table", has=national.locator("caption", has_text="So sánh các tỉnh"))
    provinces = side_by_side.locator("tbody tr").count()
    assert provinces > 1
    squares = national.locator("#province-grid .square")
    ranked = national.locator("#ranking tbody tr")
    expect(squares).to_have_count(provinces)
    expect(ranked).to_have_count(provinces)
    expect(ranked.first.locator("td").first).to_have_text("1")
    ranks = [text for text in ranked.locator("td:first-child").all_inner_texts() if text != "—"]
    assert [int(rank) for rank in ranks] == sorted(int(rank) for rank in ranks)
    assert axe(national) == []
    shot(national, "national")

    first = squares.first.locator(".square-name").inner_text()
    with national.expect_navigation():
        squares.first.get_by_role("link").click()
    expect(national.locator("h1")).to_contain_text(first)

"""On a phone (390 px wide), every page a role reaches from its menu, and the first record each list links to:
no sideways scroll, a header that leaves most of the screen to the page, and axe-core finding nothing."""

from __future__ import annotations

import pytest

from tests.web.pages import pages_of

PHONE = {"width": 390, "height": 844}
HEADER_SHARE = 0.25  # of the phone's height, at most
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll, .top nav'))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


@pytest.mark.parametrize("username", ["an-giang.officer", "an-giang.inspector", "an-giang.leader",
                                      "an-giang.agency", "national"])
def test_every_page_fits_a_phone_and_axe_finds_nothing(ui, axe, username):
    page = ui.login(username, viewport=PHONE)
    wide, broken, tall = [], [], []

    for path in pages_of(page):
        page.goto(path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(f"{path} {page.evaluate(OVERFLOWING)}")
        if page.locator("header.top").bounding_box()["height"] > HEADER_SHARE * PHONE["height"]:
            tall.append(path)
        broken += [f"{path}: {rule}" for rule in axe(page)]

    assert wide == [], f"pages wider than a 390 px phone: {wide}"
    assert tall == [], f"pages whose header takes more than a quarter of the phone: {tall}"
    assert broken == []

"""What several browser tests walk: the pages a signed-in role reaches from its menu."""

from __future__ import annotations

import re

from playwright.sync_api import Page

RECORD = re.compile(r"^/(agencies|plans|inspections|recommendations|classes|reports|budget/lines|national/reports"
                    r"/[\w-]+)/[0-9a-f-]{36}$")


def pages_of(page: Page) -> list[str]:
    """The menu's pages, and after each the first record its page links to."""
    menu = page.locator("nav a").evaluate_all("links => links.map(a => a.pathname)")
    seen: list[str] = []
    for path in menu:
        page.goto(path)
        links = page.locator("main a").evaluate_all("links => links.map(a => a.pathname)")
        record = next((link for link in links if RECORD.match(link)), None)
        seen += [p for p in (path, record) if p and p not in seen]
    return seen

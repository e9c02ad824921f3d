"""The browser tests: one topology (real PostgreSQL, real Kafka, seed-demo data) and one headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import jwt
import pytest
import requests
from playwright.sync_api import Page, sync_playwright

from localinfra.debian import ensure_chromium
from tests.e2e.conftest import topology_fixtures
from tests.web import a11y

# One topology for every browser test module (starting one takes half a minute to a minute and a half): the
# modules name what they make with their own run id, and none counts what another may have added.
kafka_server, kafka, kafka_logins, stack = topology_fixtures("package")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "artefacts" / "screenshots"
TABLET = {"width": 1024, "height": 768}


class Ui:
    """Opens pages on the stack's gateway as a given demo user, one browser context (cookie jar) each."""

    def __init__(self, browser, gateway: str):
        self.browser, self.gateway = browser, gateway
        self.contexts = []

    def login(self, username: str, viewport: dict = TABLET) -> Page:
        context = self.browser.new_context(base_url=self.gateway, viewport=viewport, locale="vi-VN")
        context.set_default_timeout(20_000)
        self.contexts.append(context)
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Người dùng mẫu").select_option(username)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập", exact=True).click()
        return page

    def claims(self, username: str) -> dict:
        """The claims the dev issuer gives `username` (e.g. the agency of a `<tenant>.agency` user)."""
        reply = requests.post(f"{self.gateway}/auth/dev-token", json={"username": username}, timeout=30)
        reply.raise_for_status()
        return jwt.decode(reply.json()["access_token"], options={"verify_signature": False})

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture(scope="package")
def browser():
    chromium = ensure_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                              args=["--no-sandbox", "--lang=vi"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def settled(stack):  # noqa: F811
    """Wait until every seeded event is published and applied: the journeys' forms rely on the replicas."""
    stack.wait_settled(timeout=120)
    return stack


@pytest.fixture
def ui(browser, settled):
    opened = Ui(browser, settled.gateway)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def axe():
    """axe(page): the rules axe-core finds broken on the page as it is now (tests/web/a11y.py: WCAG 2.0 and 2.1 A
    and AA, and axe's best practices), as "rule: elements"; an empty list when there are none."""

    def broken(page: Page) -> list[str]:
        return [f"{v['id']}: {', '.join(v['targets'])}" for v in a11y.violations(page)]

    return broken


@pytest.fixture
def shot(request):
    """shot(page, name) saves var/artefacts/screenshots/<test>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^A-Za-z0-9_-]+", "_", request.node.name)

    def take(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{test}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

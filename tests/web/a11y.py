"""axe-core in the browser tests: the engine (from npm, localinfra.npm) injected into the page as it is, and the
rules it breaks, WCAG 2.0 and 2.1 at levels A and AA and axe's best practices.

The script is evaluated through the DevTools protocol, which the pages' Content-Security-Policy (scripts from
the site only) does not govern, so the page under test is the page users get."""

from __future__ import annotations

from functools import cache

from playwright.sync_api import Page

from localinfra.npm import ensure_axe_core

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN = """async (tags) => {
  const found = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     targets: v.nodes.map(node => node.target.join(" "))}));
}"""


@cache
def _engine() -> str:
    return ensure_axe_core().read_text(encoding="utf-8")


def violations(page: Page) -> list[dict]:
    """What axe-core finds wrong on `page` now: [{id, impact, help, targets}], empty when nothing."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{ {_engine()}\n}}")
    return page.evaluate(RUN, TAGS)

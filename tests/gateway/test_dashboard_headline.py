"""The dashboard's headline shows the one on-site share, with its denominator: obliged agencies visited on site."""

from __future__ import annotations

from flask import Flask

from gateway.web import install_babel
from gateway.web.pages_home import headline

ON_SITE = "Cơ quan bắt buộc được kiểm tra tại trụ sở"


def shown(figures: dict) -> dict[str, str]:
    app = Flask(__name__)
    install_babel(app)
    with app.test_request_context("/"):
        return dict(headline(figures))


def test_the_on_site_share_is_of_the_obliged_agencies():
    figures = {"total": 197, "inspections": {"done": 197, "on_site": 29,
                                             "on_site_of_obliged": {"done": 29, "of": 41, "percent": 71,
                                                                    "basis": "REGISTRY_OBLIGATION"}}}

    assert shown(figures)[ON_SITE] == "29/41 (71%)"


def test_no_share_of_nothing_is_a_dash():
    nothing = {"total": 0, "inspections": {"on_site_of_obliged": {"done": 0, "of": 0, "percent": None}}}

    assert shown(nothing)[ON_SITE] == "—"

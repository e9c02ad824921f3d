"""The notifications calendar feed is the one service path the gateway passes without a token (its secret URL is
the credential); every other notifications path still needs one."""

import pytest
from flask import Flask, jsonify

from gateway.app import create_app
from gateway.proxy import WsgiUpstream

FEED = "/api/v1/notifications/calendars/an-giang/Zx3_k-9qLm.ics"


@pytest.fixture
def upstream_calls():
    return []


@pytest.fixture
def client(issuer, upstream_calls):
    service = Flask("notifications")

    @service.route("/api/v1/notifications/<path:rest>", methods=["GET", "POST"])
    def echo(rest):
        upstream_calls.append(rest)
        return jsonify(path=rest)

    return create_app({"notifications": WsgiUpstream(service)}, issuer.verifier(), None).test_client()


def test_the_calendar_feed_reaches_the_service_without_a_token(client, upstream_calls):
    response = client.get(FEED)

    assert response.status_code == 200
    assert upstream_calls == ["calendars/an-giang/Zx3_k-9qLm.ics"]


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/api/v1/notifications/calendars"),
    ("POST", "/api/v1/notifications/calendars"),
    ("GET", "/api/v1/notifications/schedule"),
    ("POST", FEED),
    ("GET", "/api/v1/notifications/calendars/an-giang/Zx3_k-9qLm.ics/extra"),
    ("GET", "/api/v1/notifications/calendars/an-giang/x/y.ics"),
    ("GET", "/api/v1/notifications/calendars/an-giang/Zx3_k-9qLm.ics.json"),
])
def test_every_other_notifications_path_without_a_token_is_401(client, upstream_calls, method, path):
    response = client.open(path, method=method)

    assert response.status_code == 401
    assert upstream_calls == []


def test_the_feed_path_of_another_service_still_needs_a_token(issuer):
    service = Flask("registry")
    service.add_url_rule("/api/v1/registry/<path:rest>", view_func=lambda rest: "x")
    client = create_app({"registry": WsgiUpstream(service)}, issuer.verifier(), None).test_client()

    assert client.get("/api/v1/registry/calendars/an-giang/Zx3_k-9qLm.ics").status_code == 401

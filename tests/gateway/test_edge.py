"""The gateway's edge: rate limits with Retry-After, security headers, CORS, 401 before any upstream call."""

import pytest
from flask import Flask, jsonify

from gateway.app import create_app
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def upstream_calls():
    return []


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(issuer, upstream_calls, clock):
    service = Flask("echo")

    @service.route("/api/v1/echo/<path:rest>", methods=["GET", "POST"])
    def echo(rest):
        upstream_calls.append(rest)
        return jsonify(path=rest)

    edge = EdgePolicy(per_user=FixedWindowLimiter(3, clock=clock), per_ip=FixedWindowLimiter(5, clock=clock),
                      allowed_origins=frozenset({"https://iso.angiang.gov.vn"}))
    app = create_app({"echo": WsgiUpstream(service)}, issuer.verifier(), None, edge=edge)
    return app.test_client()


class TestRateLimits:
    def test_a_user_over_the_limit_gets_429_with_retry_after_until_the_window_ends(self, client, issuer, clock,
                                                                                     upstream_calls):
        headers = issuer.headers(sub="busy-officer", tenant="an-giang")

        codes = [client.get("/api/v1/echo/x", headers=headers).status_code for _ in range(4)]
        refused = client.get("/api/v1/echo/x", headers=headers)
        clock.now += 61
        after = client.get("/api/v1/echo/x", headers=headers)

        assert codes == [200, 200, 200, 429]
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert refused.content_type == "application/problem+json"
        assert after.status_code == 200 and len(upstream_calls) == 4

    def test_another_user_is_not_slowed_by_the_first(self, client, issuer):
        for _ in range(3):
            client.get("/api/v1/echo/x", headers=issuer.headers(sub="a"))

        assert client.get("/api/v1/echo/x", headers=issuer.headers(sub="b")).status_code == 200

    def test_one_address_is_limited_even_without_a_token(self, client):
        codes = [client.get("/api/v1/echo/x").status_code for _ in range(6)]

        assert codes == [401] * 5 + [429]


class TestHeaders:
    def test_every_answer_carries_the_security_headers(self, client, issuer):
        for response in (client.get("/api/v1/echo/x", headers=issuer.headers()), client.get("/api/v1/echo/x"),
                         client.get("/livez")):
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["X-Frame-Options"] == "DENY"
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]

    def test_cors_answers_only_the_configured_origins(self, client, issuer):
        allowed = client.get("/api/v1/echo/x", headers={**issuer.headers(), "Origin": "https://iso.angiang.gov.vn"})
        other = client.get("/api/v1/echo/x", headers={**issuer.headers(), "Origin": "https://evil.example"})
        preflight = client.options("/api/v1/echo/x", headers={"Origin": "https://iso.angiang.gov.vn"})

        assert allowed.headers["Access-Control-Allow-Origin"] == "https://iso.angiang.gov.vn"
        assert "Access-Control-Allow-Origin" not in other.headers
        assert preflight.status_code == 204 and "Authorization" in preflight.headers["Access-Control-Allow-Headers"]

    def test_an_unknown_service_is_404_and_no_upstream_is_called(self, client, issuer, upstream_calls):
        assert client.get("/api/v1/nothing/x", headers=issuer.headers()).status_code == 404
        assert upstream_calls == []


class TestNulCharacters:
    @pytest.mark.parametrize(("query", "body"), [("q=a%00b", None), ("", {"name": "Sở\u0000 Tư pháp"})],
                             ids=["in the query", "in a JSON body"])
    def test_a_nul_character_is_refused_with_422_before_any_service(self, client, issuer, upstream_calls, query,
                                                                     body):
        response = client.post(f"/api/v1/echo/x?{query}", json=body, headers=issuer.headers())

        assert response.status_code == 422 and response.content_type == "application/problem+json"
        assert upstream_calls == []

    def test_ordinary_vietnamese_text_passes(self, client, issuer, upstream_calls):
        response = client.post("/api/v1/echo/x?q=S%E1%BB%9F", json={"name": "Sở Tư pháp"}, headers=issuer.headers())

        assert response.status_code == 200 and upstream_calls == ["x"]

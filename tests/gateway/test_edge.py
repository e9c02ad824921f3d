"""The gateway's edge: rate limits with Retry-After, security headers, CORS, 401 before any upstream call."""

import threading

import pytest
from flask import Flask, jsonify
from flask import request as service_request
from werkzeug.serving import make_server

from gateway.app import create_app
from gateway.config import Settings
from gateway.inbound import TrustedProxies
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import HttpUpstream, WsgiUpstream


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


class TestTrustedProxies:
    """Behind an ingress every request comes from the ingress pod: the client is named by X-Forwarded-For, which
    is believed only from the proxies TRUSTED_PROXIES names (by default none)."""

    @staticmethod
    def behind_ingress(issuer, trusted: str):
        service = Flask("echo")
        service.add_url_rule("/api/v1/echo/<path:rest>", "echo", lambda rest: jsonify(path=rest))
        edge = EdgePolicy(per_user=FixedWindowLimiter(100), per_ip=FixedWindowLimiter(2),
                          trusted_proxies=TrustedProxies.parse(trusted))
        client = create_app({"echo": WsgiUpstream(service)}, issuer.verifier(), None, edge=edge).test_client()

        def get(client_address: str):
            return client.get("/api/v1/echo/x", environ_base={"REMOTE_ADDR": "10.1.2.3"},
                              headers={"X-Forwarded-For": client_address})

        return get

    @pytest.mark.parametrize("trusted", ["1", "10.0.0.0/8"], ids=["one hop", "the ingress network"])
    def test_rate_limits_behind_an_ingress_key_on_the_client_not_the_ingress_pod(self, issuer, trusted):
        get = self.behind_ingress(issuer, trusted)

        busy = [get("203.0.113.7").status_code for _ in range(3)]
        other = get("198.51.100.9").status_code

        assert busy == [401, 401, 429] and other == 401

    def test_by_default_no_proxy_is_trusted_and_a_forged_header_changes_nothing(self, issuer):
        get = self.behind_ingress(issuer, "")

        codes = [get(f"203.0.113.{n}").status_code for n in range(3)]

        assert codes == [401, 401, 429]

    def test_an_address_from_an_untrusted_hop_is_not_believed(self):
        proxies = TrustedProxies.parse("10.0.0.0/8")

        assert proxies.client("10.1.2.3", "1.2.3.4, 203.0.113.7") == "203.0.113.7"
        assert proxies.client("10.1.2.3", "1.2.3.4, 10.9.9.9") == "1.2.3.4"
        assert proxies.client("192.0.2.1", "1.2.3.4") == "192.0.2.1"
        assert proxies.client("10.1.2.3", "not-an-address") == "10.1.2.3"
        assert TrustedProxies.parse("2").client("10.1.2.3", "1.2.3.4, 10.0.0.5") == "1.2.3.4"

    def test_the_setting_comes_from_the_environment_and_trusts_none_by_default(self):
        assert Settings.from_env({"TRUSTED_PROXIES": "1"}).trusted_proxies == "1"
        assert not TrustedProxies.parse(Settings.from_env({}).trusted_proxies).enabled


class TestOpenApiLimit:
    def test_the_merged_openapi_document_is_rate_limited_per_address(self, client):
        codes = [client.get("/api/openapi.json").status_code for _ in range(6)]

        assert codes == [200] * 5 + [429]


class TestRawPathOverHttp:
    """The distributed mode: the service behind HttpUpstream sees the path as the client sent it."""

    @pytest.fixture
    def service_url(self):
        seen = []

        def app(environ, start_response):
            seen.append(environ.get("RAW_URI") or environ.get("REQUEST_URI"))
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b"{}"]

        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}", seen
        server.shutdown()

    def test_the_raw_path_reaches_the_service_and_encoded_separators_do_not(self, issuer, service_url):
        url, seen = service_url
        app = create_app({"echo": HttpUpstream(url)}, issuer.verifier(), None)
        client = app.test_client()

        kept = client.get("/api/v1/echo/S%E1%BB%9F%20x?q=1", headers=issuer.headers())
        climbing = client.get("/api/v1/echo/..%2f..%2f..%2fmetrics", headers=issuer.headers())
        query = client.get("/api/v1/echo/a%3Fb=1", headers=issuer.headers())
        cut = client.get("/api/v1/echo/a%23b", headers=issuer.headers())

        assert kept.status_code == 200 and seen == ["/api/v1/echo/S%E1%BB%9F%20x?q=1"]
        assert climbing.status_code == query.status_code == cut.status_code == 400


class TestUploads:
    """An attachment's upload may be larger than other bodies (UPLOAD_MAX_BODY_BYTES), and only there."""

    AGENCY = "6321b6f3-ae21-51b1-8b2d-548bd4ba80e1"

    @pytest.fixture
    def gateway(self, issuer):
        received = []
        service = Flask("registry")

        @service.route("/api/v1/<any(registry, inspections):name>/<path:rest>", methods=["POST"])
        def registry(name, rest):
            received.append(len(service_request.get_data()))
            return jsonify(path=rest), 201

        app = create_app({"registry": WsgiUpstream(service), "inspections": WsgiUpstream(service)},
                         issuer.verifier(), None, max_body_bytes=1 << 20, upload_max_bytes=4 << 20)
        return app.test_client(), received

    def post(self, client, issuer, path: str, size: int, service: str = "registry"):
        return client.post(f"/api/v1/{service}/{path}", data=b"x" * size, content_type="application/octet-stream",
                           headers={"Authorization": f"Bearer {issuer.token()}"})

    def test_a_3_mib_attachment_passes_while_3_mib_elsewhere_is_a_413(self, gateway, issuer):
        client, received = gateway

        upload = self.post(client, issuer, f"agencies/{self.AGENCY}/attachments", 3 << 20)
        elsewhere = self.post(client, issuer, "agencies", 3 << 20)

        assert upload.status_code == 201 and received == [3 << 20]
        assert elsewhere.status_code == 413 and "1048576" in elsewhere.get_json()["detail"]

    def test_a_recommendations_evidence_is_an_upload_too_and_nothing_else_of_inspections_is(self, gateway,
                                                                                              issuer):
        client, received = gateway

        upload = self.post(client, issuer, f"recommendations/{self.AGENCY}/attachments", 3 << 20, "inspections")
        elsewhere = self.post(client, issuer, f"recommendations/{self.AGENCY}/remediation", 3 << 20, "inspections")

        assert upload.status_code == 201 and received == [3 << 20]
        assert elsewhere.status_code == 413

    def test_an_upload_over_its_own_limit_is_a_413_that_names_it(self, gateway, issuer):
        client, received = gateway

        response = self.post(client, issuer, f"agencies/{self.AGENCY}/attachments", (4 << 20) + 1)

        assert response.status_code == 413 and "4194304" in response.get_json()["detail"] and received == []

"""Login through an OIDC provider (authorization code, state, PKCE), the session cookie and CSRF, without a browser.

The provider is a fake behind the client's `fetch` (outbound HTTP); its tokens are signed by the test Issuer,
which the gateway trusts.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, jsonify, request

from gateway import web
from gateway.app import create_app
from gateway.config import Settings
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from tests.gateway.web_app import csrf_token

PROVIDER = "https://idp.example.test/realms/iso-hcc"
SETTINGS = Settings(secret_key="test-secret", oidc_issuer=PROVIDER, oidc_client_id="iso-hcc-gateway",
                    oidc_client_secret="s3cret")


class FakeProvider:
    """Discovery, and a token endpoint that checks the client, the code and the PKCE verifier."""

    def __init__(self, issuer):
        self.issuer, self.codes, self.exchanges = issuer, {}, []

    def authorize(self, query: dict, claims: dict) -> str:
        code = f"code-{len(self.codes)}"
        self.codes[code] = (query["code_challenge"][0], query["redirect_uri"][0], claims)
        return code

    def __call__(self, method, url, data=None, auth=None):
        if url == f"{PROVIDER}/.well-known/openid-configuration":
            return {"issuer": PROVIDER, "authorization_endpoint": f"{PROVIDER}/auth",
                    "token_endpoint": f"{PROVIDER}/token"}
        assert (method, url, auth) == ("POST", f"{PROVIDER}/token", ("iso-hcc-gateway", "s3cret"))
        challenge, redirect_uri, claims = self.codes.pop(data["code"])
        digest = hashlib.sha256(data["code_verifier"].encode()).digest()
        assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == challenge
        assert data["redirect_uri"] == redirect_uri
        self.exchanges.append(data)
        return {"access_token": self.issuer.token(**claims), "token_type": "Bearer"}


@pytest.fixture
def registry_calls():
    return []


@pytest.fixture
def app(issuer, registry_calls):
    registry = Flask("fake-registry")

    @registry.get("/api/v1/registry/tenants")
    def tenants():
        registry_calls.append(request.headers.get("Authorization"))
        return jsonify([{"id": "an-giang", "name": "Tỉnh An Giang", "created_at": "2026-01-02T00:00:00+00:00"}])

    app = create_app({"registry": WsgiUpstream(registry)}, issuer.verifier(), None)
    return web.configure(app, SETTINGS)


@pytest.fixture
def provider(app, issuer):
    fake = FakeProvider(issuer)
    app.extensions["web"]["oidc"].fetch = fake
    return fake


def csrf_of(client) -> str:
    """The CSRF token of the client's session, as its pages' forms carry it."""
    return csrf_token(client)


def test_the_code_flow_signs_in_and_the_pages_call_the_services_with_the_token(app, provider, registry_calls):
    client = app.test_client()

    start = client.get("/login/oidc?next=/tenants")
    query = parse_qs(urlsplit(start.location).query)
    code = provider.authorize(query, {"sub": "ops", "roles": ["platform_admin"], "name": "Vận hành"})
    done = client.get(f"/login/callback?code={code}&state={query['state'][0]}")
    page = client.get("/tenants")

    assert start.status_code == 302 and start.location.startswith(f"{PROVIDER}/auth?")
    assert query["code_challenge_method"] == ["S256"] and query["client_id"] == ["iso-hcc-gateway"]
    assert query["redirect_uri"] == ["http://localhost/login/callback"]
    assert done.status_code == 302 and done.location == "/tenants"
    assert "Tỉnh An Giang" in page.get_data(as_text=True) and "Vận hành" in page.get_data(as_text=True)
    [authorization] = registry_calls
    assert authorization.startswith("Bearer ey")
    cookie = done.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_callback_with_another_state_signs_nobody_in(app, provider):
    client = app.test_client()
    query = parse_qs(urlsplit(client.get("/login/oidc").location).query)
    code = provider.authorize(query, {"sub": "ops", "roles": ["platform_admin"]})

    done = client.get(f"/login/callback?code={code}&state=forged")

    assert done.location == "/login"
    assert provider.exchanges == []
    assert client.get("/tenants").location.startswith("/login")


def test_a_token_the_gateway_does_not_trust_signs_nobody_in(app, provider):
    client = app.test_client()
    query = parse_qs(urlsplit(client.get("/login/oidc").location).query)
    code = provider.authorize(query, {"sub": "ops", "roles": ["platform_admin"], "iss": "https://elsewhere"})

    done = client.get(f"/login/callback?code={code}&state={query['state'][0]}")

    assert done.location == "/login"
    assert client.get("/tenants").location.startswith("/login")


def test_without_dev_login_the_login_page_offers_only_the_provider(app):
    client = app.test_client()

    page = client.get("/login").get_data(as_text=True)
    dev = client.post("/login/dev", data={"csrf": csrf_of(client), "username": "admin"})

    assert "/login/oidc" in page and 'name="username"' not in page
    assert dev.status_code == 404


def test_a_form_without_its_csrf_token_is_refused(app):
    client, other = app.test_client(), app.test_client()

    refused = client.post("/logout", data={"csrf": "guessed"})
    missing = client.post("/logout", data={})
    anothers = client.post("/logout", data={"csrf": csrf_of(other)})
    accepted = client.post("/logout", data={"csrf": csrf_of(client)})

    assert refused.status_code == missing.status_code == anothers.status_code == 400
    assert "Biểu mẫu không hợp lệ hoặc đã hết hạn" in refused.get_data(as_text=True)
    assert accepted.status_code == 302


def test_a_page_whose_service_is_missing_answers_an_html_error_page(app, provider):
    client = app.test_client()
    query = parse_qs(urlsplit(client.get("/login/oidc").location).query)
    code = provider.authorize(query, {"sub": "ops", "roles": ["province_officer"], "tenant": "an-giang"})
    client.get(f"/login/callback?code={code}&state={query['state'][0]}")

    page = client.get("/dashboard")  # no reporting service behind this gateway

    assert page.status_code == 404
    assert page.mimetype == "text/html" and "Không tìm thấy." in page.get_data(as_text=True)


def test_oidc_without_a_secret_key_refuses_to_start(issuer):
    app = create_app({}, issuer.verifier(), None)

    with pytest.raises(SystemExit):
        web.configure(app, replace(SETTINGS, secret_key=""))


@pytest.mark.parametrize("target", ["//evil.example/x", "/\\evil.example/x", "https://evil.example/x"])
def test_next_never_leaves_the_site(app, provider, target):
    client = app.test_client()
    query = parse_qs(urlsplit(client.get("/login/oidc", query_string={"next": target}).location).query)
    code = provider.authorize(query, {"sub": "ops", "roles": ["platform_admin"]})

    done = client.get(f"/login/callback?code={code}&state={query['state'][0]}")

    assert done.location == "/"


def test_the_pages_keep_the_edge_rate_limit_per_ip(issuer):
    edge = EdgePolicy(per_user=FixedWindowLimiter(100), per_ip=FixedWindowLimiter(3))
    app = web.configure(create_app({}, issuer.verifier(), None, edge=edge), SETTINGS)
    client = app.test_client()

    answers = [client.get("/login") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["Retry-After"]) > 0 and "Quá nhiều yêu cầu" in answers[-1].get_data(as_text=True)

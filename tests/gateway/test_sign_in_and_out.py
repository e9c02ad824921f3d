"""Issue 20, the web login's edges, through the real gateway over a stub registry: `next` is a local path or home
(a CRLF gave a 500), no redirect names the Host header's site (a double slash did), and sign-out ends the session
for a copy of its cookie too (in memory, and in Redis shared by two gateways)."""

from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, jsonify

from gateway.app import create_app
from gateway.devauth import DevIssuer
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from gateway.revocation import RedisRevocations, redis_revocations
from kit import auth
from localinfra.redis import start_redis

ISSUER, AUDIENCE = "iso-hcc-test", "iso-hcc"


@pytest.fixture(scope="module")
def dev_issuer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return DevIssuer(key, issuer=ISSUER, audience=AUDIENCE)


def registry() -> Flask:
    """Answers every page's call with an empty list; `/tenants/current` (read at sign-in) is a 404, as for a
    province not registered: the pages still work."""
    service = Flask("stub-registry")

    @service.get("/api/v1/registry/<path:rest>")
    def anything(rest):
        if rest == "tenants/current":
            return jsonify(title="Not Found"), 404
        return jsonify(items=[], total=0)

    return service


def gateway_app(dev_issuer, **edge):
    verifier = auth.TokenVerifier(auth.AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=dev_issuer.jwks()))
    policy = EdgePolicy(per_user=FixedWindowLimiter(10**6), per_ip=FixedWindowLimiter(10**6), **edge)
    return create_app({"registry": WsgiUpstream(registry())}, verifier, dev_issuer, edge=policy)


@pytest.fixture
def app(dev_issuer):
    return gateway_app(dev_issuer)


def token_of(client, path: str = "/agencies") -> str:
    """The CSRF token in the page's forms, as the browser sends it back."""
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, next_: str = "/"):
    return client.post("/login/dev", data={"username": "an-giang.officer", "csrf": token_of(client, "/login"),
                                           "next": next_})


class TestNext:
    @pytest.mark.parametrize("target", ["/agencies\r\nSet-Cookie: x=1", "/a\nb", "/a\tb", "/\x7f"])
    def test_a_control_character_in_the_login_next_goes_home_not_500(self, app, target):
        response = sign_in(app.test_client(), target)

        assert response.status_code == 302 and response.headers["Location"] == "/"

    @pytest.mark.parametrize("target", ["//evil.example/x", "/\\evil.example", "https://evil.example/", "agencies"])
    def test_a_next_that_is_not_a_local_path_goes_home(self, app, target):
        assert sign_in(app.test_client(), target).headers["Location"] == "/"

    def test_a_local_next_is_followed(self, app):
        assert sign_in(app.test_client(), "/agencies?status=HOAT_DONG").headers["Location"] == \
            "/agencies?status=HOAT_DONG"

    def test_a_double_slash_does_not_reflect_the_host_header_in_a_redirect(self, app):
        client = app.test_client()
        for path in ("//agencies", "//evil.example/", "/login/"):
            response = client.get(path, headers={"Host": "evil.example"})

            assert "evil.example" not in response.headers.get("Location", ""), path


class TestSignOut:
    def test_a_session_cookie_copied_before_logout_does_not_work_after_it(self, app):
        client = app.test_client()
        sign_in(client)
        copied = client.get_cookie("iso_hcc_session").value
        assert client.get("/agencies").status_code == 200
        csrf = token_of(client)
        with client.session_transaction() as session:
            token = session["token"]

        client.post("/logout", data={"csrf": csrf})
        thief = app.test_client()
        thief.set_cookie("iso_hcc_session", copied)
        page = thief.get("/agencies")
        api = thief.get("/api/v1/registry/agencies", headers={"Authorization": f"Bearer {token}"})

        assert page.status_code == 302 and page.headers["Location"].startswith("/login")
        assert api.status_code == 401 and api.content_type == "application/problem+json"

    def test_another_users_session_still_works(self, app):
        first, second = app.test_client(), app.test_client()
        sign_in(first)
        sign_in(second)
        csrf = token_of(first)

        first.post("/logout", data={"csrf": csrf})

        assert second.get("/agencies").status_code == 200


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


class TestSignOutShared:
    def test_a_logout_on_one_gateway_ends_the_session_on_another_through_redis(self, dev_issuer, redis_url):
        one = gateway_app(dev_issuer, revocations=redis_revocations(redis_url))
        other = gateway_app(dev_issuer, revocations=redis_revocations(redis_url))
        other.secret_key = one.secret_key
        client = one.test_client()
        sign_in(client)
        copied = client.get_cookie("iso_hcc_session").value
        csrf = token_of(client)

        client.post("/logout", data={"csrf": csrf})
        elsewhere = other.test_client()
        elsewhere.set_cookie("iso_hcc_session", copied)

        assert elsewhere.get("/agencies").status_code == 302

    def test_an_unreachable_redis_keeps_this_process_sign_outs_and_answers_no_500(self, dev_issuer):
        revocations = redis_revocations("redis://127.0.0.1:1/0")
        assert isinstance(revocations, RedisRevocations)
        app = gateway_app(dev_issuer, revocations=revocations)
        client = app.test_client()
        sign_in(client)
        copied = client.get_cookie("iso_hcc_session").value
        csrf = token_of(client)

        client.post("/logout", data={"csrf": csrf})
        thief = app.test_client()
        thief.set_cookie("iso_hcc_session", copied)

        assert thief.get("/agencies").status_code == 302

"""A gateway whose web UI talks to one fake service app standing in for every upstream, with a dev sign-in."""

from __future__ import annotations

import flask
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf.csrf import generate_csrf

from gateway.app import create_app
from gateway.devauth import DevIssuer
from gateway.proxy import WsgiUpstream
from kit.auth import AuthSettings, TokenVerifier

ISSUER, AUDIENCE = "iso-hcc-test", "iso-hcc"
SERVICES = ("registry", "inspections", "training", "reporting", "budget")
KNOWN = "known"  # a form's `csrf` the test client replaces with the session's real token


class FormClient(FlaskClient):
    """A test client that posts forms as a page would: a `csrf` of "known" becomes the session's token, signed by
    Flask-WTF as the page's hidden field carries it; any other value is sent as it is (a forged token)."""

    def open(self, *args, **kwargs):
        data = kwargs.get("data")
        if isinstance(data, dict) and data.get("csrf") == KNOWN:
            kwargs["data"] = {**data, "csrf": csrf_token(self)}
        return super().open(*args, **kwargs)


def csrf_token(client: FlaskClient) -> str:
    """The token a page of the client's session carries, signed by Flask-WTF (the session gets one if it has none)."""
    with client.session_transaction() as session:
        raw = session.setdefault("csrf", "raw-" + KNOWN)
    with client.application.test_request_context():
        flask.session["csrf"] = raw
        return generate_csrf()


def gateway_over(services: Flask, names: tuple[str, ...] = SERVICES) -> Flask:
    """The gateway with `services` as the upstream of each of `names` (the others are not there at all)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    dev = DevIssuer(key, issuer=ISSUER, audience=AUDIENCE)
    verifier = TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=dev.jwks()))
    upstream = WsgiUpstream(services)
    app = create_app({name: upstream for name in names}, verifier, dev)
    app.test_client_class = FormClient
    return app


def signed_in(app: Flask, username: str = "an-giang.officer"):
    """A test client of `app` signed in as `username` through the dev sign-in; its forms post `csrf` "known"."""
    browser = app.test_client()
    assert browser.post("/login/dev", data={"username": username, "csrf": KNOWN}).status_code == 302
    return browser

"""A gateway whose web UI talks to one fake service app standing in for every upstream, with a dev sign-in."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask

from gateway.app import create_app
from gateway.devauth import DevIssuer
from gateway.proxy import WsgiUpstream
from kit.auth import AuthSettings, TokenVerifier

ISSUER, AUDIENCE = "iso-hcc-test", "iso-hcc"
SERVICES = ("registry", "inspections", "training", "reporting", "budget")


def gateway_over(services: Flask, names: tuple[str, ...] = SERVICES) -> Flask:
    """The gateway with `services` as the upstream of each of `names` (the others are not there at all)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    dev = DevIssuer(key, issuer=ISSUER, audience=AUDIENCE)
    verifier = TokenVerifier(AuthSettings(issuer=ISSUER, audience=AUDIENCE, jwks=dev.jwks()))
    upstream = WsgiUpstream(services)
    return create_app({name: upstream for name in names}, verifier, dev)


def signed_in(app: Flask, username: str = "an-giang.officer"):
    """A test client of `app` signed in as `username` through the dev sign-in, its CSRF token known ("known")."""
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["csrf"] = "known"
    assert browser.post("/login/dev", data={"username": username, "csrf": "known"}).status_code == 302
    with browser.session_transaction() as session:
        session["csrf"] = "known"
    return browser

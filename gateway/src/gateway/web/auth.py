"""Log in and out: the dev login (DEV_LOGIN=1) or the OIDC code flow; the token then lives in the session."""

from __future__ import annotations

import logging
import secrets

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext

from gateway.web import lineage
from gateway.web.blueprint import bp, safe_next
from gateway.web.oidc import Challenge
from kit import auth

log = logging.getLogger(__name__)


def _dev_issuer():
    return current_app.extensions["gateway"]["dev_issuer"]


def _oidc():
    return current_app.extensions["web"].get("oidc")


@bp.get("/login")
def login():
    issuer = _dev_issuer()
    users = sorted(issuer.users.values(), key=lambda u: (u.tenant or "", u.username)) if issuer else []
    return render_template("login.html", users=users, oidc=_oidc() is not None,
                           next=safe_next(request.args.get("next")))


@bp.post("/login/dev")
def login_dev():
    issuer = _dev_issuer()
    username = request.form.get("username", "")
    if issuer is None or username not in issuer.users:
        abort(404)
    return _signed_in(issuer.issue(username), request.form.get("next"))


@bp.get("/login/oidc")
def login_oidc():
    client = _oidc()
    if client is None:
        abort(404)
    url, challenge = client.start(_redirect_uri())
    session["oidc"] = {"state": challenge.state, "verifier": challenge.verifier,
                       "next": safe_next(request.args.get("next"))}
    return redirect(url)


@bp.get("/login/callback")
def oidc_callback():
    client, pending = _oidc(), session.pop("oidc", None)
    if client is None or pending is None:
        abort(404)
    challenge = Challenge(pending["state"], pending["verifier"])
    if not secrets.compare_digest(request.args.get("state", ""), challenge.state) or "code" not in request.args:
        flash(gettext("Login failed."), "error")
        return redirect(url_for("web.login"))
    try:
        tokens = client.exchange(request.args["code"], challenge.verifier, _redirect_uri())
    except Exception:  # noqa: BLE001  (any failure of the provider is a failed login, logged)
        log.exception("OIDC token exchange failed")
        flash(gettext("Login failed."), "error")
        return redirect(url_for("web.login"))
    return _signed_in(tokens.get("access_token", ""), pending["next"])


@bp.post("/logout")
def logout():
    """Sign out for good: the token goes on the revocation list until it expires, so a copy of the session cookie
    made before this is refused too."""
    if session.get("token"):
        _revocations().revoke(session["token"])
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    return redirect(url_for("web.login"))


@bp.before_request
def _signed_out_elsewhere() -> None:
    """A session whose token was signed out (a copied cookie) is a signed-out session."""
    token = session.get("token")
    if token and _revocations().revoked(token):
        language = session.get("lang")
        session.clear()
        if language:
            session["lang"] = language


def _revocations():
    return current_app.extensions["gateway"]["edge"].revocations


def _signed_in(token: str, target: str | None):
    """Verify the token as the services will, then keep it and who it names in the session."""
    try:
        principal = current_app.extensions["gateway"]["verifier"].verify(token)
    except auth.Unauthorized:
        flash(gettext("Login failed."), "error")
        return redirect(url_for("web.login"))
    language = session.get("lang")
    session.clear()
    g.pop("csrf", None)  # a new session gets a new CSRF token (Flask-WTF makes it on the next page)
    session.update(token=token, user={
        "subject": principal.subject, "name": principal.name or principal.subject, "tenant": principal.tenant,
        "roles": sorted(principal.roles), "agency_id": principal.agency_id})
    if language:
        session["lang"] = language
    lineage.on_sign_in()
    return redirect(safe_next(target, url_for("web.home")))


def _redirect_uri() -> str:
    configured = current_app.extensions["web"]["oidc"].settings.redirect_uri
    return configured or url_for("web.oidc_callback", _external=True)

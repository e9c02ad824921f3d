"""The web UI: server-rendered pages served by the gateway; they call the services through its upstreams.

`register(app)` (in `create_app`) mounts the pages with the development defaults; `configure(app, settings)`
(in `__main__`) sets the session key and the OIDC provider from the settings.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from urllib.parse import quote

from flask import Flask
from flask_babel import Babel

from gateway.public_cache import PublicCache

# The page modules add their routes to `bp` when imported.
from gateway.web import (  # noqa: F401
    actions,
    auth,
    lineage,
    pages_agencies,
    pages_home,
    pages_inspections,
    pages_notices,
    pages_public,
    pages_reports,
    pages_training,
)
from gateway.web.blueprint import CSRF_SETTINGS, bp, csrf, lang
from gateway.web.oidc import OidcClient, OidcSettings

DEMO_AGENCY = "Khoa học và Công nghệ"  # a registry search term (data), not a word of the pages
# The gettext catalogues of the pages (ADR 33): `.po` in git, `.mo` compiled by `make` and the image build.
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def register(app: Flask) -> None:
    """Mount the pages; the session key comes from the dev signing key when there is one (same in every worker)."""
    issuer = app.extensions["gateway"]["dev_issuer"]
    app.secret_key = issuer.session_secret() if issuer else secrets.token_hex(32)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_NAME="iso_hcc_session", PERMANENT_SESSION_LIFETIME=8 * 3600, **CSRF_SETTINGS)
    app.extensions["web"] = {"oidc": None, "public_cache": PublicCache()}
    if issuer is not None:
        issuer.agency_resolver = lambda tenant: demo_agency(app, issuer, tenant)
    install_babel(app)
    csrf.init_app(app)
    app.register_blueprint(bp)


def install_babel(app: Flask) -> Babel:
    """Flask-Babel with the session's language and the pages' catalogues (domain `messages`)."""
    return Babel(app, locale_selector=lang, default_translation_directories=str(TRANSLATIONS),
                 default_domain="messages", default_timezone="Asia/Ho_Chi_Minh")


def configure(app: Flask, settings) -> Flask:
    """Apply SECRET_KEY, SESSION_COOKIE_SECURE and the OIDC_* settings; refuse OIDC without a SECRET_KEY.

    Without OIDC and without dev login nobody can sign in to the pages, so a per-process key does no harm."""
    if settings.secret_key:
        app.secret_key = settings.secret_key
    elif settings.oidc_issuer:
        raise SystemExit("set SECRET_KEY: it signs the web sessions and must be the same in every gateway process")
    app.config["SESSION_COOKIE_SECURE"] = settings.secure_cookies
    if settings.oidc_issuer:
        app.extensions["web"]["oidc"] = OidcClient(OidcSettings(
            issuer=settings.oidc_issuer, client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret, scopes=settings.oidc_scopes,
            redirect_uri=settings.oidc_redirect_uri or None))
    return app


def demo_agency(app: Flask, issuer, tenant: str) -> str | None:
    """The demo agency of a `<tenant>.agency` user: the tenant's Sở KH&CN when seeded, else its first department
    (`SO`) by name. Agencies registered later do not change the answer while the Sở KH&CN exists. A province merged
    into another (2025) has none active: its former Sở KH&CN then, read only."""
    token = issuer.issue(f"{tenant}.officer")
    registry = app.extensions["gateway"]["upstreams"]["registry"]
    for query in (f"agency_type=SO&status=HOAT_DONG&page_size=1&q={quote(DEMO_AGENCY)}",
                  "agency_type=SO&status=HOAT_DONG&page_size=1", f"agency_type=SO&page_size=1&q={quote(DEMO_AGENCY)}"):
        reply = registry.forward("GET", "/api/v1/registry/agencies", query.encode(),
                                 {"Authorization": f"Bearer {token}", "Accept": "application/json"}, b"")
        items = json.loads(reply.body).get("items", []) if reply.status == 200 else []
        if items:
            return items[0]["id"]
    return None

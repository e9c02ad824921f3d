"""The web blueprint and what every page shares: the signed-in user, language, CSRF check, template helpers."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_wtf.csrf import CSRFProtect, generate_csrf
from markupsafe import Markup

from gateway.web import charts, fmt, forms, i18n

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/ui/static")
# Flask-WTF's CSRF tokens (ADR 37): the pages' forms send theirs as `csrf`; checked for the pages' POSTs only (the
# API's callers carry a bearer token, not a cookie).
csrf = CSRFProtect()
CSRF_SETTINGS = {
    "WTF_CSRF_FIELD_NAME": "csrf",
    "WTF_CSRF_CHECK_DEFAULT": False,  # the blueprint checks its own POSTs (`_check_csrf`)
    "WTF_CSRF_TIME_LIMIT": None,  # a token lasts as long as the session (8 h): a form left open still posts
    "WTF_CSRF_SSL_STRICT": False,  # the pages send no Referer (Referrer-Policy: no-referrer); SameSite=Lax holds
}

PROVINCE_ROLES = {"province_admin", "province_officer", "province_leader", "inspector"}
EDITORS = {"province_admin", "province_officer"}


def lang() -> str:
    return i18n.pick(session.get("lang"))


def user() -> dict | None:
    return session.get("user")


def roles() -> set[str]:
    return set((user() or {}).get("roles", ()))


def can(*wanted: str) -> bool:
    """Whether the user holds one of `wanted` (only to hide what they cannot do: the services decide)."""
    return bool(roles() & set(wanted))


def succession() -> dict | None:
    """The merger of the user's province into another, when in force (gateway.web.lineage notes it): successor,
    successor_name, effective_date, province_name."""
    return session.get("succeeded")


def read_only() -> bool:
    """No write form on this page: the user's province merged into another, or the page shows a record of a
    province merged into the user's (`g.archived`). The services refuse such writes anyway."""
    return succession() is not None or bool(g.get("archived"))


def may(*wanted: str) -> bool:
    """`can` for the pages' forms: nothing is writable on a read-only page."""
    return not read_only() and can(*wanted)


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site: no scheme, no host, no `//` (nor `/\\`, which browsers read as `//`), and no
    control character (a CR or LF would break the Location header: a 500, or a header of the sender's choice)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return default
    if urlsplit(target).netloc:
        return default
    return target


def login_required(view):
    """Pages need a signed-in user; others go to the login page and come back."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if user() is None:
            return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


@bp.before_app_request
def _language() -> None:
    wanted = request.args.get("lang")
    if wanted in i18n.LANGUAGES and not request.path.startswith("/api/"):
        session["lang"] = wanted


@bp.before_request
def _rate_limit():
    """The API's edge limits hold for the pages too: per IP, then per signed-in user (429 with Retry-After)."""
    edge = current_app.extensions["gateway"]["edge"]
    keys = [(f"ip:{request.remote_addr}", edge.per_ip)]
    if user() is not None:
        keys.append((f"user:{user()['subject']}", edge.per_user))
    for key, limiter in keys:
        wait = limiter.hit(key)
        if wait:
            message = gettext("Too many requests; try again in %(wait)s s.", wait=wait)
            page = render_template("error.html", status=429, message=message)
            return page, 429, {"Retry-After": str(wait)}
    return None


@bp.before_request
def _check_csrf() -> None:
    """Every POST of the pages carries the session's token (a form's `csrf` field or the X-CSRF-Token header);
    a missing or wrong one is a 400 (CSRFError), whose page says the form expired."""
    if request.method == "POST":
        csrf.protect()


@bp.after_request
def _cache_static(response):
    if request.endpoint == "web.static":
        response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.app_context_processor
def _helpers() -> dict:
    language = lang()
    return {
        "lang": language, "user": user(), "can": may, "csrf_token": generate_csrf,
        "read_only": read_only(), "succession": succession(),
        "day": fmt.day, "moment": fmt.moment, "vnd": fmt.vnd, "number": fmt.number, "field_day": fmt.field_day,
        "day_pattern": fmt.DAY_PATTERN, "time_pattern": fmt.TIME_PATTERN,
        "label": i18n.label, "bars": chart, "columns": trend_chart,
        "half": lambda message: i18n.bilingual(message or "", language),
        "nav": navigation(), "here": request.full_path.rstrip("?"), "request_id": g.get("request_id", ""),
        "opening": forms.opening, "closing": forms.closing, "value_of": forms.value_of, "errors_of": forms.errors_of,
        "field_id": forms.field_id, "error_summary": forms.summary,
    }


def chart(*args, **kwargs) -> Markup:
    """The SVG of `charts.bars`; every label in it is escaped there."""
    return Markup(charts.bars(*args, **kwargs))  # noqa: S704


def trend_chart(*args, **kwargs) -> Markup:
    """The SVG of `charts.columns`; every label in it is escaped there."""
    return Markup(charts.columns(*args, **kwargs))  # noqa: S704


def navigation() -> list[tuple[str, str, bool]]:
    """(label, path, current) of the menu, by role; the current item is the longest path the page is under."""
    items = [(caption, url_for(endpoint)) for caption, endpoint in menu()]
    under = [path for _, path in items if request.path == path or request.path.startswith(path + "/")]
    current = max(under, key=len, default=None)
    return [(caption, path, path == current) for caption, path in items]


def menu() -> list[tuple[str, str]]:
    """(label, endpoint) of the menu, by role."""
    if user() is None:
        return []
    items = []
    if can(*PROVINCE_ROLES):
        items += [(gettext("Dashboard"), "web.dashboard"), (gettext("Agencies"), "web.agencies"),
                  (gettext("Inspections"), "web.inspections"), (gettext("Recommendations"), "web.recommendations"),
                  (gettext("Training"), "web.classes")]
        if not can("inspector") or can("province_admin", "province_officer", "province_leader"):
            items.append((gettext("Budget"), "web.budget"))
        items.append((gettext("Reports"), "web.reports"))
        if succession() is not None or (user() or {}).get("archive"):
            items.append((gettext("Archive"), "web.archive"))
    if can("agency_officer"):
        items += [(gettext("My agency"), "web.my_agency"), (gettext("Recommendations"), "web.recommendations"),
                  (gettext("Training"), "web.classes")]
    if can("national_viewer"):
        items += [(gettext("National"), "web.national"), (gettext("Provincial reports"), "web.national_reports")]
    if can("platform_admin"):
        items.append((gettext("Provinces"), "web.tenants"))
    return items

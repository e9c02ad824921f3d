"""Home, the province dashboard, national oversight and the error pages."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from gateway.web import client, codes, dashboards, fmt, i18n, lineage, problems
from gateway.web.blueprint import PROVINCE_ROLES, bp, can, login_required
from kit import calendar

log = logging.getLogger(__name__)

BUDGET_TOP = 6
REPORT_TYPES = ("BC_6_THANG", "BC_TINH_NAM", "BC_DOT_XUAT")
BORDERS = ("as_reported", "current")  # reporting's `borders`; the first is its default
FLAGS = ("overdue_maintenance", "overdue_reannouncement", "legacy_version", "no_iso_secretary", "scope_incomplete")


@bp.errorhandler(client.LoginRequired)
def _login_again(_exc):
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    flash(gettext("Your session expired; log in again."), "error")
    return redirect(url_for("web.login", next=request.full_path.rstrip("?")))


@bp.errorhandler(client.ApiError)
def _api_error(exc: client.ApiError):
    lineage.remember(exc)
    known = {403: gettext("You may not see this page."), 404: gettext("Not found.")}
    text = known[exc.status] if exc.status in known else problems.say(exc)
    return render_template("error.html", status=exc.status, message=text), exc.status


@bp.errorhandler(client.UpstreamUnavailable)
def _unavailable(_exc):
    return render_template("error.html", status=503, message=gettext("A service is not answering; try again.")), 503


@bp.errorhandler(400)
def _bad_request(_exc):
    return render_template("error.html", status=400, message=gettext("The form expired; try again.")), 400


@bp.errorhandler(404)
def _not_found(_exc):
    return render_template("error.html", status=404, message=gettext("Not found.")), 404


@bp.errorhandler(Exception)
def _unexpected(exc: Exception):
    if isinstance(exc, HTTPException):  # e.g. 413 for an upload over the body limit
        return render_template("error.html", status=exc.code, message=exc.name), exc.code
    log.exception("web page failed")
    return render_template("error.html", status=500, message=gettext("Something went wrong; it was logged.")), 500


@bp.get("/")
@login_required
def home():
    if (archived := lineage.home_redirect()) is not None:
        return archived
    if can(*PROVINCE_ROLES):
        return redirect(url_for("web.dashboard"))
    if can("agency_officer"):
        return redirect(url_for("web.my_agency"))
    if can("national_viewer"):
        return redirect(url_for("web.national"))
    return redirect(url_for("web.tenants"))


@bp.get("/dashboard")
@login_required
def dashboard():
    as_of = as_of_asked()
    figures = client.get("reporting/figures", as_of=as_of.isoformat(), borders=borders())
    province = client.get("registry/tenants/current")
    first, last = dashboards.trend_years(min(as_of.year, calendar.today().year))
    series = client.get("reporting/series", from_year=first, to_year=last, borders=borders())["series"]
    attention = client.get("registry/agencies/attention", as_of=as_of.isoformat(), limit=dashboards.ATTENTION_TOP)
    return render_template("dashboard.html", f=figures, province=province, as_of=as_of, borders=borders(),
                           tiles=dashboards.tiles(figures.get("headline") or {}), trend=dashboards.trend(series),
                           attention=dashboards.attention(attention, FLAGS), flagged=attention.get("total", 0),
                           **panels(figures))


@bp.get("/national")
@login_required
def national():
    as_of = as_of_asked()
    data = client.get("reporting/national", as_of=as_of.isoformat(), borders=borders())
    names = lineage.province_names()
    provinces = sorted(data["provinces"].items(), key=lambda item: names.get(item[0], item[0]))
    shares = [(names.get(slug, slug), (p.get("obliged_share") or {}).get("percent") or 0,
               _share(p.get("obliged_share") or {})) for slug, p in provinces]
    applying = [(names.get(slug, slug), p["applying"], fmt.number(p["applying"])) for slug, p in provinces]
    return render_template("national.html", provinces=provinces, total=data["total"], as_of=as_of, names=names,
                           shares=shares, applying=applying, share=_share, borders=borders(),
                           ranking=dashboards.ranking(data, names), grid=dashboards.grid(data, names))


def as_of_asked():
    """The day the figures are read on, typed dd/mm/yyyy (or yyyy-mm-dd); today when none or not a day."""
    return fmt.parse_day(fmt.typed_day(request.args.get("as_of", ""))) or calendar.today()


def borders() -> str:
    """The borders the figures are drawn in (issue 19): as the provinces were when they reported (reporting's
    default), or today's, a successor with the provinces merged into it. Kept in the query string."""
    wanted = request.args.get("borders")
    return wanted if wanted in BORDERS else BORDERS[0]


@bp.get("/national/province/<province>")
@login_required
def national_province(province: str):
    as_of = as_of_asked()
    figures = client.get(f"reporting/national/{province}", as_of=as_of.isoformat(), borders=borders())
    name = lineage.province_names().get(province, province)
    return render_template("dashboard.html", f=figures, province={"name": name, "id": province},
                           as_of=as_of, national=True, borders=borders(),
                           tiles=dashboards.tiles(figures.get("headline") or {}), **panels(figures))


@bp.get("/national/reports")
@login_required
def national_reports():
    year = request.args.get("year", calendar.today().year, type=int)
    kind = request.args.get("report_type") or "BC_6_THANG"
    reports = client.get("reporting/national/reports")
    completeness = client.get("reporting/national/reports/completeness", year=year, report_type=kind)
    return render_template("national_reports.html", reports=reports, names=lineage.province_names(), year=year,
                           kind=kind, completeness=completeness, kinds=REPORT_TYPES)


@bp.get("/national/reports/<province>/<uuid:report_id>")
@login_required
def national_report(province: str, report_id):
    report = client.get(f"reporting/national/reports/{province}/{report_id}")
    return render_template("report.html", report=report, national=True, province=province,
                           province_name=lineage.province_names().get(province, province),
                           headline=headline(report.get("figures") or {}))


@bp.get("/tenants")
@login_required
def tenants():
    return render_template("tenants.html", tenants=client.get("registry/tenants"))


def panels(f: dict) -> dict:
    """The tiles and the three charts of a dashboard."""
    shares = [(caption, (f.get(name) or {}).get("percent") or 0, _share(f.get(name) or {}))
              for caption, name in ((gettext("Obliged agencies applying"), "obliged_share"),
                                    (gettext("Communes applying"), "communes"))]
    return {"headline": headline(f), "by_type": by_type(f), "budget": budget_rows(f), "shares": shares}


def headline(f: dict) -> list[tuple[str, str]]:
    """The figures an official reads first, as (label, shown value)."""
    if not f:
        return []
    obliged, communes, transition = f.get("obliged_share") or {}, f.get("communes") or {}, f.get("transition") or {}
    inspections, training = f.get("inspections") or {}, f.get("training") or {}
    return [
        (gettext("Agencies on record"), fmt.number(f.get("total"))),
        (gettext("Applying a QMS"), fmt.number(f.get("applying"))),
        (gettext("Announced"), fmt.number(f.get("announced"))),
        (gettext("Obliged agencies applying"), _share(obliged)), (gettext("Communes applying"), _share(communes)),
        (gettext("Transitioned to ISO 9001:2015"), _ratio({"done": transition.get("completed", 0),
                                                            "of": transition.get("of", 0),
                                                            "percent": fmt.percent(transition.get("completed", 0),
                                                                                  transition.get("of", 0))})),
        (gettext("Re-announced in the period"), fmt.number(f.get("re_announced_in_period"))),
        (gettext("Inspections done"), fmt.number(inspections.get("done", 0))),
        (gettext("Obliged agencies inspected on site"), _ratio(inspections.get("on_site_of_obliged") or {})),
        (gettext("Training classes"), fmt.number(training.get("classes"))),
        (gettext("Participant places"), fmt.number(training.get("participants"))),
    ]


def by_type(f: dict) -> list[tuple[str, float, str]]:
    rows = sorted((f.get("by_agency_type") or {}).items(), key=lambda item: -item[1].get("total", 0))
    return [(i18n.label(kind, codes.AGENCY_TYPE), fmt.percent(v.get("applying", 0), v.get("total", 0)) or 0,
             _share({"applying": v.get("applying", 0), "total": v.get("total", 0),
                     "percent": fmt.percent(v.get("applying", 0), v.get("total", 0))}))
            for kind, v in rows]


def budget_rows(f: dict) -> list[tuple[str, float, str]]:
    categories = ((f.get("budget") or {}).get("by_category") or {}).items()
    rows = [(i18n.label(name, codes.CATEGORY), _amount(value), fmt.vnd(_amount(value))) for name, value in categories]
    return sorted(rows, key=lambda row: -row[1])[:BUDGET_TOP]


def _amount(value) -> int:
    if isinstance(value, dict):
        return int(value.get("approved") or value.get("estimate") or 0)
    return int(value or 0)


def _share(part: dict) -> str:
    """`12/15 (80%)` from reporting's `{"applying", "total", "percent"}`; a dash of nothing (never "0/0")."""
    if not part.get("total"):
        return "—"
    return f"{part.get('applying', 0)}/{part['total']} ({_pct(part.get('percent'))})"


def _ratio(part: dict) -> str:
    """`29/41 (71%)` from reporting's `{"done", "of", "percent"}`; a dash of nothing (never "0/0")."""
    if not part.get("of"):
        return "—"
    return f"{part.get('done', 0)}/{part['of']} ({_pct(part.get('percent'))})"


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


"""What the dashboards show from reporting's figures (ADR 35): the headline tiles with their targets and records,
the trend over the years, the attention lists and the national ranking and tile grid. Reporting computes every
share, target and verdict; this module only words and orders them."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

from gateway.web import fmt

TREND_YEARS = 5
FIRST_YEAR = 2000  # the first year reporting's series takes
ATTENTION_TOP = 5
CAPTIONS = {
    "mandatory": lazy_gettext("Obliged agencies"),
    "mandatory_applying": lazy_gettext("Obliged agencies applying"),
    "inspections_planned": lazy_gettext("Inspections planned"),
    "inspections_done": lazy_gettext("Inspections done"),
    "inspections_on_site": lazy_gettext("Inspections on site"),
    "on_site_share": lazy_gettext("Obliged agencies inspected on site"),
    "recommendations_open": lazy_gettext("Recommendations open"),
    "recommendations_overdue": lazy_gettext("Recommendations overdue"),
    "trained_people": lazy_gettext("People trained"),
    "budget_disbursed": lazy_gettext("Budget disbursed"),
}
MONEY = {"budget_disbursed"}
# The figures the trend draws: (name, what is drawn: "percent" or "value").
TREND = (("mandatory_applying", "percent"), ("inspections_done", "value"), ("on_site_share", "percent"))


def tiles(headline: dict) -> list[dict]:
    """One tile per headline figure, in reporting's order: the value, what it is out of (a dash and a sentence
    when that is nothing, never "0/0"), the target and its verdict in words, and the records behind it."""
    return [tile(name, headline[name]) for name in CAPTIONS if name in headline]


def tile(name: str, figure: dict) -> dict:
    amount = fmt.vnd if name in MONEY else fmt.number
    of, percent = figure.get("of"), figure.get("percent")
    records = figure.get("records") or {}
    shown = {"name": name, "caption": CAPTIONS[name], "value": amount(figure.get("value")), "of": None,
             "note": None, "target": None, "verdict": None, "met": figure.get("met"),
             "href": records.get("href"), "approximate": records.get("exact") is False}
    if of == 0:  # a share of nothing: the count stays, its share is a dash and a sentence
        shown.update(of="—", note=gettext("Nothing to count it against yet."))
    elif of is not None:
        shown["of"] = gettext("of %(of)s (%(percent)s)", of=amount(of), percent=_pct(percent))
    if figure.get("target") is not None:
        shown["target"] = gettext("Target: %(target)s%%", target=figure["target"])
        shown["verdict"] = verdict(figure.get("met"))
    return shown


def verdict(met: bool | None) -> str:
    if met is None:
        return gettext("No verdict: nothing to count")
    return gettext("Met") if met else gettext("Not met")


def trend_years(last: int) -> tuple[int, int]:
    """The five years up to `last` (reporting's series takes none before 2000)."""
    return max(FIRST_YEAR, last - TREND_YEARS + 1), max(FIRST_YEAR, last)


def trend(series: list[dict]) -> list[dict]:
    """Per key figure, its yearly points (year, drawn value, shown text) and the target each year."""
    drawn = []
    for name, field in TREND:
        points = []
        for year in series:
            figure = (year.get("figures") or {}).get(name) or {}
            value = figure.get(field)
            shown = _pct(value) if field == "percent" else fmt.number(value)
            points.append({"year": year["year"], "value": value or 0, "shown": shown,
                           "target": figure.get("target"), "verdict": verdict(figure.get("met"))
                           if figure.get("target") is not None else "—"})
        drawn.append({"name": name, "caption": CAPTIONS[name], "percent": field == "percent", "points": points,
                      "columns": [(str(p["year"]), p["value"], p["shown"]) for p in points],
                      "target": points[-1]["target"] if points else None})
    return drawn


def attention(answer: dict, flags: tuple[str, ...]) -> list[dict]:
    """Per flag its count and the most overdue agencies first (the registry orders them), at most five."""
    lists = answer.get("flags") or {}
    return [{"flag": flag, "total": (lists.get(flag) or {}).get("total", 0),
             "agencies": [{"id": item["agency_id"], "name": item["name"],
                        "days": (item.get("overdue_days") or {}).get(flag)}
                       for item in ((lists.get(flag) or {}).get("items") or [])[:ATTENTION_TOP]]}
            for flag in flags]


def ranking(data: dict, names: dict[str, str]) -> list[dict]:
    """Reporting's ranking with each province's name and its on-site share, in reporting's order."""
    provinces = data.get("provinces") or {}
    return [{**line, "name": names.get(line["province"], line["province"]),
             "on_site": on_site_percent(provinces.get(line["province"]) or {})}
            for line in data.get("ranking") or []]


def on_site_percent(province: dict) -> int | None:
    return (((province.get("inspections") or {}).get("on_site_of_obliged")) or {}).get("percent")


def band(percent: int | None) -> str:
    """The colour band of a province's tile; its text says the number."""
    if percent is None:
        return "none"
    return "high" if percent >= 90 else "mid" if percent >= 50 else "low"


def grid(data: dict, names: dict[str, str]) -> list[dict]:
    """One small square per province, by name: the share of its obliged agencies applying."""
    squares = []
    for slug, province in (data.get("provinces") or {}).items():
        share = province.get("obliged_share") or {}
        percent = share.get("percent") if share.get("total") else None
        squares.append({"slug": slug, "name": names.get(slug, slug), "percent": percent, "shown": _pct(percent),
                        "band": band(percent)})
    return sorted(squares, key=lambda square: square["name"])


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"

"""The dashboards read reporting's headline, series and ranking and the registry's attention lists (ADR 35), against
one test double of the services: each tile shows its target and verdict in words and links to its records, no tile
reads "0/0", the attention lists are the registry's most overdue first, the national view ranks as reporting does
and draws a square per province."""

from __future__ import annotations

import re
import uuid

import pytest
from flask import Flask, jsonify, request

from tests.gateway.web_app import gateway_over, signed_in

FIGURE = {"value": 0, "of": None, "percent": None, "target": None, "met": None,
          "records": {"path": "/agencies", "query": {}, "href": "/agencies?status=HOAT_DONG", "exact": False}}


def figure(**given) -> dict:
    return {**FIGURE, **given}


HEADLINE = {
    "mandatory": figure(value=41),
    "mandatory_applying": figure(value=38, of=41, percent=93, target=100, met=False),
    "inspections_planned": figure(value=0, records={"path": "/inspections", "query": {"year": 2026},
                                                    "href": "/inspections?year=2026", "exact": False}),
    "inspections_done": figure(value=0, of=0, records={"path": "/inspections", "query": {"year": 2026},
                                                       "href": "/inspections?year=2026", "exact": False}),
    "inspections_on_site": figure(value=0, of=0),
    "on_site_share": figure(value=13, of=41, percent=32, target=30, met=True,
                            records={"path": "/inspections", "query": {"year": 2026},
                                     "href": "/inspections?year=2026", "exact": False}),
    "recommendations_open": figure(value=4),
    "recommendations_overdue": figure(value=2, records={"path": "/recommendations", "query": {"overdue": "1"},
                                                        "href": "/recommendations?overdue=1", "exact": True}),
    "trained_people": figure(value=30, of=35, percent=86),
    "budget_disbursed": figure(value=15_000_000, of=18_000_000, percent=83),
}


def flagged(name: str, days: int | None, flag: str) -> dict:
    return {"agency_id": str(uuid.uuid4()), "name": name, "agency_type": "SO", "flags": [flag],
            "due_on": {flag: None}, "overdue_days": {flag: days}}


class Services:
    """What the dashboards read; the attention list pages as the registry does (`limit`)."""

    def __init__(self):
        overdue = [flagged(f"Sở số {n}", days, "overdue_maintenance")
                   for n, days in enumerate((400, 250, 120, 60, 30, 10, 3), start=1)]
        self.reads = {
            "registry/tenants/current": {"id": "an-giang", "name": "Tỉnh An Giang"},
            "registry/tenants": [{"id": "an-giang", "name": "Tỉnh An Giang"},
                                 {"id": "ha-noi", "name": "Thành phố Hà Nội"},
                                 {"id": "lai-chau", "name": "Tỉnh Lai Châu"}],
            "reporting/figures": {"total": 197, "headline": HEADLINE,
                                  "budget": {"fiscal_year": 2026, "estimate": 20_000_000, "approved": 18_000_000,
                                             "disbursed": 15_000_000}},
            "reporting/series": {"series": [
                {"year": year, "as_of": f"{year}-12-31",
                 "figures": {"mandatory_applying": figure(value=v, of=41, percent=round(100 * v / 41), target=100,
                                                          met=v == 41),
                             "inspections_done": figure(value=d, of=d + 2, percent=50),
                             "on_site_share": figure(value=s, of=41, percent=round(100 * s / 41), target=30,
                                                     met=100 * s >= 30 * 41)}}
                for year, v, d, s in ((2022, 20, 7, 5), (2023, 26, 11, 8), (2024, 31, 14, 10), (2025, 35, 12, 12),
                                      (2026, 38, 19, 13))]},
            "registry/agencies/attention": {"total": 9, "flags": {
                "overdue_maintenance": {"total": len(overdue), "items": overdue},
                "no_iso_secretary": {"total": 2, "items": [flagged("Xã Mỹ Hòa", 900, "no_iso_secretary"),
                                                           flagged("Xã Vĩnh Thạnh", 15, "no_iso_secretary")]},
                "scope_incomplete": {"total": 0, "items": []}}},
            "reporting/national": national(),
            "reporting/national/an-giang": {"total": 197, "headline": HEADLINE,
                                            "budget": {"fiscal_year": 2026, "estimate": 20_000_000,
                                                       "approved": 18_000_000, "disbursed": 15_000_000}},
            "registry/agencies/flags": [flagged("Sở số 1", 400, "overdue_maintenance")],
        }
        self.asked: dict[str, dict] = {}
        self.app = Flask("fake-services")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer)

    def answer(self, rest: str):
        self.asked[rest] = dict(request.args)
        if rest not in self.reads:
            return jsonify(status=404, title="Not Found"), 404
        found = self.reads[rest]
        if rest == "registry/agencies/attention":
            limit = int(request.args["limit"])
            found = {**found, "flags": {name: {**flag, "items": flag["items"][:limit]}
                                        for name, flag in found["flags"].items()}}
        return jsonify(found)


def province(obliged: int, applying: int, planned: int, done: int, on_site: int) -> dict:
    return {"total": 50, "applying": applying, "announced": applying, "obliged": obliged, "obliged_applying": applying,
            "obliged_share": {"applying": applying, "total": obliged,
                              "percent": round(100 * applying / obliged) if obliged else None},
            "communes": {}, "transition": {"completed": 0, "of": 0},
            "inspections": {"planned": planned, "done": done, "on_site": on_site,
                            "on_site_of_obliged": {"done": on_site, "of": obliged,
                                                   "percent": round(100 * on_site / obliged) if obliged else None}}}


def national() -> dict:
    line = {"obliged": 0, "obliged_applying": 0, "applying_percent": None, "inspections_planned": 0,
            "inspections_done": 0, "done_percent": None}
    return {
        "provinces": {"an-giang": province(40, 30, 10, 5, 8), "ha-noi": province(60, 57, 20, 18, 30),
                      "lai-chau": province(0, 0, 0, 0, 0)},
        "total": {"total": 150, "applying": 87, "announced": 87, "obliged": 100, "obliged_applying": 87,
                  "transition": {"completed": 0, "of": 0}, "inspections": {"planned": 30, "done": 23, "on_site": 38}},
        "ranking": [
            {**line, "province": "ha-noi", "rank": 1, "obliged": 60, "obliged_applying": 57, "applying_percent": 95,
             "inspections_planned": 20, "inspections_done": 18, "done_percent": 90},
            {**line, "province": "an-giang", "rank": 2, "obliged": 40, "obliged_applying": 30, "applying_percent": 75,
             "inspections_planned": 10, "inspections_done": 5, "done_percent": 50},
            {**line, "province": "lai-chau", "rank": None}],
    }


@pytest.fixture
def services():
    return Services()


def page(services: Services, path: str, username: str = "an-giang.officer") -> str:
    reply = signed_in(gateway_over(services.app), username).get(path)
    assert reply.status_code == 200, reply.get_data(as_text=True)[:2000]
    return reply.get_data(as_text=True)


def tiles(html: str) -> list[str]:
    return re.findall(r'<li class="tile[^"]*">(.*?)</li>', html, re.S)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_each_tile_shows_its_target_and_verdict_in_words_and_links_to_its_records(services):
    shown = tiles(page(services, "/dashboard"))

    assert len(shown) == 10
    applying = next(t for t in shown if "Cơ quan bắt buộc đã áp dụng" in t)
    assert 'href="/agencies?status=HOAT_DONG"' in applying
    assert "38" in text(applying) and "trên tổng số 41 (93%)" in text(applying)
    assert "Chỉ tiêu: 100% · Chưa đạt" in text(applying)
    on_site = next(t for t in shown if "Cơ quan bắt buộc được kiểm tra tại trụ sở" in t)
    assert 'href="/inspections?year=2026"' in on_site and "Chỉ tiêu: 30% · Đạt" in text(on_site)
    assert "danh sách gần đúng" in on_site
    overdue = next(t for t in shown if "Kiến nghị quá hạn khắc phục" in t)
    assert 'href="/recommendations?overdue=1"' in overdue and "gần đúng" not in overdue


def test_no_tile_reads_nought_of_nought_but_a_dash_and_a_sentence(services):
    html = page(services, "/dashboard")
    done = next(t for t in tiles(html) if "Cuộc kiểm tra đã thực hiện" in t)

    assert "—" in text(done) and "Chưa có số liệu để so sánh." in text(done)
    assert not re.search(r"\b0 ?/ ?0\b|trên tổng số 0\b", text(html))


def test_the_attention_lists_count_each_flag_and_show_its_five_most_overdue(services):
    html = page(services, "/dashboard")
    maintenance = re.search(r'id="flag-overdue_maintenance">(.*?)</section>', html, re.S).group(1)

    assert services.asked["registry/agencies/attention"]["limit"] == "5"
    assert re.findall(r'translate="no">(Sở số \d)</a>', maintenance) == [f"Sở số {n}" for n in range(1, 6)]
    assert [int(days) for days in re.findall(r"Quá hạn (\d+) ngày", maintenance)] == [400, 250, 120, 60, 30]
    assert "<strong>7</strong>" in maintenance and 'href="/agencies/flags?flag=overdue_maintenance&amp;' in maintenance
    assert "Không có." in re.search(r'id="flag-scope_incomplete">(.*?)</section>', html, re.S).group(1)


def test_the_trend_draws_five_years_with_their_numbers_in_a_table(services):
    html = page(services, "/dashboard?as_of=04/12/2026")

    assert services.asked["reporting/series"]["from_year"] == "2022"
    assert services.asked["reporting/series"]["to_year"] == "2026"
    assert services.asked["reporting/figures"]["as_of"] == "2026-12-04"
    assert html.count('<svg class="chart trend"') == 3
    assert "<desc>2022: 49%; 2023: 63%; 2024: 76%; 2025: 85%; 2026: 93%</desc>" in html
    rows = re.findall(r"<tr><th scope=\"row\">(\d{4})</th>(.*?)</tr>", html, re.S)
    assert [year for year, _ in rows] == ["2022", "2023", "2024", "2025", "2026"]
    assert "93% (Chỉ tiêu: 100%: Chưa đạt)" in text(rows[-1][1])


def test_the_as_of_field_is_typed_day_month_year(services):
    html = page(services, "/dashboard?as_of=04/12/2026")

    field = re.search(r'<input name="as_of"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'value="04/12/2026"' in field and "pattern=" in field


def test_bars_are_scaled_to_the_largest_value_not_each_to_the_full_width():
    from gateway.web.charts import bars

    svg = bars([("a", 10, "10"), ("b", 5, "5")], title="t")

    assert re.findall(r'class="chart-bar" x="\d+" y="[\d.]+" width="([\d.]+)"', svg) == ["260.0", "130.0"]
    assert "<desc>a: 10; b: 5</desc>" in svg


def test_the_national_view_ranks_as_reporting_does_and_draws_a_square_per_province(services):
    html = page(services, "/national", "national")

    ranking = re.search(r'id="ranking">(.*?)</section>', html, re.S).group(1)
    rows = [text(row) for row in re.findall(r"<tr><td>(.*?)</tr>", ranking, re.S)]
    assert rows[0].startswith("1 Thành phố Hà Nội 57/60 (95%) 18/20 (90%) 50%")
    assert rows[1].startswith("2 Tỉnh An Giang 30/40 (75%) 5/10 (50%) 20%")
    assert rows[2] == "— Tỉnh Lai Châu — — —"
    squares = re.findall(r'<li class="square band-(\w+)"><a href="([^"]+)">\s*<span class="square-name" '
                         r'translate="no">([^<]+)</span><span class="square-value">([^<]+)</span>', html)
    assert [(band, name, value) for band, _, name, value in squares] == [
        ("high", "Thành phố Hà Nội", "95%"), ("mid", "Tỉnh An Giang", "75%"), ("none", "Tỉnh Lai Châu", "—")]
    assert squares[0][1].startswith("/national/province/ha-noi?")
    assert not re.search(r"\b0/0\b", text(html))


def test_the_attention_links_carry_the_dashboards_day_and_the_list_is_read_on_it(services):
    html = page(services, "/dashboard?as_of=15/06/2025")
    links = re.findall(r'href="(/agencies/flags\?[^"]+)"', html)

    assert len(links) == 5 and all("as_of=2025-06-15" in link for link in links)
    listed = page(services, links[0].replace("&amp;", "&"))
    assert services.asked["registry/agencies/flags"] == {"flag": "overdue_maintenance", "as_of": "2025-06-15"}
    assert "Tính đến ngày 15/06/2025" in text(listed)
    assert 'href="/dashboard?as_of=2025-06-15"' in listed


def test_the_national_page_of_a_province_shows_its_headline_tiles_with_targets_and_no_links(services):
    html = page(services, "/national/province/an-giang?as_of=04/12/2026", "national")
    shown = tiles(html)

    assert services.asked["reporting/national/an-giang"]["as_of"] == "2026-12-04"
    assert len(shown) == 10 and 'id="headline"' in html
    applying = next(t for t in shown if "Cơ quan bắt buộc đã áp dụng" in t)
    assert "trên tổng số 41 (93%)" in text(applying) and "Chỉ tiêu: 100% · Chưa đạt" in text(applying)
    on_site = next(t for t in shown if "Cơ quan bắt buộc được kiểm tra tại trụ sở" in t)
    assert "Chỉ tiêu: 30% · Đạt" in text(on_site) and "tile-met" in html
    assert not any("<a " in t for t in shown)  # the records are the province's lists, not national oversight's
    assert not re.search(r"\b0 ?/ ?0\b|trên tổng số 0\b", text(html))

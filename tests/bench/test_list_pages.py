"""The list pages benchmark without a stack: the server times it reads from the gateway's log, the pages it walks,
and the province it loads (every inspection listed under one year, the search's matches, the recommendations)."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import pytest

from bench import list_pages
from kit.db import fold


def _line(request_id: str, duration: float, message: str = "request") -> str:
    return json.dumps({"level": "INFO", "message": message, "request_id": request_id, "path": "/inspections",
                       "duration_ms": duration}, ensure_ascii=False)


def test_durations_are_those_of_the_request_lines_of_the_ids_sent_summed_per_id():
    text = "\n".join([_line("a", 12.5), _line("b", 40.0), _line("a", 99.0, "upstream slow"), "[gunicorn] booting",
                      json.dumps({"message": "request", "request_id": "c"}), _line("other", 5.0), _line("b", 2.0)])

    assert list_pages.durations(text, {"a", "b", "c"}) == {"a": 12.5, "b": 42.0}


def test_logged_times_read_the_log_after_the_offset_in_the_order_sent(tmp_path):
    log = tmp_path / "gateway.log"
    log.write_text(_line("a", 1.0) + "\n")
    start = log.stat().st_size
    with log.open("a") as file:
        file.write(_line("b", 30.0) + "\n" + _line("a", 20.0) + "\n")

    assert list_pages.logged_times(log, start, ["a", "b"]) == [20.0, 30.0]
    with pytest.raises(RuntimeError, match="gateway.log logged 1 of 2"):
        list_pages.logged_times(log, start, ["b", "missing"], wait=0)


class Pages:
    """A signed-in session over a list of `total` rows shown `size` a page, with the page's pager; `overlap`
    rows of each page shown again on the next."""

    def __init__(self, total: int, size: int, overlap: int = 0):
        self.total, self.size, self.overlap, self.asked = total, size, overlap, []

    def get(self, url, params, **_options):
        page, pages = params["page"], -(-self.total // self.size)
        self.asked.append(page)
        first = (page - 1) * self.size - (self.overlap if page > 1 else 0)
        rows = range(first, min(page * self.size, self.total))
        links = "".join(f'<a href="/inspections/{n:08d}-0000-0000-0000-000000000000">' for n in rows)
        pager = f"<span>Trang {page}/{pages}</span>" if pages > 1 else ""
        return SimpleNamespace(status_code=200, text=links + pager)


def test_a_walk_reads_every_page_to_the_last_and_counts_each_row_once():
    session = Pages(total=123, size=50)

    ids, pages = list_pages.walk(session, "http://gateway", {"year": 2025})

    assert (len(ids), pages, session.asked) == (123, 3, [1, 2, 3])


def test_a_row_shown_again_on_a_later_page_fails_the_walk():
    with pytest.raises(RuntimeError, match="page 2 shows again 1 of the pages before"):
        list_pages.walk(Pages(total=123, size=50, overlap=1), "http://gateway", {"year": 2025})


def test_a_list_of_one_page_has_no_pager_and_is_read_once():
    session = Pages(total=7, size=50)

    ids, pages = list_pages.walk(session, "http://gateway", {"year": 2025})

    assert (len(ids), pages, session.asked) == (7, 1, [1])


def test_every_inspection_is_listed_under_its_plans_year_and_the_years_share_them():
    agencies = list_pages._agencies(150)
    rows = list_pages._inspection_rows(random.Random(1), agencies, 3000)
    years = {plan_id: year for plan_id, _tenant, year, *_rest in rows["plans"]}

    per_year = {year: 0 for year in list_pages.YEARS}
    for _id, plan_id, _agency, _tenant, _kind, _form, _status, scheduled, conducted, *_rest in rows["inspections"]:
        per_year[years[plan_id]] += 1
        assert all(day is None or day.year == years[plan_id] for day in (scheduled, conducted))
    assert per_year == {year: 500 for year in list_pages.YEARS}
    assert len({row[0] for row in rows["inspections"]}) == 3000
    assert any(row[7] is None for row in rows["inspections"])  # some undated: listed by their plan's year


def test_the_search_typed_without_accents_names_only_the_agencies_of_chau_doc():
    names = [name for _id, name, _kind in list_pages._agencies(150)]

    found = [name for name in names if list_pages.SEARCH in fold(name)]

    assert len(names) == len(set(names)) == 150
    assert found and all("Châu Đốc" in name for name in found)
    assert len(found) == sum("Châu Đốc" in name for name in names)


def test_a_recommendation_is_made_of_each_inspection_concluded_with_some_and_falls_due_after_it():
    rows = list_pages._inspection_rows(random.Random(2), list_pages._agencies(30), 600)
    inspections = {row[0]: row for row in rows["inspections"]}

    assert rows["recommendations"]
    assert len(rows["recommendations"]) == sum(row[10] == "DAT_CO_KHUYEN_NGHI" for row in rows["inspections"])
    for _id, inspection_id, agency_id, _tenant, _text, deadline, status, *_rest in rows["recommendations"]:
        assert inspections[inspection_id][2] == agency_id and deadline > inspections[inspection_id][9]
        assert status in ("MO", "DA_NOP_KHAC_PHUC", "DONG")

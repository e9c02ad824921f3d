"""The lists, through their own fields and buttons (issue 23): the inspections of another year found with the
page's year field, status select and pager; the agencies found by a search without accents, by type and level, a
page at a time; an agency picked on a plan page by a search.

Same topology and browser as test_browser.py; what a list shows is made through the API first, then every page the
officer reaches is compared with the API's answer to the same query, with axe on each.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect

from contracts.registry import AgencyType
from kit import calendar
from kit.db import fold
from tests.web.test_browser import act
from tests.web.test_more_journeys import api

RUN = uuid.uuid4().hex[:6]
PAST_YEAR = 2017  # no other browser test dates anything in it
INSPECTIONS_PAGE, AGENCIES_PAGE = 50, 25  # the pages' sizes (pages_inspections, pages_agencies)


def listed(ui, path: str, **query) -> dict:
    return api(ui, "GET", f"{path}?{urlencode(query)}")


def shown_ids(page: Page) -> list[str]:
    """The ids of the records the list's rows link to, in their order."""
    hrefs = page.locator("main table tbody a").evaluate_all("links => links.map(a => a.pathname)")
    return [href.rsplit("/", 1)[1] for href in hrefs]


def expect_total(page: Page, total: int) -> None:
    expect(page.locator("main p.muted", has_text="Tổng")).to_have_text(f"Tổng: {total:,}".replace(",", "."))


def labelled(area: Locator, label: str) -> Locator:
    """The field whose label starts with `label` (a select's label also reads its chosen option)."""
    return area.get_by_label(re.compile(f"^{re.escape(label)}"))


def filter_with(page: Page, **fields) -> None:
    """Fill the list's search form by its labels (a select by its option's text), then press Lọc."""
    search = page.locator("main form[role=search]")
    for label, value in fields.items():
        field = labelled(search, label)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    with page.expect_navigation():
        search.get_by_role("button", name="Lọc", exact=True).click()


def turn(page: Page, rel: str) -> None:
    with page.expect_navigation():
        page.locator(f"nav.pager a[rel={rel}]").click()


def inspections_of_a_past_year(ui, count: int, notified: int) -> None:
    """`count` ad hoc inspections in PAST_YEAR of the province's active agencies, the first `notified` notified."""
    agencies = [a["id"] for a in listed(ui, "registry/agencies", status="HOAT_DONG", page_size=5)["items"]]
    for n in range(count):
        made = api(ui, "POST", "inspections/inspections", {
            "agency_id": agencies[n % len(agencies)], "kind": "DOT_XUAT", "form": "QUA_BAO_CAO_HO_SO",
            "scheduled_date": f"{PAST_YEAR}-{1 + n % 12:02d}-{1 + n % 28:02d}"})
        if n < notified:
            api(ui, "POST", f"inspections/inspections/{made['id']}/notify", {"notice_doc": f"{n}/TB-{RUN}"})


def expect_inspections(ui, tab: Page, order: str = "newest", **query) -> dict:
    """The tab shows what the API answers to the page's query: the same total and the same rows, in order."""
    answer = listed(ui, "inspections/inspections", order=order, page_size=INSPECTIONS_PAGE, **query)
    expect_total(tab, answer["total"])
    assert shown_ids(tab) == [i["id"] for i in answer["items"]], query
    return answer


def test_an_officer_finds_another_years_inspections_by_status_a_page_at_a_time(ui, axe, shot):
    inspections_of_a_past_year(ui, count=INSPECTIONS_PAGE + 6, notified=3)
    page = ui.login("an-giang.officer")
    page.get_by_role("link", name="Kiểm tra", exact=True).click()

    filter_with(page, **{"Năm": str(PAST_YEAR)})
    expect(page.get_by_role("heading", name=f"Kiểm tra {PAST_YEAR}", exact=True)).to_be_visible()
    everything = expect_inspections(ui, page, year=PAST_YEAR, page=1)
    assert everything["total"] >= INSPECTIONS_PAGE + 6
    assert axe(page) == []

    filter_with(page, **{"Trạng thái": "Dự kiến"})
    expect(labelled(page.locator("main form[role=search]"), "Năm")).to_have_value(str(PAST_YEAR))
    planned = expect_inspections(ui, page, year=PAST_YEAR, status="DU_KIEN", page=1)
    assert INSPECTIONS_PAGE + 3 <= planned["total"] < everything["total"]
    pages = -(-planned["total"] // INSPECTIONS_PAGE)
    expect(page.locator("nav.pager")).to_contain_text(f"Trang 1/{pages}")
    expect(page.locator("nav.pager a[rel=prev]")).to_have_count(0)
    turn(page, "next")
    expect_inspections(ui, page, year=PAST_YEAR, status="DU_KIEN", page=2)
    expect(page.locator("nav.pager")).to_contain_text(f"Trang 2/{pages}")
    assert axe(page) == []
    shot(page, "inspections-past-year-page-2")
    turn(page, "prev")
    expect_inspections(ui, page, year=PAST_YEAR, status="DU_KIEN", page=1)

    filter_with(page, **{"Trạng thái": "Đã thông báo"})
    notified = expect_inspections(ui, page, year=PAST_YEAR, status="DA_THONG_BAO", page=1)
    assert notified["total"] >= 3 and {i["status"] for i in notified["items"]} == {"DA_THONG_BAO"}
    expect(page.locator("nav.pager")).to_have_count(0)

    filter_with(page, **{"Trạng thái": "Tất cả", "Sắp xếp": "Theo tên cơ quan"})
    by_agency = expect_inspections(ui, page, order="agency", year=PAST_YEAR, page=1)
    names = [fold(i["agency_name"] or "") for i in by_agency["items"]]
    assert names == sorted(names) and len(set(names)) > 1
    turn(page, "next")
    expect_inspections(ui, page, order="agency", year=PAST_YEAR, page=2)  # the order holds across pages
    expect(labelled(page.locator("main form[role=search]"), "Sắp xếp")).to_have_value("agency")


def service_centres(ui, count: int) -> set[str]:
    """`count` public service units of communes (DVSN, XA), registered through the API; their ids."""
    return {api(ui, "POST", "registry/agencies", {"name": f"Trung tâm Dịch vụ nông nghiệp số {n:02d} ({RUN})",
                                                  "agency_type": "DVSN", "admin_level": "XA"})["id"]
            for n in range(1, count + 1)}


def expect_agencies(ui, tab: Page, **query) -> dict:
    answer = listed(ui, "registry/agencies", page_size=AGENCIES_PAGE, **query)
    expect_total(tab, answer["total"])
    assert shown_ids(tab) == [a["id"] for a in answer["items"]], query
    return answer


def test_an_officer_searches_agencies_without_accents_filters_them_and_pages_through(ui, axe, shot):
    mine = service_centres(ui, AGENCIES_PAGE + 2)
    page = ui.login("an-giang.officer")
    page.get_by_role("link", name="Cơ quan", exact=True).click()

    filter_with(page, **{"Tìm kiếm": "so tu phap"})
    found = expect_agencies(ui, page, q="so tu phap", page=1)
    names = page.locator("main table tbody a").all_inner_texts()
    assert "Sở Tư pháp tỉnh An Giang" in names
    assert [name for name in names if "so tu phap" not in fold(name)] == []
    assert found["total"] == len(names)
    assert axe(page) == []

    filter_with(page, **{"Tìm kiếm": "", "Loại": "Đơn vị sự nghiệp", "Cấp": "Cấp xã"})
    query = {"agency_type": "DVSN", "admin_level": "XA"}
    first = expect_agencies(ui, page, page=1, **query)
    pages = -(-first["total"] // AGENCIES_PAGE)
    assert pages >= 2
    seen = set(shown_ids(page))
    for number in range(2, pages + 1):
        turn(page, "next")
        expect(page.locator("nav.pager")).to_contain_text(f"Trang {number}/{pages}")
        expect_agencies(ui, page, page=number, **query)
        seen |= set(shown_ids(page))
    expect(page.locator("nav.pager a[rel=next]")).to_have_count(0)
    assert mine <= seen and len(seen) == first["total"]
    search = page.locator("main form[role=search]")
    expect(labelled(search, "Loại")).to_have_value("DVSN")  # the filters stay on every page
    expect(labelled(search, "Cấp")).to_have_value("XA")
    assert axe(page) == []
    shot(page, "agencies-last-page")

    filter_with(page, **{"Loại": "Tất cả", "Cấp": "Tất cả", "Sắp xếp": "Theo loại cơ quan"})
    by_type = expect_agencies(ui, page, order="type", page=1)
    ranks = [list(AgencyType).index(AgencyType(a["agency_type"])) for a in by_type["items"]]
    assert ranks == sorted(ranks)  # the register's order: the province's bodies first
    expect(labelled(page.locator("main form[role=search]"), "Sắp xếp")).to_have_value("type")


def search_agency(page: Page, section: str, words: str) -> Locator:
    """Search the agencies of a plan page's `section` by `words`; the select of its form, filled by the search."""
    search = page.locator(f"{section} form[role=search]")
    search.get_by_label("Tìm kiếm cơ quan", exact=True).fill(words)
    with page.expect_navigation():
        search.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.locator(f"{section} form[role=search] [name=agency_q]")).to_have_value(words)
    return page.locator(f"{section} select[name=agency_id]")


def expect_choices(ui, select: Locator, words: str) -> None:
    """The picker offers what the API finds for `words` among the active agencies, by name."""
    answer = listed(ui, "registry/agencies", status="HOAT_DONG", q=words, page_size=100)
    expect(select.locator("option")).to_have_text([a["name"] for a in answer["items"]])


def test_an_officer_picks_an_agency_for_a_plan_by_searching_its_name_without_accents(ui, settled, axe, shot):
    name = f"Trung tâm Phục vụ hành chính công tỉnh An Giang ({RUN})"
    agency = api(ui, "POST", "registry/agencies", {"name": name, "agency_type": "TT_PVHCC", "admin_level": "TINH"})
    year = calendar.today().year
    plan = api(ui, "POST", "inspections/plans", {"year": year, "title": f"Kế hoạch kiểm tra bổ sung ({RUN})"})["id"]
    team = api(ui, "POST", f"inspections/plans/{plan}/teams", {
        "decision_no": f"19/QĐ-SKHCN-{RUN}", "decision_date": f"{year}-11-20",
        "members": [{"full_name": "Nguyễn Văn Kiểm", "role": "TRUONG_DOAN"}]})["id"]
    settled.wait_settled(timeout=120)  # the inspections service knows the new agency
    officer = ui.login("an-giang.officer")
    officer.goto(f"/plans/{plan}")

    picker = search_agency(officer, "#targets", "phuc vu hanh chinh cong")
    expect_choices(ui, picker, "phuc vu hanh chinh cong")
    assert axe(officer) == []
    act(officer, "Thêm vào kế hoạch", "#targets", agency_id=name, form="TRUC_TIEP_TAI_TRU_SO", planned_month="11")

    expect(officer.locator("#targets h2")).to_contain_text("(1)")
    expect(officer.locator("#targets li")).to_have_text(re.compile(rf"^{re.escape(name)}: Trực tiếp"))
    assert [t["agency_id"] for t in api(ui, "GET", f"inspections/plans/{plan}")["targets"]] == [agency["id"]]

    words = f"HANH CHINH CONG TINH AN GIANG ({RUN.upper()})"
    picker = search_agency(officer, "#plan-inspections", words)
    expect(picker.locator("option")).to_have_text([name])
    act(officer, "Lập cuộc kiểm tra", "#plan-inspections", agency_id=name, team_id=team, kind="DOT_XUAT",
        form="TRUC_TIEP_TAI_TRU_SO", scheduled_date=f"15/12/{year}")
    inspection = officer.url.rsplit("/", 1)[1]
    assert api(ui, "GET", f"inspections/inspections/{inspection}")["agency_id"] == agency["id"]
    officer.goto(f"/plans/{plan}")
    expect(officer.locator("#plan-inspections li")).to_contain_text(name)
    assert axe(officer) == []
    shot(officer, "plan-agency-picked")

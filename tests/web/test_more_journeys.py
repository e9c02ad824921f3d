"""More jobs done through the pages by the role that does them (issue 23): an agency merged into another, a
quality system's scope changed with a reason, a system announced again after it, a nomination cancelled (the
waitlist moves up), an ISO officer's appointment ended with nobody replacing them, a wrong announcement date
corrected (the figure of the right year moves).

Same topology and browser as test_browser.py; what the journey needs before it starts is made through the API,
the journey itself through the pages, each effect checked on the page (and through the API where the page does not
show it), with axe on the pages these journeys add to.
"""

from __future__ import annotations

import time
import uuid

import requests
from playwright.sync_api import expect

from kit import calendar
from tests.web.test_browser import act, api_headers

RUN = uuid.uuid4().hex[:6]
TODAY = calendar.today().strftime("%d/%m/%Y")
ISO_TODAY = calendar.today().isoformat()
TENANT = "an-giang"


def api(ui, method: str, path: str, body: dict | None = None):
    reply = requests.request(method, f"{ui.gateway}/api/v1/{path}", headers=api_headers(ui, TENANT), json=body,
                             timeout=30)
    assert reply.status_code < 300, f"{method} {path}: {reply.status_code} {reply.text}"
    return reply.json() if reply.content else None


def new_agency(ui, name: str) -> str:
    return api(ui, "POST", "registry/agencies", {"name": name, "agency_type": "SO", "admin_level": "TINH"})["id"]


def announced_agency(ui, name: str, decision_no: str) -> str:
    """An agency whose quality system was built, applied, kept up and announced today (through the API)."""
    agency = new_agency(ui, name)
    qs = f"registry/agencies/{agency}/quality-system"
    api(ui, "POST", qs, {"scope_description": "Toàn bộ thủ tục hành chính của Sở", "scope_tthc_count": 96})
    api(ui, "POST", f"{qs}/start-building", {"on": f"{calendar.today().year}-01-05"})
    api(ui, "POST", f"{qs}/apply", {"on": f"{calendar.today().year}-02-01"})
    for activity in ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"):
        api(ui, "POST", f"registry/agencies/{agency}/maintenance",
            {"activity_type": activity, "activity_date": ISO_TODAY})
    api(ui, "POST", f"{qs}/announce", {"decision_no": decision_no, "decision_date": ISO_TODAY})
    return agency


def test_an_officer_merges_an_agency_into_another_found_by_search(ui, axe, shot):
    merged, successor = f"Sở Thông tin và Truyền thông {RUN}", f"Sở Khoa học và Công nghệ {RUN}"
    merged_id, successor_id = new_agency(ui, merged), new_agency(ui, successor)
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{merged_id}")
    form = officer.locator("#agency-merge")
    expect(form.locator("[name=successor_agency_id]")).to_have_count(0)  # no list of every agency before a search

    form.get_by_label("Tìm cơ quan tiếp nhận (sáp nhập vào)").fill(f"Khoa học và Công nghệ {RUN}")
    with officer.expect_navigation():
        form.get_by_role("button", name="Tìm", exact=True).click()
    expect(form.locator("[name=successor_agency_id] option")).to_have_text([successor])
    assert axe(officer) == []
    form.get_by_label("Số quyết định").fill(f"1520/QĐ-UBND-{RUN}")
    form.get_by_label("Ngày sáp nhập").fill(TODAY)
    with officer.expect_navigation():
        form.get_by_role("button", name="Sáp nhập cơ quan", exact=True).click()
    expect(officer.locator("#confirm-question")).to_contain_text("sáp nhập vào cơ quan dưới đây")
    expect(officer.locator(".facts")).to_contain_text(successor)  # the agency by its name, not its id
    assert axe(officer) == []
    with officer.expect_navigation():
        officer.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(officer.locator(".flash-ok")).to_have_text("Đã lưu.")

    expect(officer.locator("#agency-status")).to_have_text("Đã sáp nhập")
    expect(officer.locator("#agency-merge")).to_have_count(0)
    expect(officer.locator("#continued")).to_contain_text("Sáp nhập vào cơ quan khác")
    shot(officer, "merged")
    with officer.expect_navigation():
        officer.locator("#continued").get_by_role("link", name=successor).click()
    assert officer.url.endswith(f"/agencies/{successor_id}")
    expect(officer.locator("#before-1")).to_contain_text("Sáp nhập vào cơ quan khác")
    expect(officer.locator("#before-1").get_by_role("link", name=merged)).to_have_count(1)
    assert axe(officer) == []
    successions = api(ui, "GET", f"registry/agencies/{successor_id}/successions")
    assert [(s["predecessor_id"], s["kind"]) for s in successions["predecessors"]] == [(merged_id, "MERGED")]


def test_a_merge_search_that_finds_nothing_says_so(ui):
    agency = new_agency(ui, f"Sở Nội vụ {RUN}")
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{agency}")
    form = officer.locator("#agency-merge")
    form.get_by_label("Tìm cơ quan tiếp nhận (sáp nhập vào)").fill(f"không có cơ quan nào {RUN}")
    with officer.expect_navigation():
        form.get_by_role("button", name="Tìm", exact=True).click()
    expect(form).to_contain_text("Không có cơ quan đang hoạt động nào khớp")
    expect(form.get_by_role("button", name="Sáp nhập cơ quan")).to_have_count(0)


def test_an_officer_records_a_change_of_scope_with_its_reason(ui, axe, shot):
    agency = announced_agency(ui, f"Sở Tư pháp {RUN}", f"12/QĐ-STP-{RUN}")
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{agency}")
    expect(officer.locator("#qs-scope-count")).to_have_text("96")
    expect(officer.locator("#qs-scope-change")).to_have_count(0)

    act(officer, "Thay đổi phạm vi áp dụng", "#quality-system", confirm="phải công bố lại",
        reason="THU_HEP_PHAM_VI", on=TODAY, scope_tthc_count="87",
        scope_description=f"Thủ tục hành chính cấp tỉnh, trừ lĩnh vực hộ tịch ({RUN})")
    expect(officer.locator("#qs-status")).to_have_text("Cần công bố lại")
    expect(officer.locator("#qs-scope-count")).to_have_text("87")
    expect(officer.locator("#qs-scope")).to_have_text(f"Thủ tục hành chính cấp tỉnh, trừ lĩnh vực hộ tịch ({RUN})")
    expect(officer.locator("#qs-scope-change")).to_have_text(f"{TODAY}: Thu hẹp phạm vi")
    assert axe(officer) == []
    shot(officer, "scope-changed")
    saved = api(ui, "GET", f"registry/agencies/{agency}/quality-system")
    assert (saved["scope_tthc_count"], saved["scope_change_reason"]) == (87, "THU_HEP_PHAM_VI")


def test_an_announced_system_is_announced_again_after_its_scope_changed(ui, axe, shot):
    first, again = f"20/QĐ-SXD-{RUN}", f"47/QĐ-SXD-{RUN}"
    agency = announced_agency(ui, f"Sở Xây dựng {RUN}", first)
    api(ui, "POST", f"registry/agencies/{agency}/quality-system/scope",
        {"reason": "MO_RONG_PHAM_VI", "on": ISO_TODAY, "scope_tthc_count": 110})
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{agency}")
    expect(officer.locator("#qs-status")).to_have_text("Cần công bố lại")
    reason = officer.locator("#quality-system form").filter(
        has=officer.get_by_role("button", name="Công bố lại", exact=True)).locator("[name=reason]")
    expect(reason).to_have_value("MO_RONG_PHAM_VI")  # the scope change's reason, ready

    act(officer, "Công bố lại", "#quality-system", decision_no=again, decision_date=TODAY)
    expect(officer.locator("#qs-status")).to_have_text("Đã công bố")
    rows = officer.locator("#announcements tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=first)).to_contain_text("Công bố lần đầu")
    expect(rows.filter(has_text=again)).to_contain_text("Công bố lại (Mở rộng phạm vi)")
    assert axe(officer) == []
    shot(officer, "announced-again")
    kinds = {n["decision_no"]: (n["kind"], n["reason"])
             for n in api(ui, "GET", f"registry/agencies/{agency}/announcements")}
    assert kinds == {first: ("LAN_DAU", None), again: ("CONG_BO_LAI", "MO_RONG_PHAM_VI")}


def test_an_officer_cancels_a_nomination_and_the_first_waiting_gets_the_place(ui, axe, shot):
    title = f"Lớp thư ký ISO bổ sung {RUN}"
    agency = api(ui, "GET", "registry/agencies?status=HOAT_DONG&page_size=1")["items"][0]["id"]
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Đào tạo", exact=True).click()
    act(officer, "Mở lớp", title=title, venue="Long Xuyên", provider="Chi cục TĐC An Giang", capacity="1",
        day="18/12/2026")
    act(officer, "Mở đăng ký")
    klass = officer.url.rsplit("/", 1)[1]
    for person, name in (("a", "Nguyễn Văn An"), ("b", "Lê Thị Bình"), ("c", "Trần Quốc Cường")):
        api(ui, "POST", f"training/classes/{klass}/registrations",
            {"agency_id": agency, "full_name": name, "person_id": f"{person}-{RUN}", "qms_role": "THU_KY_ISO"})
    officer.reload()
    expect(officer.locator("#confirmed")).to_contain_text("Nguyễn Văn An")
    assert axe(officer) == []

    first = officer.locator("#confirmed li", has_text="Nguyễn Văn An")
    first.get_by_label("Lý do").fill(f"Cán bộ chuyển công tác ({RUN})")
    with officer.expect_navigation():
        first.get_by_role("button", name="Hủy đăng ký", exact=True).click()
    expect(officer.locator("#confirm-question")).to_contain_text("Chỗ của họ sẽ chuyển cho người đang chờ")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(officer.locator(".flash-ok")).to_have_text("Đã lưu.")

    expect(officer.locator("#confirmed")).to_contain_text("Lê Thị Bình")
    expect(officer.locator("#confirmed")).not_to_contain_text("Nguyễn Văn An")
    expect(officer.locator("#waitlist li")).to_have_count(1)
    expect(officer.locator("#waitlist")).to_contain_text("Trần Quốc Cường")
    shot(officer, "registration-cancelled")
    listed = {r["full_name"]: r for r in api(ui, "GET", f"training/registrations?class_id={klass}")["items"]}
    assert (listed["Nguyễn Văn An"]["status"], listed["Nguyễn Văn An"]["cancel_reason"]) == (
        "CANCELLED", f"Cán bộ chuyển công tác ({RUN})")
    assert listed["Lê Thị Bình"]["status"] == "CONFIRMED"


def test_an_officer_ends_an_iso_secretarys_appointment_with_nobody_replacing_them(ui, shot):
    agency = new_agency(ui, f"Sở Y tế {RUN}")
    api(ui, "POST", f"registry/agencies/{agency}/officers",
        {"full_name": "Võ Thị Mai", "role": "THU_KY_ISO", "appointed_on": f"{calendar.today().year}-01-02"})
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{agency}")
    act(officer, "Thôi giao nhiệm vụ", "#officers", confirm="Cho cán bộ này thôi nhiệm vụ?", removed_on=TODAY)

    expect(officer.locator("#officers li")).to_have_count(1)
    expect(officer.locator("#officers li")).to_contain_text(f"– {TODAY}")
    expect(officer.locator("#officers").get_by_role("button", name="Thôi giao nhiệm vụ")).to_have_count(0)
    expect(officer.locator("#timeline")).to_contain_text("Thôi nhiệm vụ cán bộ ISO: Võ Thị Mai")
    shot(officer, "officer-removed")
    officers = api(ui, "GET", f"registry/agencies/{agency}/officers")
    assert [(o["full_name"], o["removed_on"]) for o in officers] == [("Võ Thị Mai", ISO_TODAY)]


def announced_on(ui, as_of: str) -> int:
    return api(ui, "GET", f"reporting/figures?as_of={as_of}")["announced"]


def test_an_officer_corrects_a_wrong_announcement_date_and_the_figure_moves(ui, axe, shot):
    year, decision = calendar.today().year, f"31/QĐ-SCT-{RUN}"
    right, right_iso, year_end = f"10/03/{year - 1}", f"{year - 1}-03-10", f"{year - 1}-12-31"
    agency = new_agency(ui, f"Sở Công Thương {RUN}")
    qs = f"registry/agencies/{agency}/quality-system"
    api(ui, "POST", qs, {"scope_tthc_count": 120})
    api(ui, "POST", f"{qs}/start-building", {"on": f"{year - 2}-01-05"})
    api(ui, "POST", f"{qs}/apply", {"on": f"{year - 2}-02-01"})
    for activity in ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"):
        api(ui, "POST", f"registry/agencies/{agency}/maintenance", {"activity_type": activity,
                                                                    "activity_date": ISO_TODAY})
    api(ui, "POST", f"{qs}/announce", {"decision_no": decision, "decision_date": ISO_TODAY})  # typed today by mistake
    before = announced_on(ui, year_end)
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{agency}")
    step = officer.locator("#quality-system [name=step] option[value=announce]")
    expect(step).to_have_text(f"Công bố ({TODAY})")
    assert axe(officer) == []

    act(officer, "Sửa ngày của một bước", "#quality-system", confirm="Sửa ngày của bước này?", step="announce",
        on=right, reason=f"Nhập nhầm ngày quyết định ({RUN})")

    expect(officer.locator("#announcements tbody tr", has_text=decision)).to_contain_text(right)
    expect(step).to_have_text(f"Công bố ({right})")
    expect(officer.locator("#timeline")).to_contain_text(
        f"Sửa ngày của bước “Công bố”: {TODAY} → {right}, Nhập nhầm ngày quyết định ({RUN})")
    assert axe(officer) == []
    shot(officer, "step-date-corrected")
    [correction] = api(ui, "GET", f"{qs}/corrections")
    assert (correction["step"], correction["old_date"], correction["new_date"]) == ("announce", ISO_TODAY, right_iso)
    deadline = time.monotonic() + 60
    while announced_on(ui, year_end) != before + 1 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert announced_on(ui, year_end) == before + 1  # the announcement counts in the year it was made

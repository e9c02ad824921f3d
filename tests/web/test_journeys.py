"""Jobs that were API-only, now done through the pages by the role that does them (issue 23): a budget line
approved, spent and settled; an inspection postponed, resumed and cancelled; a plan adjusted and closed; an agency
edited, its ISO officer replaced, then dissolved; another year of classes and reports; a class's printable lists.

Same topology and browser as test_browser.py; each effect is checked on the page, and through the API where the
page does not show it.
"""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from kit import calendar
from tests.web.test_browser import RUN, act, api_headers

TODAY = calendar.today().strftime("%d/%m/%Y")


def api(ui, path: str, tenant: str = "an-giang") -> dict:
    reply = requests.get(f"{ui.gateway}/api/v1/{path}", headers=api_headers(ui, tenant), timeout=30)
    reply.raise_for_status()
    return reply.json()


def test_a_budget_line_is_approved_by_the_leader_then_spent_and_settled_by_the_officer(ui, shot):
    title = f"Đào tạo thư ký ISO {RUN}"
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Kinh phí", exact=True).click()
    act(officer, "Thêm dòng kinh phí", title=title, owner="PROGRAMME", category="DAO_TAO",
        funding_source="NS_TINH", estimate="20000000")
    officer.get_by_role("link", name=title).click()
    line = officer.url
    expect(officer.locator("#line-status")).to_have_text("Lập dự toán")
    expect(officer.get_by_role("button", name="Giao dự toán")).to_have_count(0)  # the leader's
    expect(officer.get_by_role("button", name="Ghi khoản chi")).to_have_count(0)  # not approved yet

    leader = ui.login("an-giang.leader")
    leader.goto(line)
    act(leader, "Giao dự toán", confirm="Giao dự toán cho dòng kinh phí này?", approved="18000000",
        approving_doc=f"125/QĐ-UBND-{RUN}")
    expect(leader.locator("#line-status")).to_have_text("Đã giao dự toán")
    expect(leader.locator("#line-approved")).to_contain_text("18.000.000 ₫")
    expect(leader.get_by_role("button", name="Ghi quyết toán")).to_have_count(0)  # the officer's

    officer.reload()
    act(officer, "Ghi khoản chi", "#disbursements", amount="15000000", description="Thù lao giảng viên",
        spent_on=TODAY)
    expect(officer.locator("#line-disbursed")).to_contain_text("15.000.000 ₫")
    expect(officer.locator("#disbursements tbody")).to_contain_text("Thù lao giảng viên")
    officer.locator("#settlements [name=final]").check()
    act(officer, "Ghi quyết toán", "#settlements", confirm="quyết toán lần cuối đóng dòng kinh phí",
        amount="15000000", settlement_doc=f"QT-{RUN}", settled_on=TODAY)
    expect(officer.locator("#line-status")).to_have_text("Đã quyết toán")
    expect(officer.locator("#line-settled")).to_contain_text("15.000.000 ₫")
    expect(officer.locator("#settlements tbody")).to_contain_text(f"QT-{RUN}")
    expect(officer.get_by_role("button", name="Ghi quyết toán")).to_have_count(0)
    shot(officer, "budget-line")


def test_an_officer_postpones_an_inspection_resumes_it_then_cancels_it(ui, shot):
    agency = api(ui, "registry/agencies?status=HOAT_DONG&page_size=1")["items"][0]["id"]
    made = requests.post(f"{ui.gateway}/api/v1/inspections/inspections", headers=api_headers(ui, "an-giang"),
                         json={"agency_id": agency, "kind": "DOT_XUAT", "form": "QUA_BAO_CAO_HO_SO",
                               "scheduled_date": "2026-12-20"}, timeout=30)
    assert made.status_code == 201, made.text
    inspection = f"/inspections/{made.json()['id']}"

    inspector = ui.login("an-giang.inspector")
    inspector.goto(inspection)
    expect(inspector.locator("#inspection-status")).to_have_text("Dự kiến")
    expect(inspector.locator("#postpone-cancel")).to_have_count(0)  # the province's managers decide

    officer = ui.login("an-giang.officer")
    officer.goto(inspection)
    act(officer, "Hoãn kiểm tra", "#postpone-cancel", reason=f"Cơ quan đang sắp xếp tổ chức bộ máy ({RUN})",
        new_date="15/01/2027")
    expect(officer.locator("#inspection-status")).to_have_text("Hoãn")
    assert api(ui, f"inspections{inspection}")["scheduled_date"] == "2027-01-15"
    expect(officer.locator("#inspection-reason")).to_contain_text(f"đang sắp xếp tổ chức bộ máy ({RUN})")
    expect(officer.get_by_role("button", name="Hoãn kiểm tra")).to_have_count(0)  # already postponed
    act(officer, "Gửi thông báo", notice_doc=f"21/TB-SKHCN-{RUN}")  # notified again, it resumes
    expect(officer.locator("#inspection-status")).to_have_text("Đã thông báo")

    act(officer, "Hủy cuộc kiểm tra", "#postpone-cancel", confirm="Hủy cuộc kiểm tra?",
        reason=f"Cơ quan đã được kiểm tra trong đợt khác ({RUN})")
    expect(officer.locator("#inspection-status")).to_have_text("Đã hủy")
    expect(officer.locator("#inspection-reason")).to_contain_text("đã được kiểm tra trong đợt khác")
    expect(officer.locator("#postpone-cancel")).to_have_count(0)
    assert api(ui, f"inspections{inspection}")["status"] == "HUY"
    shot(officer, "inspection-cancelled")


def test_an_approved_plan_is_adjusted_approved_again_and_closed(ui, shot):
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Kiểm tra", exact=True).click()
    act(officer, "Lập kế hoạch", year="2026", title=f"Kế hoạch kiểm tra bổ sung năm 2026 ({RUN})")
    act(officer, "Thêm vào kế hoạch", "#targets", form="QUA_BAO_CAO_HO_SO", planned_month="12")
    act(officer, "Trình UBND tỉnh phê duyệt")
    plan = officer.url
    leader = ui.login("an-giang.leader")
    leader.goto(plan)
    act(leader, "Duyệt", confirm="Phê duyệt kế hoạch kiểm tra?", approving_doc=f"2201/KH-UBND-{RUN}")
    expect(leader.locator("#adjust-close")).to_have_count(0)  # the officer's

    officer.reload()
    act(officer, "Điều chỉnh kế hoạch", note=f"Bổ sung cơ quan mới thành lập ({RUN})")
    expect(officer.locator(".facts")).to_contain_text("Đang điều chỉnh")
    expect(officer.locator("#plan-adjustment")).to_contain_text(f"Bổ sung cơ quan mới thành lập ({RUN})")
    expect(officer.locator("#adjust-close")).to_have_count(0)
    act(officer, "Trình UBND tỉnh phê duyệt")
    leader.reload()
    act(leader, "Duyệt", confirm="Phê duyệt kế hoạch kiểm tra?", approving_doc=f"2310/KH-UBND-{RUN}")

    officer.reload()
    act(officer, "Tổng kết kế hoạch", confirm="Tổng kết kế hoạch kiểm tra?")
    expect(officer.locator(".facts")).to_contain_text("Đã tổng kết")
    expect(officer.locator("#adjust-close")).to_have_count(0)
    assert api(ui, f"inspections/plans/{plan.rsplit('/', 1)[1]}")["status"] == "DA_TONG_KET"
    shot(officer, "plan-closed")


def test_an_officer_edits_an_agency_replaces_its_iso_secretary_and_dissolves_it(ui, shot):
    name = f"Ban Quản lý khu kinh tế tỉnh An Giang {RUN}"
    today = calendar.today().isoformat()
    unit = api(ui, f"registry/admin-units?scheme=QD19_2025&as_of={today}&page_size=1")["units"][0]["code"]
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Cơ quan", exact=True).click()
    act(officer, "Đăng ký cơ quan", name=name, agency_type="BAN_QL", admin_level="TINH")
    agency_id = officer.url.rsplit("/", 1)[1]

    parent = officer.locator("#agency-edit [name=parent_agency_id] option").nth(1)
    parent_id, parent_name = parent.get_attribute("value"), parent.inner_text()
    act(officer, "Lưu thông tin cơ quan", "#agency-edit", parent_agency_id=parent_id, location_unit_code=unit,
        ma_dinh_danh=f"H01.{RUN}", head_name="Trần Minh Quân", tthc_count="42")
    expect(officer.locator("#agency-code")).to_have_text(f"H01.{RUN}")
    expect(officer.locator("#agency-tthc")).to_have_text("42")
    expect(officer.locator(".facts")).to_contain_text("Trần Minh Quân")
    expect(officer.locator("#agency-edit [name=parent_agency_id] option:checked")).to_have_text(parent_name)
    saved = api(ui, f"registry/agencies/{agency_id}")
    assert (saved["parent_agency_id"], saved["location_unit_code"]) == (parent_id, unit)

    act(officer, "Thêm", "#officers", full_name="Lê Thị Hoa", role="THU_KY_ISO", appointed_on="01/03/2026")
    act(officer, "Thôi giao nhiệm vụ", "#officers", confirm="Cho cán bộ này thôi nhiệm vụ?", removed_on=TODAY)
    act(officer, "Thêm", "#officers", full_name="Phạm Văn Sơn", role="THU_KY_ISO", appointed_on=TODAY)
    officers = {o["full_name"]: o for o in api(ui, f"registry/agencies/{agency_id}/officers")}
    assert officers["Lê Thị Hoa"]["removed_on"] and not officers["Phạm Văn Sơn"]["removed_on"]
    expect(officer.locator("#officers li", has_text="Lê Thị Hoa")).to_contain_text(f"– {TODAY}")
    expect(officer.locator("#officers li", has_text="Lê Thị Hoa").get_by_role("button")).to_have_count(0)
    expect(officer.locator("#timeline")).to_contain_text("Thôi nhiệm vụ cán bộ ISO: Lê Thị Hoa")
    expect(officer.locator("#officers li", has_text="Phạm Văn Sơn").get_by_role(
        "button", name="Thôi giao nhiệm vụ")).to_have_count(1)
    shot(officer, "agency-edited")

    act(officer, "Giải thể cơ quan", "#agency-dissolve", confirm="Ghi nhận cơ quan đã giải thể?",
        decision=f"88/QĐ-UBND-{RUN}", dissolved_on=TODAY)
    expect(officer.locator("#agency-status")).to_contain_text("giải thể")
    expect(officer.locator("#agency-edit")).to_have_count(0)
    assert api(ui, f"registry/agencies/{agency_id}")["status"] != "HOAT_DONG"


def test_classes_and_reports_of_another_year_are_reached_with_the_year_field(ui, shot):
    earlier = calendar.today().year - 1
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Báo cáo", exact=True).click()
    act(officer, "Lập báo cáo", report_type="BC_DOT_XUAT", period_start=f"01/07/{earlier}",
        cutoff=f"31/12/{earlier}")
    report = officer.url.rsplit("/", 1)[1]
    officer.get_by_role("link", name="Báo cáo", exact=True).click()
    expect(officer.locator(f"a[href='/reports/{report}']")).to_have_count(0)  # this year's list
    officer.locator("form[role=search]").get_by_label("Năm", exact=True).fill(str(earlier))
    with officer.expect_navigation():
        officer.get_by_role("button", name="Xem năm").click()
    expect(officer.locator("h1")).to_have_text(f"Báo cáo {earlier}")
    expect(officer.locator(f"a[href='/reports/{report}']")).to_have_count(1)

    title = f"Lớp đánh giá viên nội bộ {RUN}"
    officer.get_by_role("link", name="Đào tạo", exact=True).click()
    act(officer, "Mở lớp", title=title, venue="Châu Đốc", provider="Chi cục TĐC An Giang", capacity="30",
        day=f"20/10/{earlier}")  # a class held last year, recorded late
    officer.get_by_role("link", name="Đào tạo", exact=True).click()
    expect(officer.get_by_role("link", name=title)).to_have_count(0)  # this year's list
    officer.locator("form[role=search]").get_by_label("Năm", exact=True).fill(str(earlier))
    with officer.expect_navigation():
        officer.get_by_role("button", name="Xem năm").click()
    expect(officer.locator("h1")).to_have_text(f"Lớp đào tạo {earlier}")
    expect(officer.get_by_role("link", name=title)).to_have_count(1)
    titles = [c["title"] for c in api(ui, f"training/classes?year={earlier}&page_size=100")["items"]]
    assert sorted(officer.locator("main table tbody a").all_inner_texts()) == sorted(titles)
    shot(officer, "classes-earlier-year")


def test_the_class_page_downloads_the_attendance_sheet_and_the_certificate_list(ui):
    title = f"Lớp đại diện lãnh đạo {RUN}"
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Đào tạo", exact=True).click()
    act(officer, "Mở lớp", title=title, venue="Long Xuyên", provider="Chi cục TĐC An Giang", capacity="20",
        day="18/12/2026")
    act(officer, "Mở đăng ký")
    page = officer.url

    for link, ending in (("Danh sách điểm danh XLSX", ".xlsx"), ("Danh sách điểm danh PDF", ".pdf"),
                         ("Danh sách chứng nhận XLSX", ".xlsx")):
        with officer.expect_download() as download:
            officer.get_by_role("link", name=link).click()
        assert download.value.suggested_filename.endswith(ending), link
        assert download.value.path().stat().st_size > 0

    secretary = ui.login("an-giang.agency")
    secretary.goto(page)
    expect(secretary.locator("h1")).to_have_text(title)
    expect(secretary.locator("#class-downloads")).to_have_count(0)  # the province's staff only


def test_a_leader_sends_a_report_back_with_a_reason_the_drafter_reads(ui, shot):
    reason = f"Bổ sung số liệu kiểm tra sáu tháng ({RUN})"
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Báo cáo", exact=True).click()
    act(officer, "Lập báo cáo", report_type="BC_6_THANG", period_start="2026-01-01", cutoff="2026-06-30")
    act(officer, "Trình lãnh đạo duyệt")
    report = officer.url

    leader = ui.login("an-giang.leader")
    leader.goto(report)
    act(leader, "Trả lại", reason=reason)
    expect(leader.locator("#report-status")).to_have_text("Đang lập")

    officer.reload()
    expect(officer.get_by_role("heading", name="Lý do trả lại")).to_be_visible()
    expect(officer.locator("main")).to_contain_text(reason)
    assert api(ui, f"reporting/reports/{report.rsplit('/', 1)[1]}")["return_reason"] == reason
    shot(officer, "report-returned")

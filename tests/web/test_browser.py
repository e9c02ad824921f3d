"""The web UI in headless Chromium against the real topology: each role's main journeys, end to end.

Every step goes through the pages (forms, buttons, links) as a user would; the services behind the gateway run
on real PostgreSQL and Kafka with the seed-demo data. Screenshots land in var/artefacts/screenshots.
"""

from __future__ import annotations

import io
import re
import uuid

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from kit.db import fold

TODAY = "2026-11-26"
RUN = uuid.uuid4().hex[:6]


def act(page: Page, button: str, scope: str = "main", confirm: str = "", **fields) -> None:
    """Fill the form whose submit button reads `button` (inside `scope`), submit it, check it was saved. An action
    that cannot be undone asks first: `confirm` is what its confirmation page must say before it is confirmed."""
    area = page.locator(scope)
    form = area.locator("form").filter(has=page.get_by_role("button", name=button, exact=True)).first
    for name, value in fields.items():
        field = form.locator(f"[name='{name}']")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    if confirm:
        expect(page.locator("#confirm-question")).to_contain_text(confirm)
        with page.expect_navigation():
            page.get_by_role("button", name="Xác nhận", exact=True).click()
    refused = page.locator(".flash-error, #error-summary").all_inner_texts()
    assert refused == [], f"{button}: {refused}"
    expect(page.locator(".flash-ok")).to_have_text("Đã lưu.")


def test_an_officer_registers_an_agency_and_announces_its_quality_system(ui, shot):
    name = f"Sở Văn hoá và Thể thao tỉnh An Giang {RUN}"
    page = ui.login("an-giang.officer")

    page.get_by_role("link", name="Cơ quan", exact=True).click()
    act(page, "Đăng ký cơ quan", name=name, agency_type="SO", admin_level="TINH")
    expect(page.locator("h1")).to_have_text(name)
    act(page, "Khởi tạo hồ sơ HTQLCL")
    expect(page.locator("#qs-status")).to_have_text("Chưa xây dựng")
    act(page, "Bắt đầu xây dựng", on="05/01/2026")  # typed day first, as officials write dates
    act(page, "Áp dụng", on="2026-06-01")
    expect(page.locator("#qs-status")).to_have_text("Đang áp dụng")
    act(page, "Thêm", "#maintenance", activity_type="DANH_GIA_NOI_BO", activity_date="2026-09-10")
    act(page, "Thêm", "#maintenance", activity_type="XEM_XET_LANH_DAO", activity_date="2026-10-01")
    act(page, "Công bố HTQLCL", decision_no=f"25/QĐ-SVHTT-{RUN}", decision_date="20/11/2026")

    expect(page.locator("#qs-status")).to_have_text("Đã công bố")
    expect(page.locator("#announcements")).to_contain_text(f"25/QĐ-SVHTT-{RUN}")
    expect(page.locator("#timeline")).to_contain_text("20/11/2026")
    expect(page.locator("#timeline")).to_contain_text("Đánh giá nội bộ")
    shot(page, "agency")
    act(page, "Thay đổi phạm vi áp dụng", confirm="phải công bố lại", reason="MO_RONG_PHAM_VI", on="2026-11-25",
        scope_tthc_count="120")
    expect(page.locator("#qs-status")).to_have_text("Cần công bố lại")
    act(page, "Công bố lại", decision_no=f"31/QĐ-SVHTT-{RUN}", decision_date="2026-11-26", reason="MO_RONG_PHAM_VI")
    expect(page.locator("#qs-status")).to_have_text("Đã công bố")
    expect(page.locator("#announcements")).to_contain_text(f"31/QĐ-SVHTT-{RUN}")
    page.get_by_role("link", name="Cơ quan", exact=True).click()
    page.get_by_label("Tìm kiếm").fill(RUN)
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    shot(page, "agencies")


def test_an_inspection_runs_and_its_recommendation_is_closed_by_the_inspector_and_the_agency(ui, shot):
    agency = ui.claims("an-giang.agency")["agency_id"]
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Kiểm tra", exact=True).click()
    act(officer, "Lập kế hoạch", year="2026", title=f"Kế hoạch kiểm tra HTQLCL năm 2026 ({RUN})")
    act(officer, "Thành lập đoàn kiểm tra", decision_no=f"15/QĐ-SKHCN-{RUN}", decision_date="2026-11-20",
        full_name_1="Nguyễn Văn Kiểm", role_1="TRUONG_DOAN", user_subject_1="an-giang.inspector")
    act(officer, "Lập cuộc kiểm tra", agency_id=agency, kind="DOT_XUAT", form="TRUC_TIEP_TAI_TRU_SO",
        scheduled_date="2026-11-27")
    inspection = officer.url

    inspector = ui.login("an-giang.inspector")
    inspector.goto(inspection)
    act(inspector, "Gửi thông báo", notice_doc=f"20/TB-SKHCN-{RUN}")
    act(inspector, "Bắt đầu kiểm tra", conducted_date=TODAY)
    checklist = inspector.locator("#checklist")
    for criterion in checklist.locator("fieldset").all():
        criterion.get_by_label("Đạt", exact=True).check()
    checklist.locator("fieldset").first.get_by_label("Không đạt", exact=True).check()
    shot(inspector, "checklist")
    act(inspector, "Lưu bảng kiểm", "#checklist")
    act(inspector, "Ghi phát hiện", "#findings", type="KHUYEN_NGHI", description="Mục tiêu chất lượng chưa cập nhật")
    act(inspector, "Lập biên bản", confirm="bảng kiểm và các phát hiện không sửa được nữa", record_doc=f"BB-{RUN}",
        record_date=TODAY)
    act(inspector, "Đưa ra kiến nghị", "#recommendations", description=f"Cập nhật mục tiêu chất lượng {RUN}",
        deadline="2026-12-31")
    act(inspector, "Kết luận", confirm="Kết luận cuộc kiểm tra?", conclusion_doc=f"KL-{RUN}", conclusion_date=TODAY,
        overall_result="DAT_CO_KHUYEN_NGHI")
    expect(inspector.locator("#inspection-status")).to_have_text("Đang khắc phục")
    shot(inspector, "inspection")

    agency_page = ui.login("an-giang.agency")
    agency_page.get_by_role("link", name="Kiến nghị", exact=True).click()
    agency_page.get_by_role("link", name=f"Cập nhật mục tiêu chất lượng {RUN}").click()
    act(agency_page, "Gửi minh chứng", evidence="Quyết định 12/QĐ ban hành mục tiêu chất lượng năm 2027")
    expect(agency_page.locator("#recommendation-status")).to_have_text("Đã nộp minh chứng")
    recommendation = agency_page.url

    inspector.goto(recommendation)
    act(inspector, "Chấp nhận và đóng", note="Đã khắc phục")
    expect(inspector.locator("#recommendation-status")).to_have_text("Đã đóng")
    agency_page.reload()
    expect(agency_page.locator("#recommendation-status")).to_have_text("Đã đóng")
    shot(agency_page, "recommendation")


def test_an_agency_asks_for_training_on_site_and_the_province_opens_a_class_for_it(ui, shot):
    secretary = ui.login("an-giang.agency")
    secretary.get_by_role("link", name="Đào tạo", exact=True).click()
    act(secretary, "Gửi đề nghị", "#onsite", participants="25", note=f"Cho cán bộ một cửa {RUN}")
    expect(secretary.locator("#onsite li", has_text=RUN)).to_contain_text("Đã gửi")

    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Đào tạo", exact=True).click()
    request = officer.locator("#onsite li", has_text=RUN)
    form = request.locator("form").filter(has=officer.get_by_role("button", name="Đồng ý và mở lớp"))
    form.locator("[name=title]").fill(f"Lớp tại cơ quan {RUN}")
    form.locator("[name=venue]").fill("Hội trường cơ quan")
    form.locator("[name=provider]").fill("Chi cục TĐC An Giang")
    form.locator("[name=day]").fill("2026-12-20")
    with officer.expect_navigation():
        form.get_by_role("button", name="Đồng ý và mở lớp").click()

    expect(officer.locator(".flash-ok")).to_have_text("Đã lưu.")
    expect(officer.locator("#onsite li", has_text=RUN)).to_contain_text("Đã đồng ý")
    expect(officer.locator("tbody")).to_contain_text(f"Lớp tại cơ quan {RUN}")
    shot(officer, "onsite")


def test_a_plan_is_submitted_by_the_officer_and_approved_by_the_leader(ui, shot):
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Kiểm tra", exact=True).click()
    act(officer, "Lập kế hoạch", year="2027", title=f"Kế hoạch kiểm tra năm 2027 ({RUN})")
    act(officer, "Thêm vào kế hoạch", "#targets", form="QUA_BAO_CAO_HO_SO", planned_month="5")
    expect(officer.locator("#targets h2")).to_contain_text("(1)")
    act(officer, "Trình UBND tỉnh phê duyệt")
    plan = officer.url

    leader = ui.login("an-giang.leader")
    leader.goto(plan)
    leader.locator("[name=approving_doc]").fill(f"2145/KH-UBND-{RUN}")
    with leader.expect_navigation():
        leader.get_by_role("button", name="Duyệt", exact=True).click()
    expect(leader.locator("main")).to_contain_text(f"2145/KH-UBND-{RUN}")  # what will be sent, shown before it is
    with leader.expect_navigation():
        leader.get_by_role("link", name="Quay lại, không thực hiện").click()
    expect(leader.get_by_role("button", name="Duyệt", exact=True)).to_have_count(1)  # nothing was approved
    act(leader, "Duyệt", confirm="Phê duyệt kế hoạch kiểm tra?", approving_doc=f"2145/KH-UBND-{RUN}")

    expect(leader.locator(".facts")).to_contain_text("Đã phê duyệt")
    expect(leader.locator(".facts")).to_contain_text(f"2145/KH-UBND-{RUN}")
    expect(leader.get_by_role("button", name="Duyệt", exact=True)).to_have_count(0)
    shot(leader, "plan")


def test_nominations_fill_a_class_then_wait_in_order(ui, shot):
    title = f"Lớp thư ký ISO {RUN}"
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Đào tạo", exact=True).click()
    act(officer, "Mở lớp", title=title, venue="Long Xuyên", provider="Chi cục TĐC An Giang", capacity="1",
        day="15/12/2026")
    act(officer, "Mở đăng ký")
    expect(officer.locator("#class-status")).to_have_text("Đang mở đăng ký")

    secretary = ui.login("an-giang.agency")
    secretary.get_by_role("link", name="Đào tạo", exact=True).click()
    secretary.get_by_role("link", name=title).click()
    act(secretary, "Cử người tham gia", full_name="Nguyễn Thị Lan", person_id=f"a-{RUN}", qms_role="THU_KY_ISO")
    act(secretary, "Cử người tham gia", full_name="Trần Văn Hùng", person_id=f"b-{RUN}", qms_role="THU_KY_ISO")

    expect(secretary.locator("#confirmed")).to_contain_text("Nguyễn Thị Lan")
    expect(secretary.locator("#waitlist")).to_contain_text("Trần Văn Hùng")
    expect(secretary.locator("#waitlist")).to_contain_text("Thứ tự chờ 1")
    shot(secretary, "class")

    officer.reload()
    act(officer, "Chốt danh sách")
    act(officer, "Bắt đầu lớp học")
    act(officer, "Lưu", "#attendance")
    act(officer, "Kết thúc lớp học")
    act(officer, "Cấp chứng nhận", confirm="Cấp giấy chứng nhận")
    expect(officer.locator("#confirmed")).to_contain_text("/2026/GCN-ISO")
    shot(officer, "certificates")


def test_a_report_is_approved_submitted_and_accepted_by_national_oversight(ui, shot):
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Báo cáo", exact=True).click()
    act(officer, "Lập báo cáo", report_type="BC_6_THANG", period_start="2026-01-01", cutoff="2026-06-30")
    act(officer, "Lưu", difficulties=f"Thiếu kinh phí duy trì ({RUN})")
    act(officer, "Trình lãnh đạo duyệt")
    expect(officer.locator("#report-status")).to_have_text("Chờ duyệt")
    report = officer.url

    leader = ui.login("an-giang.leader")
    leader.goto(report)
    act(leader, "Duyệt", confirm="Duyệt báo cáo?")
    expect(leader.locator("#report-status")).to_have_text("Đã duyệt")
    officer.reload()
    act(officer, "Gửi Bộ KH&CN", confirm="Gửi báo cáo lên Bộ Khoa học và Công nghệ?")
    expect(officer.locator("#report-status")).to_have_text("Đã gửi Bộ")
    with officer.expect_download() as download:
        officer.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    national = ui.login("national")
    national.get_by_role("link", name="Báo cáo các tỉnh").click()
    report_id = report.rsplit("/", 1)[1]
    national.locator(f"a[href='/national/reports/an-giang/{report_id}']").click()
    act(national, "Tiếp nhận", confirm="Tiếp nhận báo cáo của tỉnh?", comment="Đã nhận báo cáo")
    expect(national.locator("#report-status")).to_have_text("Đã tiếp nhận")
    shot(national, "report")
    national.get_by_role("link", name="Báo cáo các tỉnh").click()
    expect(national.locator("#completeness tr", has_text="Tỉnh An Giang")).to_contain_text("Đúng hạn")
    expect(national.locator("#completeness tr", has_text="Tỉnh Thái Bình")).to_contain_text("Chưa nộp")
    shot(national, "completeness")


def test_a_budget_line_is_recorded_for_an_agency_with_its_cap_check(ui, shot):
    agency = ui.claims("an-giang.agency")["agency_id"]
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Kinh phí", exact=True).click()

    act(officer, "Thêm dòng kinh phí", title=f"Tư vấn xây dựng HTQLCL {RUN}", owner="AGENCY", agency_id=agency,
        category="TU_VAN_XAY_DUNG_LAN_DAU", funding_source="NS_TINH", estimate="250000000")

    row = officer.locator("tbody tr", has_text=f"Tư vấn xây dựng HTQLCL {RUN}")
    expect(row).to_contain_text("250.000.000 ₫")
    expect(row).to_contain_text("Lập dự toán")
    expect(row.locator(".badge").first).to_be_visible()
    shot(officer, "budget")


def test_dashboards_and_the_national_view_show_the_figures_as_charts(ui, shot):
    officer = ui.login("an-giang.officer")
    expect(officer.locator("h1")).to_contain_text("Tỉnh An Giang")
    expect(officer.locator("svg.chart").first).to_be_visible()
    expect(officer.locator(".tile")).to_have_count(10)
    shot(officer, "dashboard")

    national = ui.login("national")
    expect(national.locator("h1")).to_have_text("So sánh các tỉnh")
    for province in ("Tỉnh An Giang", "Tỉnh Bình Thuận", "Tỉnh Thái Bình", "Thành phố Hồ Chí Minh"):
        expect(national.locator("#ranking tbody")).to_contain_text(province)
        expect(national.locator("#province-grid")).to_contain_text(province)
    expect(national.locator("svg.chart")).to_have_count(2)
    shot(national, "national")
    national.get_by_role("link", name="Chi tiết Tỉnh Bình Thuận").click()
    expect(national.locator("h1")).to_contain_text("Tỉnh Bình Thuận")
    shot(national, "national-province")


def test_navigation_follows_the_role_and_the_language_can_be_switched(ui):
    national = ui.login("national")
    secretary = ui.login("an-giang.agency")
    menu = "nav[aria-label='Điều hướng chính']"

    expect(national.locator(menu)).to_contain_text("Toàn quốc")
    expect(national.locator(menu)).not_to_contain_text("Cơ quan")
    expect(secretary.locator(menu)).to_contain_text("Cơ quan của tôi")
    expect(secretary.locator(menu)).not_to_contain_text("Kinh phí")
    secretary.get_by_role("link", name="English").click()
    expect(secretary.locator("nav[aria-label='Main navigation']")).to_contain_text("My agency")
    expect(secretary.locator("html")).to_have_attribute("lang", "en")
    secretary.get_by_role("link", name="Tiếng Việt").click()
    expect(secretary.locator(menu)).to_contain_text("Cơ quan của tôi")


def test_the_header_names_the_province_and_an_error_page_speaks_vietnamese(ui):
    officer = ui.login("an-giang.officer")

    expect(officer.locator("header .user")).to_contain_text("An Giang")
    expect(officer.locator("header .user")).not_to_contain_text("an-giang")
    officer.goto(f"/inspections/{uuid.uuid4()}")
    expect(officer.locator("h1")).to_have_text("Không tìm thấy trang hoặc hồ sơ")
    expect(officer.locator("main")).to_contain_text("Mã tra cứu")
    assert "request id" not in officer.locator("main").inner_text()


def test_date_fields_are_day_month_year_in_an_english_browser_too(ui):
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="English").click()
    officer.goto("/reports")

    field = officer.locator("[name=period_start]")
    expect(field).to_have_attribute("type", "text")
    expect(field).to_have_attribute("placeholder", "dd/mm/yyyy")
    officer.get_by_role("link", name="Tiếng Việt").click()


PROVINCE_PAGES = ("/dashboard", "/agencies", "/agencies?agency_type=SO", "/inspections", "/recommendations",
                  "/classes", "/budget", "/reports")


@pytest.mark.parametrize(("username", "other"), [("an-giang.officer", "binh-thuan"),
                                                 ("binh-thuan.officer", "an-giang")])
def test_no_page_shows_another_provinces_agencies(ui, shot, username, other):
    theirs = agencies_of(ui, other)
    page = ui.login(username)

    for path in PROVINCE_PAGES:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        leaked = [name for name in theirs if name in page.content()]
        assert leaked == [], f"{path} shows {other}'s agencies: {leaked}"
        shot(page, path.strip("/").replace("?", "-").replace("=", "-") or "home")
    for agency_id, name in list(theirs.items())[:3]:
        page.goto(f"/agencies/{agency_id}")
        expect(page.locator("main")).to_contain_text("Không tìm thấy.")
        assert name not in page.content()


def test_every_inspection_of_a_year_is_reached_through_the_pages_by_its_agencys_name(ui, shot):
    created = ad_hoc_inspections(ui, "an-giang", 2019, count=55)  # more than a page of 50
    expected = inspections_of(ui, "an-giang", 2019)
    assert set(created) <= set(expected)
    page = ui.login("an-giang.officer")
    page.goto("/inspections?year=2019")

    seen, names = [], []
    while True:
        links = page.locator("main table tbody a")
        seen += [href.rsplit("/", 1)[-1] for href in (link.get_attribute("href") for link in links.all())]
        names += links.all_inner_texts()
        following = page.locator("a[rel=next]")
        if following.count() == 0:
            break
        with page.expect_navigation():
            following.click()
    shot(page, "inspections-2018-last-page")

    assert sorted(seen) == sorted(expected)
    assert [name for name in names if UUID_TEXT.fullmatch(name.strip())] == []
    wanted = names[0]
    page.goto("/inspections?year=2019")
    page.get_by_label("Cơ quan", exact=True).fill(fold(wanted).upper())
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    found = page.locator("main table tbody a").all_inner_texts()
    assert found and set(found) == {wanted}


UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def ad_hoc_inspections(ui, tenant: str, year: int, count: int) -> list[str]:
    """`count` ad hoc inspections of `tenant`'s first five agencies, spread over `year`, made through the API."""
    import requests

    headers = api_headers(ui, tenant)
    agencies = list(agencies_of(ui, tenant))[:5]
    made = []
    for n in range(count):
        body = {"agency_id": agencies[n % len(agencies)], "kind": "DOT_XUAT", "form": "QUA_BAO_CAO_HO_SO",
                "scheduled_date": f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"}
        reply = requests.post(f"{ui.gateway}/api/v1/inspections/inspections", json=body, headers=headers, timeout=30)
        assert reply.status_code == 201, reply.text
        made.append(reply.json()["id"])
    return made


def inspections_of(ui, tenant: str, year: int) -> list[str]:
    """The ids of every inspection of `tenant` in `year`, read through the API page by page."""
    import requests

    headers = api_headers(ui, tenant)
    found, page = [], 1
    while True:
        listing = requests.get(f"{ui.gateway}/api/v1/inspections/inspections?year={year}&page={page}&page_size=100",
                               headers=headers, timeout=30).json()
        found += [i["id"] for i in listing["items"]]
        if len(found) >= listing["total"]:
            break
        page += 1
    return found


def api_headers(ui, tenant: str) -> dict[str, str]:
    import requests

    token = requests.post(f"{ui.gateway}/auth/dev-token", json={"username": f"{tenant}.officer"}, timeout=30)
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def agencies_of(ui, tenant: str) -> dict[str, str]:
    """Every agency of `tenant` (id: name), read through the API as that province's officer."""
    import requests

    listing = requests.get(f"{ui.gateway}/api/v1/registry/agencies?page_size=100", headers=api_headers(ui, tenant),
                           timeout=30)
    found = {a["id"]: a["name"] for a in listing.json()["items"]}
    assert found, f"no agencies seeded for {tenant}"
    return found


def test_an_xlsx_import_shows_its_progress_and_the_rows_it_refused(ui, shot, tmp_path):
    page = ui.login("an-giang.officer")
    page.goto("/agencies")
    with page.expect_download() as exported:
        page.get_by_role("link", name="Xuất Excel").click()
    workbook = openpyxl.load_workbook(io.BytesIO(exported.value.path().read_bytes()))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2, sheet.max_row)
    for name, kind in ((f"Sở Xây dựng tỉnh An Giang {RUN}", "Sở"), (f"Cơ quan lạ {RUN}", "Không có loại này")):
        row = [None] * len(headers)
        row[headers.index("Tên cơ quan")], row[headers.index("Loại cơ quan")] = name, kind
        sheet.append(row)
    upload = tmp_path / "co-quan.xlsx"
    workbook.save(upload)

    page.get_by_role("link", name="Nhập từ tệp Excel").click()
    page.get_by_label("Tệp .xlsx").set_input_files(upload)
    page.get_by_label("Chỉ các dòng hợp lệ").check()
    page.get_by_role("button", name="Tải lên").click()

    expect(page.locator("#import-result")).to_contain_text("Số cơ quan đã nhập: 1")
    expect(page.locator("#import-result table tbody tr")).to_have_count(1)
    expect(page.locator("#import-result tbody td").first).to_have_text("3")
    assert page.locator("#import-progress").get_attribute("value") == "100"
    assert page.url.endswith("/agencies/import")  # the page stayed: the script did the upload
    shot(page, "import")


def test_the_agency_secretary_sees_this_years_maintenance_and_no_other_agency(ui, shot):
    secretary = ui.login("an-giang.agency")

    tasks = secretary.locator("#maintenance table")

    expect(secretary.locator("nav[aria-label='Điều hướng chính'] [aria-current='page']")).to_have_text(
        "Cơ quan của tôi")
    expect(tasks).to_contain_text("Đánh giá nội bộ")
    expect(tasks).to_contain_text("Xem xét của lãnh đạo")
    expect(tasks).to_contain_text("30/11/2026")
    shot(secretary, "my-agency")
    own = ui.claims("an-giang.agency")["agency_id"]
    other_id, other_name = next((i, n) for i, n in agencies_of(ui, "an-giang").items() if i != own)
    secretary.goto(f"/agencies/{other_id}")
    expect(secretary.locator("main")).to_contain_text("Không tìm thấy.")
    assert other_name not in secretary.content()


@pytest.mark.parametrize("username", ["an-giang.officer", "an-giang.inspector", "national"])
def test_every_field_has_a_label_and_the_skip_link_reaches_the_content(ui, username):
    page = ui.login(username, viewport={"width": 768, "height": 1024})
    paths = [href for href in page.locator("nav a").evaluate_all("links => links.map(a => a.pathname)")]

    for path in paths:
        page.goto(path)
        unlabelled = page.locator("main input:not([type=hidden]), main select, main textarea").evaluate_all(
            "fields => fields.filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label'))"
            ".map(f => f.name)")
        assert unlabelled == [], f"{path}: fields without a label: {unlabelled}"
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, f"{path} scrolls sideways on a 768 px tablet"
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

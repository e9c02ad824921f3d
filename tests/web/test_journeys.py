"""Jobs that were API-only, now done through the pages by the role that does them (issue 23): a budget line
approved, spent and settled; an inspection postponed, resumed and cancelled; a plan adjusted and closed; an agency
edited, its ISO officer replaced, then dissolved; another year of classes and reports; a class's printable lists;
an inspection team of three assigned to an inspection; a recommendation issued for a finding; and on every
inspection page, each user's buttons are the actions the API lists for them.

Same topology and browser as test_browser.py; each effect is checked on the page, and through the API where the
page does not show it.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import requests
from playwright.sync_api import expect

from kit import calendar
from tests.support.official_documents import docx_lines
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

    act(officer, "Tạo dự thảo kế hoạch", "#carry-forward", year="2027")
    expect(officer.locator(".facts")).to_contain_text("2027")
    expect(officer.locator(".facts")).to_contain_text("Dự thảo")
    carried = api(ui, f"inspections/plans/{officer.url.rsplit('/', 1)[1]}")
    assert (carried["year"], carried["status"], carried["carried_from_plan_id"]) == (2027, "DU_THAO",
                                                                                    plan.rsplit("/", 1)[1])
    assert [t["planned_month"] for t in carried["targets"]] == [12]


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


# Inspections: a team of several people, a recommendation that answers a finding, buttons from the API's `actions`.

# action -> the buttons that take it
PLAN_BUTTONS = {"submit": ("Trình UBND tỉnh phê duyệt",), "approve": ("Duyệt",), "adjust": ("Điều chỉnh kế hoạch",),
                "close": ("Tổng kết kế hoạch",), "edit": ("Thêm vào kế hoạch",),
                "carry_forward": ("Tạo dự thảo kế hoạch",),
                "form_team": ("Thành lập đoàn kiểm tra",), "schedule_inspection": ("Lập cuộc kiểm tra",)}
INSPECTION_BUTTONS = {"notify": ("Gửi thông báo",), "start": ("Bắt đầu kiểm tra",),
                      "record_results": ("Lưu bảng kiểm", "Ghi phát hiện"), "record": ("Lập biên bản",),
                      "issue_recommendation": ("Đưa ra kiến nghị",), "conclude": ("Kết luận",),
                      "close": ("Đóng cuộc kiểm tra",), "postpone": ("Hoãn kiểm tra",),
                      "cancel": ("Hủy cuộc kiểm tra",)}
RECOMMENDATION_BUTTONS = {"submit": ("Tải lên", "Gửi minh chứng"), "accept": ("Chấp nhận và đóng",),
                          "reopen": ("Mở lại",)}  # "Tải lên": the evidence files' upload


def as_user(ui, username: str, method: str, path: str, body: dict | None = None) -> dict:
    token = requests.post(f"{ui.gateway}/auth/dev-token", json={"username": username}, timeout=30).json()
    reply = requests.request(method, f"{ui.gateway}/api/v1/{path}", json=body, timeout=30,
                             headers={"Authorization": f"Bearer {token['access_token']}"})
    assert reply.status_code in (200, 201), reply.text
    return reply.json()


def inspection_of_a_team(ui, status: str = "DA_THONG_BAO") -> tuple[str, str]:
    """(plan id, inspection id): a submitted plan of the agency user's agency, a team with the province's inspector,
    and an ad hoc inspection by that team, notified (or started, for DANG_KIEM_TRA)."""
    agency = ui.claims("an-giang.agency")["agency_id"]
    officer = "an-giang.officer"
    plan = as_user(ui, officer, "POST", "inspections/plans", {
        "year": 2026, "title": f"Kế hoạch kiểm tra chuyên đề ({RUN}-{uuid.uuid4().hex[:4]})",
        "targets": [{"agency_id": agency, "planned_form": "QUA_BAO_CAO_HO_SO"}]})["id"]
    as_user(ui, officer, "POST", f"inspections/plans/{plan}/submit", {})
    team = as_user(ui, officer, "POST", f"inspections/plans/{plan}/teams", {
        "decision_no": f"18/QĐ-SKHCN-{RUN}", "decision_date": "2026-11-20", "members": [
            {"full_name": "Nguyễn Văn Kiểm", "role": "TRUONG_DOAN"},
            {"full_name": "Trần Thị Thanh", "role": "THANH_VIEN", "user_subject": "an-giang.inspector"}]})["id"]
    inspection = as_user(ui, officer, "POST", "inspections/inspections", {
        "plan_id": plan, "team_id": team, "agency_id": agency, "kind": "DOT_XUAT", "form": "TRUC_TIEP_TAI_TRU_SO",
        "scheduled_date": "2026-12-10"})["id"]
    as_user(ui, officer, "POST", f"inspections/inspections/{inspection}/notify", {"notice_doc": f"22/TB-{RUN}"})
    if status == "DANG_KIEM_TRA":
        as_user(ui, officer, "POST", f"inspections/inspections/{inspection}/start", {"conducted_date": "2026-12-10"})
    return plan, inspection


def buttons_of(page) -> set[str]:
    return {text.strip() for text in page.locator("main button").all_inner_texts()} - {"Lọc"}


def test_an_officer_forms_a_team_of_three_and_assigns_it_to_an_inspection(ui, shot, axe):
    agency = ui.claims("an-giang.agency")["agency_id"]
    decision = f"17/QĐ-SKHCN-{RUN}"
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Kiểm tra", exact=True).click()
    act(officer, "Lập kế hoạch", year="2026", title=f"Kế hoạch kiểm tra chuyên đề năm 2026 ({RUN})")
    plan = officer.url.rsplit("/", 1)[1]

    act(officer, "Thành lập đoàn kiểm tra", "#teams", decision_no=decision, decision_date="20/11/2026",
        full_name_1="Nguyễn Văn Kiểm", role_1="TRUONG_DOAN",
        full_name_2="Trần Thị Thanh", role_2="THANH_VIEN", user_subject_2="an-giang.inspector",
        full_name_3="Lê Văn Ghi", role_3="THU_KY_DOAN")

    team = officer.locator("#teams .team", has_text=decision)
    expect(team).to_contain_text("Nguyễn Văn Kiểm: Trưởng đoàn")
    expect(team).to_contain_text("Trần Thị Thanh: Thành viên")
    expect(team).to_contain_text("Lê Văn Ghi: Thư ký đoàn")
    [made] = [t for t in api(ui, f"inspections/plans/{plan}/teams") if t["decision_no"] == decision]
    assert [(m["full_name"], m["role"], m["user_subject"]) for m in made["members"]] == [
        ("Nguyễn Văn Kiểm", "TRUONG_DOAN", None), ("Trần Thị Thanh", "THANH_VIEN", "an-giang.inspector"),
        ("Lê Văn Ghi", "THU_KY_DOAN", None)]
    assert axe(officer) == []
    shot(officer, "team-of-three")

    act(officer, "Lập cuộc kiểm tra", "#plan-inspections", agency_id=agency, team_id=made["id"], kind="DOT_XUAT",
        form="QUA_BAO_CAO_HO_SO", scheduled_date="10/12/2026")
    inspection = officer.url.rsplit("/", 1)[1]
    assert api(ui, f"inspections/inspections/{inspection}")["team_id"] == made["id"]
    inspector = ui.login("an-giang.inspector")  # on the team: the inspection is theirs to carry out
    inspector.goto(f"/inspections/{inspection}")
    expect(inspector.get_by_role("button", name="Gửi thông báo", exact=True)).to_have_count(1)


def test_an_inspector_issues_a_recommendation_for_a_finding_and_its_page_names_the_finding(ui, shot, axe):
    finding = f"Chưa đánh giá nội bộ năm 2026 ({RUN})"
    _, inspection = inspection_of_a_team(ui, "DANG_KIEM_TRA")
    inspector = ui.login("an-giang.inspector")
    inspector.goto(f"/inspections/{inspection}")
    act(inspector, "Ghi phát hiện", "#findings", type="KHONG_PHU_HOP", description=finding, iso_clause="9.2")
    act(inspector, "Lập biên bản", confirm="Lập biên bản", record_doc=f"BB-{RUN}", record_date="11/12/2026")
    assert axe(inspector) == []  # with the finding to choose

    act(inspector, "Đưa ra kiến nghị", "#recommendations", description=f"Tổ chức đánh giá nội bộ ({RUN})",
        deadline="31/03/2027", finding_id=f"Điểm không phù hợp: {finding}")

    expect(inspector.locator("#recommendations li", has_text=RUN)).to_contain_text(finding)
    inspector.get_by_role("link", name=f"Tổ chức đánh giá nội bộ ({RUN})").click()
    expect(inspector.locator("#recommendation-finding")).to_have_text(f"Điểm không phù hợp: {finding} (ISO 9.2)")
    recommendation = inspector.url.rsplit("/", 1)[1]
    [recorded] = as_user(ui, "an-giang.inspector", "GET", f"inspections/inspections/{inspection}")["findings"]
    assert api(ui, f"inspections/recommendations/{recommendation}")["finding_id"] == recorded["id"]
    assert axe(inspector) == []
    shot(inspector, "recommendation-finding")

    secretary = ui.login("an-giang.agency")
    secretary.goto(f"/recommendations/{recommendation}")
    expect(secretary.locator("#recommendation-finding")).to_contain_text(finding)
    expect(secretary.get_by_role("button", name="Gửi minh chứng", exact=True)).to_have_count(1)
    expect(secretary.get_by_role("button", name="Chấp nhận và đóng", exact=True)).to_have_count(0)


def test_each_users_buttons_are_the_actions_the_api_lists_for_them(ui):
    plan, inspection = inspection_of_a_team(ui)
    recommendation_inspection = inspection_of_a_team(ui, "DANG_KIEM_TRA")[1]
    officer = "an-giang.officer"
    as_user(ui, officer, "POST", f"inspections/inspections/{recommendation_inspection}/record",
            {"record_doc": f"BB-{RUN}", "record_date": "2026-12-10"})
    recommendation = as_user(ui, officer, "POST",
                             f"inspections/inspections/{recommendation_inspection}/recommendations",
                             {"description": f"Cập nhật quy trình ({RUN})", "deadline": "2027-03-31"})["id"]
    pages = [(f"/plans/{plan}", f"inspections/plans/{plan}", PLAN_BUTTONS),
             (f"/inspections/{inspection}", f"inspections/inspections/{inspection}", INSPECTION_BUTTONS),
             (f"/recommendations/{recommendation}", f"inspections/recommendations/{recommendation}",
              RECOMMENDATION_BUTTONS)]
    seen = {}

    for username in ("an-giang.officer", "an-giang.leader", "an-giang.inspector", "an-giang.agency"):
        page = ui.login(username)
        for path, resource, labels in pages:
            if username == "an-giang.agency" and path.startswith("/plans/"):
                continue  # an agency's officer does not read plans
            listed = as_user(ui, username, "GET", resource)["actions"]
            page.goto(path)
            offered = {b for a in listed for b in labels.get(a, ())} | issue_buttons(ui, username, path)
            assert buttons_of(page) == offered, (username, path, listed)
            seen[username, path.split("/")[1]] = listed

    assert seen["an-giang.leader", "plans"] == ["approve"]  # the officer submitted it, the leader approves it
    assert "approve" not in seen["an-giang.officer", "plans"]
    assert seen["an-giang.inspector", "inspections"] == ["start"]
    assert seen["an-giang.agency", "inspections"] == [] and seen["an-giang.agency", "recommendations"] == ["submit"]


def issue_buttons(ui, username: str, path: str) -> set[str]:
    """The "Ban hành" of a page's documents not yet issued (none here are), when the register lists `issue` for
    the user (ADR 29); an agency's officer does not read the register, and a recommendation has no documents."""
    if username == "an-giang.agency" or path.startswith("/recommendations/"):
        return set()
    register = as_user(ui, username, "GET", f"inspections/register?record={path.rsplit('/', 1)[1]}")
    return {"Ban hành"} if "issue" in register["actions"] else set()


def test_the_leader_issues_the_notice_and_the_agencys_officer_downloads_it_with_its_number(ui, shot, axe):
    _, inspection = inspection_of_a_team(ui)
    leader = ui.login("an-giang.leader")
    leader.goto(f"/inspections/{inspection}")
    notice = leader.locator("#documents tr", has_text="Thông báo kiểm tra")
    expect(notice).to_contain_text("Chưa ban hành")

    act(leader, "Ban hành", "#documents tr:has-text('Thông báo kiểm tra')", issued_on=TODAY)

    expect(notice).to_contain_text(re.compile(rf"\d+/TB-SKHCN, {TODAY}"))
    expect(notice.get_by_role("button", name="Ban hành")).to_have_count(0)  # issued once
    assert axe(leader) == []
    shot(leader, "inspection-documents")
    number = notice.locator("td").nth(1).inner_text().split(",")[0]
    agency = ui.login("an-giang.agency")
    agency.goto(f"/inspections/{inspection}")
    expect(agency.locator("#documents tbody tr")).to_have_count(2)  # the notice and the conclusion, not the minutes
    with agency.expect_download() as download:
        agency.locator("#documents tr", has_text="Thông báo kiểm tra").get_by_role("link", name="DOCX").click()
    assert download.value.suggested_filename.startswith("Thông báo kiểm tra ")
    text = "\n".join(docx_lines(Path(download.value.path()).read_bytes()))
    assert f"Số: {number}" in text and "Kính gửi:" in text


def test_a_scan_is_attached_to_an_agencys_record_and_its_secretary_downloads_it(ui, tmp_path):
    own = ui.claims("an-giang.agency")["agency_id"]
    scan = tmp_path / "bien-ban-danh-gia-noi-bo.pdf"
    scan.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n" + RUN.encode())
    disguised = tmp_path / "quyet-dinh.pdf"
    disguised.write_bytes(b"<!doctype html><html><body>not a scan</body></html>")
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{own}")
    files = officer.locator("#attachments")

    files.get_by_label("Tệp", exact=True).set_input_files(str(disguised))
    files.get_by_role("button", name="Tải tệp lên").click()
    expect(officer.locator(".flash-error")).to_be_visible()
    files.get_by_label("Tệp", exact=True).set_input_files(str(scan))
    files.get_by_role("button", name="Tải tệp lên").click()

    expect(officer.locator(".flash-ok")).to_have_text("Đã lưu tệp đính kèm.")
    expect(files.get_by_role("link", name=scan.name)).to_have_count(1)
    assert [f["file_name"] for f in api(ui, f"registry/agencies/{own}/attachments")].count(scan.name) == 1
    assert disguised.name not in [f["file_name"] for f in api(ui, f"registry/agencies/{own}/attachments")]
    secretary = ui.login("an-giang.agency")
    secretary.goto("/my-agency")
    with secretary.expect_download() as download:
        secretary.locator("#attachments").get_by_role("link", name=scan.name).click()
    assert Path(download.value.path()).read_bytes() == scan.read_bytes()
    link = secretary.locator("#attachments").get_by_role("link", name=scan.name).get_attribute("href")
    stranger = ui.login("binh-thuan.officer")
    assert stranger.request.get(link).status == 404

"""An agency registered with all its details in one go, and its quality system's first record opened with its
standard and scope, through the pages (issue 23): the parent found by a search and picked from its matches, the
commune's code, mã định danh, the head and the number of procedures; the standard chosen among those the registry
lists, how the system is built, the scope and its procedures. Each effect is checked on the page and through the
API, with axe on the pages. What was typed before the parent was searched for is still there after the search.

Same topology and browser as test_browser.py.
"""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from tests.web.test_browser import act
from tests.web.test_more_journeys import ISO_TODAY, api, new_agency

RUN = uuid.uuid4().hex[:6]
AN_GIANG = "91"  # the province's code since 1/7/2025 (QĐ 19/2025)


def a_commune(ui) -> str:
    """The code of a commune of An Giang in force today."""
    page = api(ui, "GET", f"registry/admin-units?scheme=QD19_2025&level=XA&parent_code={AN_GIANG}"
                          f"&as_of={ISO_TODAY}&page_size=1")
    return page["units"][0]["code"]


def test_an_officer_registers_an_agency_with_its_parent_found_by_search_and_every_detail(ui, axe, shot):
    parent_name, name = f"Sở Nội vụ tỉnh An Giang {RUN}", f"Chi cục Văn thư - Lưu trữ {RUN}"
    parent_id, commune = new_agency(ui, parent_name), a_commune(ui)
    officer = ui.login("an-giang.officer")
    officer.get_by_role("link", name="Cơ quan", exact=True).click()
    register = officer.locator("#register")
    typed = {"name": name, "agency_type": "CHI_CUC", "admin_level": "TINH", "ma_dinh_danh": f"H01.{RUN}",
             "head_name": "Đặng Thị Thu Hà", "tthc_count": "18"}
    for field, value in typed.items():  # typed before the parent is looked for: the search keeps them
        target = register.locator(f"[name={field}]")
        if field in ("agency_type", "admin_level"):
            target.select_option(value)
        else:
            target.fill(value)

    register.get_by_label("Tìm cơ quan chủ quản").fill(f"Nội vụ tỉnh An Giang {RUN}")
    with officer.expect_navigation():
        register.get_by_role("button", name="Tìm", exact=True).click()
    expect(register.locator("[name=parent_agency_id] option")).to_have_text(["—", parent_name])
    for field, value in typed.items():
        expect(register.locator(f"[name={field}]")).to_have_value(value)
    assert axe(officer) == []
    act(officer, "Đăng ký cơ quan", "#register", parent_agency_id=parent_id, location_unit_code=commune)

    expect(officer.locator("h1")).to_have_text(name)
    expect(officer.locator("#agency-parent")).to_have_text(parent_name)
    expect(officer.locator("#agency-code")).to_have_text(f"H01.{RUN}")
    expect(officer.locator("#agency-tthc")).to_have_text("18")
    expect(officer.locator(".facts").first).to_contain_text("Đặng Thị Thu Hà")
    expect(officer.locator(".facts").first).to_contain_text(commune)
    assert axe(officer) == []
    shot(officer, "registered")
    saved = api(ui, "GET", f"registry/agencies/{officer.url.rsplit('/', 1)[1]}")
    assert (saved["parent_agency_id"], saved["location_unit_code"], saved["ma_dinh_danh"], saved["head_name"],
            saved["tthc_count"], saved["agency_type"]) == (parent_id, commune, f"H01.{RUN}", "Đặng Thị Thu Hà", 18,
                                                           "CHI_CUC")

    with officer.expect_navigation():
        officer.locator("#agency-parent").get_by_role("link").click()
    expect(officer.locator("h1")).to_have_text(parent_name)


def test_an_officer_opens_the_quality_systems_record_choosing_the_standard_and_typing_the_scope(ui, axe, shot):
    agency = new_agency(ui, f"Sở Tài chính {RUN}")
    scope = f"Toàn bộ thủ tục hành chính thuộc thẩm quyền giải quyết của Sở ({RUN})"
    officer = ui.login("an-giang.officer")
    officer.goto(f"/agencies/{agency}")
    form = officer.locator("form[action='/act/qs-create']")
    expect(form.locator("[name=standard_version]")).to_have_value("TCVN_ISO_9001_2015")
    expect(form.locator("[name=standard_version] option")).to_have_text(["TCVN ISO 9001:2008", "TCVN ISO 9001:2015"])
    assert axe(officer) == []

    act(officer, "Khởi tạo hồ sơ HTQLCL", "#quality-system", standard_version="TCVN_ISO_9001_2015",
        built_with="TO_CHUC_TU_VAN", scope_tthc_count="64", scope_description=scope)

    expect(officer.locator("#qs-status")).to_have_text("Chưa xây dựng")
    expect(officer.locator("#qs-standard")).to_have_text("TCVN ISO 9001:2015")
    expect(officer.locator("#qs-built-with")).to_have_text("Thuê tổ chức tư vấn")
    expect(officer.locator("#qs-scope")).to_have_text(scope)
    expect(officer.locator("#qs-scope-count")).to_have_text("64")
    assert axe(officer) == []
    shot(officer, "quality-system-opened")
    saved = api(ui, "GET", f"registry/agencies/{agency}/quality-system")
    assert (saved["standard_version"], saved["built_with"], saved["scope_tthc_count"], saved["scope_description"]) == (
        "TCVN_ISO_9001_2015", "TO_CHUC_TU_VAN", 64, scope)

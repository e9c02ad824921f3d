"""A class's end through the pages, by the province's officer (issue 23): a class cancelled with its registrations,
and a finished class's certificates issued, then its certificate list and attendance sheet downloaded and read.

Same topology and browser as test_browser.py; the class and its nominations are made through the API, the journey
itself through the pages; each effect is checked on the page and through the API, with axe on the pages.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.support.official_documents import docx_lines, pdf_text
from tests.web.test_browser import act
from tests.web.test_more_journeys import api

RUN = uuid.uuid4().hex[:6]
PEOPLE = ("Nguyễn Thị Hồng Nhung", "Trần Minh Khoa", "Lê Văn Phúc")


def class_with_people(ui, title: str, capacity: int, days: tuple[str, ...], status: str = "MO_DANG_KY") -> str:
    """A class of one session a day, opened for registration with PEOPLE nominated in order (the agency user's
    agency), then moved on through `status`'s steps; its id."""
    agency = ui.claims("an-giang.agency")["agency_id"]
    sessions = [{"starts_at": f"{day}T08:00:00+07:00", "ends_at": f"{day}T11:30:00+07:00"} for day in days]
    klass = api(ui, "POST", "training/classes", {
        "title": title, "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "venue": "Long Xuyên",
        "provider": "Chi cục TĐC An Giang", "capacity": capacity, "sessions": sessions})["id"]
    api(ui, "POST", f"training/classes/{klass}/status", {"status": "MO_DANG_KY"})
    for n, name in enumerate(PEOPLE):
        api(ui, "POST", f"training/classes/{klass}/registrations",
            {"agency_id": agency, "full_name": name, "person_id": f"{n}-{RUN}", "qms_role": "THU_KY_ISO"})
    for step in {"MO_DANG_KY": (), "DANG_DIEN_RA": ("CHOT_DANH_SACH", "DANG_DIEN_RA")}[status]:
        api(ui, "POST", f"training/classes/{klass}/status", {"status": step})
    return klass


def registrations(ui, klass: str) -> dict[str, dict]:
    listing = api(ui, "GET", f"training/registrations?class_id={klass}&page_size=100")
    return {r["full_name"]: r for r in listing["items"]}


def test_an_officer_cancels_a_class_and_its_registrations_are_cancelled(ui, axe, shot):
    reason = f"Giảng viên không bố trí được thời gian ({RUN})"
    klass = class_with_people(ui, f"Lớp thư ký ISO khu vực Châu Đốc {RUN}", capacity=2, days=("2026-12-22",))
    officer = ui.login("an-giang.officer")
    officer.goto(f"/classes/{klass}")
    expect(officer.locator("#confirmed")).to_contain_text(PEOPLE[0])
    expect(officer.locator("#waitlist")).to_contain_text(PEOPLE[2])

    form = officer.locator("main .steps form").filter(has=officer.get_by_role("button", name="Hủy lớp học"))
    form.get_by_label("Lý do").fill(reason)
    with officer.expect_navigation():
        form.get_by_role("button", name="Hủy lớp học", exact=True).click()
    expect(officer.locator("#confirm-question")).to_contain_text(
        "Mọi học viên đã đăng ký sẽ bị hủy đăng ký; không khôi phục được.")
    expect(officer.locator(".facts")).to_contain_text(reason)
    assert axe(officer) == []
    with officer.expect_navigation():
        officer.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(officer.locator(".flash-ok")).to_have_text("Đã lưu.")

    expect(officer.locator("#class-status")).to_have_text("Đã hủy")
    expect(officer.locator("#class-reason")).to_have_text(reason)
    for name in PEOPLE:
        expect(officer.locator("#confirmed")).not_to_contain_text(name)
        expect(officer.locator("#waitlist")).not_to_contain_text(name)
    expect(officer.locator("#cancelled li")).to_have_count(len(PEOPLE))
    expect(officer.locator("#cancelled")).to_contain_text(reason)
    expect(officer.locator("main .steps")).to_have_count(0)  # nothing follows a cancelled class
    expect(officer.locator("#nominate")).to_have_count(0)
    assert axe(officer) == []
    shot(officer, "class-cancelled")
    cancelled = api(ui, "GET", f"training/classes/{klass}")
    assert (cancelled["status"], cancelled["status_reason"]) == ("HUY", reason)
    assert {name: (r["status"], r["cancel_reason"]) for name, r in registrations(ui, klass).items()} == {
        name: ("CANCELLED", reason) for name in PEOPLE}


def record_attendance(page: Page, absent: str) -> None:
    """Tick every participant present at every session but `absent`, who came to the first only; save each."""
    count = page.locator("#attendance form").count()
    for n in range(count):
        form = page.locator("#attendance form").nth(n)
        if n > 0:
            form.get_by_label(absent, exact=True).uncheck()
        with page.expect_navigation():
            form.get_by_role("button", name="Lưu", exact=True).click()
        expect(page.locator(".flash-ok")).to_have_text("Đã lưu.")


def downloaded(page: Page, link: str) -> tuple[str, bytes]:
    with page.expect_download() as download:
        page.get_by_role("link", name=link, exact=True).click()
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def cells(data: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def listed_certificates(data: bytes) -> set[tuple[str, str]]:
    """(number, holder) of each row of the certificate list, read under its heading row."""
    rows = cells(data)
    heading = next(i for i, row in enumerate(rows) if "Số chứng nhận" in row)
    number, holder = rows[heading].index("Số chứng nhận"), rows[heading].index("Họ và tên")
    return {(row[number], row[holder]) for row in rows[heading + 1:] if row[number]}


TEXT_OF = {"xlsx": lambda data: " ".join(str(v) for row in cells(data) for v in row if v is not None),
           "docx": lambda data: "\n".join(docx_lines(data)), "pdf": pdf_text}


def test_an_officer_issues_a_finished_classs_certificates_and_downloads_its_lists(ui, axe, shot):
    title = f"Lớp đại diện lãnh đạo và thư ký ISO {RUN}"
    klass = class_with_people(ui, title, capacity=5, days=("2026-12-14", "2026-12-15"), status="DANG_DIEN_RA")
    officer = ui.login("an-giang.officer")
    officer.goto(f"/classes/{klass}")
    expect(officer.locator("#attendance form")).to_have_count(2)  # a form a session
    assert axe(officer) == []

    record_attendance(officer, absent=PEOPLE[2])
    act(officer, "Kết thúc lớp học")
    act(officer, "Cấp chứng nhận", confirm="Cấp giấy chứng nhận cho các học viên đủ điều kiện")

    people = registrations(ui, klass)
    assert {name: r["completed"] for name, r in people.items()} == {PEOPLE[0]: True, PEOPLE[1]: True,
                                                                     PEOPLE[2]: False}  # 1 of 2 sessions: not 80 %
    issued = {(r["certificate_no"], name) for name, r in people.items() if r["certificate_no"]}
    assert {name for _, name in issued} == {PEOPLE[0], PEOPLE[1]}
    for number, name in issued:
        expect(officer.locator("#confirmed li", has_text=name)).to_contain_text(number)
    expect(officer.locator("#confirmed li", has_text=PEOPLE[2])).not_to_contain_text("GCN")
    assert axe(officer) == []
    shot(officer, "certificates-issued")

    name, data = downloaded(officer, "Danh sách chứng nhận XLSX")
    assert name.endswith(".xlsx")
    assert listed_certificates(data) == issued
    sheets = officer.locator("#class-downloads a[aria-label^='Danh sách điểm danh']").all_inner_texts()
    assert {"XLSX", "DOCX"} <= set(sheets)
    for kind in sheets:
        name, data = downloaded(officer, f"Danh sách điểm danh {kind}")
        assert name.endswith(f".{kind.lower()}"), name
        text = TEXT_OF[kind.lower()](data)
        assert [person for person in PEOPLE if person not in text] == [], kind
        assert title in text, kind

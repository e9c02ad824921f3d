"""Routes of api/spreadsheets.py: bulk import (as a job, ADR 25) and export of agencies as XLSX, on a real
PostgreSQL: all or nothing, row errors, one event each."""

import io
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select, update

from kit import rls, wakeup
from kit.routes import RUNTIME
from kit.service import WORKERS_STOP, load
from registry import jobs
from registry.documents import xlsx
from registry.orm import ImportJob
from registry.services import import_jobs, spreadsheets, tenants
from tests.registry.conftest import new_agency
from tests.support.service import ServiceUnderTest, outbox

AGENCIES = "/api/v1/registry/agencies"
IMPORT = f"{AGENCIES}/import"
EXPORT = f"{AGENCIES}/export.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Tên cơ quan", "Tên viết tắt", "Loại cơ quan", "Cấp hành chính", "Mã ĐVHC", "Hiệu lực từ", "Số TTHC"]
AN_GIANG = ("30313", "30307", "30292", "30301", "30316", "30325", "30337", "30367", "30346", "30341")  # in force


def commune(number: int, agency_type: str = "UBND_XA") -> list:
    return [f"Ủy ban nhân dân xã Số {number}", f"UBND {number}", agency_type, "Xã", AN_GIANG[number % len(AN_GIANG)],
            "01/07/2025", number % 50]


def sheet(*rows, header=HEADER) -> bytes:
    book = Workbook(write_only=True)
    page = book.create_sheet()
    for row in (header, *rows):
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def communes(count: int, *, bad_row: int | None = None) -> bytes:
    """`count` commune rows from spreadsheet row 2; `bad_row` gets an agency type that does not exist."""
    return sheet(*(commune(n, "UBND_PHUONG_CU" if n == bad_row else "UBND_XA") for n in range(2, count + 2)))


def upload(client, headers, body: bytes, *, mode: str | None = None, content_type: str = XLSX):
    url = f"{IMPORT}?mode={mode}" if mode else IMPORT
    return client.post(url, data=body, headers={**headers, "Content-Type": content_type})


def imported(client, headers, body: bytes, *, mode: str | None = None) -> dict:
    """Upload, then read the job (the app's worker thread runs it) until it is over."""
    response = upload(client, headers, body, mode=mode)
    assert response.status_code == 202, response.get_json()
    return job_over(client, headers, response.headers["Location"])


def job_over(client, headers, location: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(location, headers=headers).get_json()
        if job["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


def count_agencies(client, headers) -> int:
    return client.get(AGENCIES, headers=headers).get_json()["total"]


def exported(client, headers, query: str = "") -> list[dict]:
    response = client.get(f"{EXPORT}{query}", headers=headers)
    assert response.status_code == 200 and response.mimetype == XLSX
    return [row.values for row in xlsx.read_rows(response.data)]


class TestAllOrNothing:
    def test_a_2000_row_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column(
            self, client, runtime, province, as_officer):
        job = imported(client, as_officer, communes(2000, bad_row=1237))

        assert job["status"] == "failed" and job["result"]["imported"] == 0 and job["total_rows"] == 2000
        assert job["result"]["detail"].startswith("1 lỗi")
        [error] = job["result"]["errors"]
        assert (error["row"], error["column"]) == (1237, "Loại cơ quan") and "UBND_XA" in error["message"]
        assert count_agencies(client, as_officer) == 0 and outbox(runtime, province, topic="registry.agency") == []

    def test_a_clean_2000_row_file_imports_every_row_with_one_event_per_agency(
            self, client, runtime, province, as_officer):
        job = imported(client, as_officer, communes(2000))

        assert job["status"] == "succeeded" and job["rows_done"] == job["total_rows"] == 2000
        assert job["result"] == {"imported": 2000, "errors": [], "detail": None}
        assert count_agencies(client, as_officer) == 2000
        events = outbox(runtime, province, topic="registry.agency")
        assert len(events) == 2000 and {e.type for e in events} == {"registry.agency.registered"}
        assert len({e.key for e in events}) == 2000
        assert events[0].payload["data"]["name"] == "Ủy ban nhân dân xã Số 2"

    def test_every_bad_cell_is_reported_in_row_order(self, client, runtime, province, as_officer):
        body = sheet(commune(2), [None, "X", "SO"], commune(4)[:5] + ["31/02/2025"], commune(2),
                     ["Sở Y tế", None, "SO", "TINH", "9"])

        job = imported(client, as_officer, body)

        assert job["status"] == "failed"
        assert [(e["row"], e["column"]) for e in job["result"]["errors"]] == [
            (3, "Tên cơ quan"), (4, "Hiệu lực từ"), (5, "Tên cơ quan"), (6, "Mã ĐVHC")]
        assert outbox(runtime, province, topic="registry.agency") == []

    def test_a_name_already_in_the_register_is_a_row_error(self, client, province, as_officer):
        new_agency(client, as_officer, name="Sở Tư pháp")

        job = imported(client, as_officer, sheet(["sở tư  PHÁP", None, "SO"], header=HEADER[:3]))

        assert job["result"]["errors"][0] | {"message": None} == {
            "row": 2, "column": "Tên cơ quan", "message": None, "code": "name_registered", "params": {}}

    def test_an_override_must_cite_the_provincial_decision(self, client, province, as_officer):
        header = ["Tên cơ quan", "Loại cơ quan", "Mức độ bắt buộc (ghi đè)", "Số QĐ/KH của tỉnh", "Ngày QĐ/KH"]

        job = imported(client, as_officer, sheet(["UBND xã A", "UBND_XA", "Bắt buộc", None, None],
                                                 ["UBND xã B", "UBND_XA", "BAT_BUOC", "12/KH-UBND", "15/03/2025"],
                                                 header=header))

        assert [(e["row"], e["column"]) for e in job["result"]["errors"]] == [(2, "Mức độ bắt buộc (ghi đè)")]


    def test_a_unit_code_not_in_force_on_the_agencys_start_is_reported_under_its_own_column(self, client,
                                                                                         province, as_officer):
        parent = ["Sở Nội vụ", None, "SO", "Tỉnh", None, "01/07/2025", 1]
        child = ["Ủy ban nhân dân xã Không Có", None, "UBND_XA", "Xã", "99999", "01/07/2025", 2, "Sở Nội vụ"]

        job = imported(client, as_officer, sheet(parent, child, header=[*HEADER, "Cơ quan cấp trên"]))

        errors = job["result"]["errors"]
        assert [(e["row"], e["column"]) for e in errors] == [(3, "Mã ĐVHC")]
        assert "99999" in errors[0]["message"] and "01/07/2025" in errors[0]["message"]


class TestPartialMode:
    def test_the_valid_rows_are_imported_and_the_others_reported(self, client, runtime, province, as_officer):
        body = sheet(commune(2), commune(3, "KHONG_CO"), commune(4), commune(2))

        job = imported(client, as_officer, body, mode="partial")

        assert job["status"] == "succeeded" and job["mode"] == "partial"
        result = job["result"]
        assert result["imported"] == 2 and [(e["row"], e["column"]) for e in result["errors"]] == [
            (3, "Loại cơ quan"), (5, "Tên cơ quan")]
        assert "dòng 2" in result["errors"][1]["message"]
        assert len(outbox(runtime, province, topic="registry.agency")) == 2

    def test_a_mode_that_does_not_exist_is_refused(self, client, province, as_officer):
        assert upload(client, as_officer, communes(1), mode="some").status_code == 422


class TestParents:
    def test_a_parent_is_named_in_the_file_in_any_order_or_already_registered(self, client, province, as_officer):
        tinh = new_agency(client, as_officer, name="UBND tỉnh An Giang", agency_type="UBND_TINH")
        header = ["Tên cơ quan", "Loại cơ quan", "Cơ quan cấp trên"]
        body = sheet(["Chi cục Tiêu chuẩn Đo lường Chất lượng", "CHI_CUC", "Sở Khoa học và Công nghệ"],
                     ["Sở Khoa học và Công nghệ", "SO", "ubnd tỉnh an giang"], header=header)

        assert imported(client, as_officer, body)["result"] == {"imported": 2, "errors": [], "detail": None}

        by_name = {a["name"]: a for a in client.get(AGENCIES, headers=as_officer).get_json()["items"]}
        assert by_name["Sở Khoa học và Công nghệ"]["parent_agency_id"] == tinh["id"]
        assert (by_name["Chi cục Tiêu chuẩn Đo lường Chất lượng"]["parent_agency_id"]
                == by_name["Sở Khoa học và Công nghệ"]["id"])

    def test_an_unknown_parent_or_a_loop_is_a_row_error(self, client, runtime, province, as_officer):
        header = ["Tên cơ quan", "Loại cơ quan", "Cơ quan cấp trên"]
        body = sheet(["A", "SO", "B"], ["B", "SO", "A"], ["C", "SO", "Không có"], ["D", "SO", "D"], header=header)

        job = imported(client, as_officer, body, mode="partial")

        assert [(e["row"], e["column"]) for e in job["result"]["errors"]] == [
            (2, "Cơ quan cấp trên"), (3, "Cơ quan cấp trên"), (4, "Cơ quan cấp trên"), (5, "Cơ quan cấp trên")]
        assert job["result"]["imported"] == 0 and outbox(runtime, province, topic="registry.agency") == []


class TestExport:
    def test_an_export_re_imports_into_another_province_unchanged(self, client, issuer, province, other_province,
                                                                  as_officer):
        tinh = new_agency(client, as_officer, name="UBND tỉnh", agency_type="UBND_TINH", admin_level="TINH")
        new_agency(client, as_officer, name="Sở Nội vụ", agency_type="SO", parent_agency_id=tinh["id"],
                   valid_from="2025-07-01", head_name="Trần Văn Ấn", tthc_count=37, location_unit_code="91",
                   obligation_override="BAT_BUOC", obligation_decision_no="7/QĐ-UBND",
                   obligation_decision_date="2025-01-02")
        imported(client, as_officer, communes(30))
        theirs = issuer.headers(tenant=other_province, roles=["province_admin"])

        response = client.get(EXPORT, headers=as_officer)
        again = imported(client, theirs, response.data)

        assert response.headers["Content-Disposition"] == f'attachment; filename="co-quan-{province}.xlsx"'
        assert again["status"] == "succeeded" and again["result"]["imported"] == 32
        assert exported(client, theirs) == exported(client, as_officer)
        [noi_vu] = exported(client, theirs, "?q=nội vụ")
        assert noi_vu["parent_name"] == "UBND tỉnh" and noi_vu["valid_from"] == "2025-07-01"

    def test_the_export_takes_the_list_filters(self, client, province, as_officer):
        new_agency(client, as_officer, name="Sở Y tế", agency_type="SO")
        imported(client, as_officer, communes(3))

        assert [a["name"] for a in exported(client, as_officer, "?agency_type=SO")] == ["Sở Y tế"]

    def test_an_agency_officer_exports_only_their_agency(self, client, issuer, province, as_officer):
        mine = new_agency(client, as_officer, name="Sở Y tế")
        new_agency(client, as_officer, name="Sở Tài chính")
        officer = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=mine["id"])

        assert [a["name"] for a in exported(client, officer)] == ["Sở Y tế"]

    def test_an_empty_export_is_the_blank_template(self, client, province, as_officer):
        response = client.get(EXPORT, headers=as_officer)

        first = load_workbook(io.BytesIO(response.data)).worksheets[0]
        assert [c.value for c in first[1]] == [column.header for column in xlsx.COLUMNS] and first.max_row == 1


class TestAccess:
    def test_another_province_sees_none_of_the_imported_agencies(self, client, issuer, province, other_province,
                                                                 as_officer):
        imported(client, as_officer, communes(5))
        theirs = issuer.headers(tenant=other_province, roles=["province_officer"])
        one = client.get(AGENCIES, headers=as_officer).get_json()["items"][0]

        assert count_agencies(client, theirs) == 0 and exported(client, theirs) == []
        assert client.get(f"{AGENCIES}/{one['id']}", headers=theirs).status_code == 404

    @pytest.mark.parametrize("roles", [["agency_officer"], ["national_viewer"], ["province_leader"]])
    def test_only_province_admins_and_officers_import(self, client, runtime, issuer, province, roles):
        response = upload(client, issuer.headers(tenant=province, roles=roles), communes(1))

        assert response.status_code == 403 and outbox(runtime, province, topic="registry.agency") == []

    def test_a_national_viewer_cannot_export(self, client, issuer, province):
        assert client.get(EXPORT, headers=issuer.headers(roles=["national_viewer"])).status_code == 403


class TestBadFiles:
    @pytest.mark.parametrize("body", [b"Ten co quan,Loai\nSo Y te,SO\n", b"PK\x03\x04broken", b""],
                             ids=["csv", "broken zip", "empty"])
    def test_a_body_that_is_not_an_xlsx_is_a_400(self, client, runtime, province, as_officer, body):
        response = upload(client, as_officer, body)

        assert response.status_code == 400 and response.content_type == "application/problem+json"
        assert outbox(runtime, province, topic="registry.agency") == []

    def test_a_body_over_the_size_limit_is_a_413(self, client, province, as_officer):
        response = upload(client, as_officer, b"PK" + b"0" * (1 << 20))

        assert response.status_code == 413 and response.content_type == "application/problem+json"

    def test_a_header_row_off_the_layout_is_a_422_naming_the_columns(self, client, province, as_officer):
        response = upload(client, as_officer, sheet(["Sở Y tế"], header=["Tên đơn vị"]))

        assert response.status_code == 422
        assert {(e["row"], e["column"]) for e in response.get_json()["errors"]} == {
            (1, "Tên đơn vị"), (1, "Tên cơ quan"), (1, "Loại cơ quan")}

    def test_a_multipart_upload_in_the_field_file_works(self, client, province, as_officer):
        response = client.post(IMPORT, data={"file": (io.BytesIO(communes(3)), "co-quan.xlsx")},
                               headers=as_officer, content_type="multipart/form-data")

        assert response.status_code == 202
        assert job_over(client, as_officer, response.headers["Location"])["result"]["imported"] == 3


class TestImportJobs:
    def test_the_upload_is_answered_at_once_with_the_job_and_its_location(self, client, province, as_officer):
        response = upload(client, as_officer, communes(3), mode="partial")

        job = response.get_json()
        assert response.status_code == 202 and job["status"] in ("queued", "running", "succeeded")
        assert response.headers["Location"] == f"/api/v1/registry/agencies/import-jobs/{job['id']}"
        assert (job["mode"], job["total_rows"], job["created_at"] is not None) == ("partial", 3, True)
        over = job_over(client, as_officer, response.headers["Location"])
        assert over["status"] == "succeeded" and over["finished_at"] >= over["started_at"] >= over["created_at"]

    def test_progress_is_readable_while_the_job_runs(self, client, runtime, province, as_officer, monkeypatch):
        seen = []
        original = import_jobs.record_progress

        def record_and_read(uow, claim, done):
            original(uow, claim, done)
            seen.append(client.get(f"{AGENCIES}/import-jobs/{claim.id}", headers=as_officer).get_json())

        monkeypatch.setattr(import_jobs, "record_progress", record_and_read)
        monkeypatch.setattr(spreadsheets, "CHUNK", 100)

        job = imported(client, as_officer, communes(350))

        assert [(j["status"], j["rows_done"], j["total_rows"]) for j in seen] == [
            ("running", 100, 350), ("running", 200, 350), ("running", 300, 350), ("running", 350, 350)]
        assert job["status"] == "succeeded" and count_agencies(client, as_officer) == 350

    def test_a_job_is_not_found_from_another_province(self, client, issuer, province, other_province, as_officer):
        location = upload(client, as_officer, communes(2)).headers["Location"]
        theirs = issuer.headers(tenant=other_province, roles=["province_admin"])

        response = client.get(location, headers=theirs)

        assert response.status_code == 404 and response.content_type == "application/problem+json"
        assert job_over(client, as_officer, location)["status"] == "succeeded"

    def test_a_replayed_upload_answers_the_same_job(self, client, province, as_officer):
        headers = {**as_officer, "Idempotency-Key": "import-" + uuid.uuid4().hex}

        first, again = upload(client, headers, communes(4)), upload(client, headers, communes(4))

        assert again.status_code == 202 and again.headers["Idempotent-Replayed"] == "true"
        assert again.headers["Location"] == first.headers["Location"] and again.get_json() == first.get_json()
        job_over(client, as_officer, first.headers["Location"])
        assert count_agencies(client, as_officer) == 4

    def test_the_process_that_queued_a_job_starts_it_without_waiting_for_its_poll(self, client, province,
                                                                                  as_officer, monkeypatch):
        waiting = jobs.POLL_SECONDS
        monkeypatch.setattr(jobs, "POLL_SECONDS", 120.0)
        time.sleep(waiting + 0.5)  # the worker's wait begun with the old poll is over: it now waits two minutes

        job = job_over(client, as_officer, upload(client, as_officer, communes(2)).headers["Location"], timeout=10)

        assert job["status"] == "succeeded" and job["result"]["imported"] == 2

    def test_a_job_left_running_by_a_dead_process_is_run_again(self, client, runtime, province, as_officer,
                                                               no_worker):
        location = upload(client, as_officer, communes(5)).headers["Location"]
        claim = import_jobs.claim_import_job(runtime.across_tenants())  # then the process "dies"

        assert jobs.run_next(runtime) is False  # its claim is fresh: nobody else takes it
        set_claimed_at(runtime, claim.id, datetime.now(UTC) - import_jobs.STALE_AFTER - timedelta(seconds=1))
        assert jobs.run_next(runtime) is True

        job = client.get(location, headers=as_officer).get_json()
        assert job["status"] == "succeeded" and job["result"]["imported"] == 5
        assert count_agencies(client, as_officer) == 5 and attempts(runtime, claim.id) == 2

    def test_an_attempt_thought_dead_cannot_commit_once_the_job_was_taken_over(self, client, runtime, province,
                                                                               as_officer, no_worker):
        location = upload(client, as_officer, communes(5)).headers["Location"]
        slow = import_jobs.claim_import_job(runtime.across_tenants())
        set_claimed_at(runtime, slow.id, datetime.now(UTC) - import_jobs.STALE_AFTER - timedelta(seconds=1))
        second = import_jobs.claim_import_job(runtime.across_tenants())

        with pytest.raises(import_jobs.TakenOver):
            import_jobs.run_import_job(runtime.uow(province), slow, lambda: runtime.uow(province))
        assert count_agencies(client, as_officer) == 0
        import_jobs.run_import_job(runtime.uow(province), second, lambda: runtime.uow(province))

        assert (second.id, second.attempt) == (slow.id, 2) and count_agencies(client, as_officer) == 5
        assert client.get(location, headers=as_officer).get_json()["status"] == "succeeded"


    def test_on_sqlite_as_the_embedded_mode_runs_it(self, tmp_path, issuer):
        sut = ServiceUnderTest.on_sqlite(tmp_path, issuer, "registry")
        tenants.create_tenant(sut.runtime.uow("an-giang"), name="Tỉnh An Giang")
        headers = issuer.headers(tenant="an-giang", roles=["province_officer"])
        client = sut.app.test_client()
        location = upload(client, headers, communes(3)).headers["Location"]

        assert client.get(location, headers=headers).get_json()["status"] == "queued"
        assert jobs.run_next(sut.runtime) is True and jobs.run_next(sut.runtime) is False

        job = client.get(location, headers=headers).get_json()
        assert job["status"] == "succeeded" and job["result"]["imported"] == 3
        assert count_agencies(client, headers) == 3
        sut.runtime.engine.dispose()


@pytest.fixture
def no_worker(app):
    """The test drives the worker itself (the app's thread would race it); the thread runs again afterwards."""
    app.extensions[WORKERS_STOP].set()
    time.sleep(wakeup.STOP_CHECK + 0.5)  # the waiting thread looks at its stop event this often
    yield
    app.extensions[WORKERS_STOP] = load("registry").start_workers(app.extensions[RUNTIME])


def set_claimed_at(runtime, job_id, when):
    with runtime.engine.begin() as connection:
        rls.set_tenant(connection, None, True)
        connection.execute(update(ImportJob).where(ImportJob.id == job_id).values(claimed_at=when))


def attempts(runtime, job_id) -> int:
    with runtime.engine.begin() as connection:
        rls.set_tenant(connection, None, True)
        return connection.execute(select(ImportJob.attempts).where(ImportJob.id == job_id)).scalar_one()

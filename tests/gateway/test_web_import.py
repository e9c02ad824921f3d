"""The XLSX import page follows the registry's import job (ADR 25): the upload is answered with the job's page,
which reloads itself while the job runs and shows its progress, then its result; a file refused at once is shown
at once. The registry is a test double behind the gateway's upstream, answering as the registry does."""

from __future__ import annotations

import io
import uuid

import pytest
from flask import Flask, jsonify, request

from tests.gateway.web_app import gateway_over, signed_in

JOB = str(uuid.uuid4())
ERROR = {"row": 3, "column": "Loại cơ quan", "message": "loại cơ quan không có trong danh mục"}  # no code: as said
REPEATED = {"row": 4, "column": "Tên cơ quan", "message": "the registry's words", "code": "name_repeated",
            "params": {"first_row": 2}}


class Registry:
    """Answers an upload with a job, and the job as running, then over."""

    def __init__(self):
        self.job = {"id": JOB, "status": "running", "mode": "partial", "total_rows": 4, "rows_done": 1,
                    "result": None}
        self.uploads: list[tuple[str, bytes]] = []
        self.app = Flask("fake-registry")
        self.app.add_url_rule("/api/v1/registry/agencies/import", "upload", self.upload, methods=["POST"])
        self.app.add_url_rule(f"/api/v1/registry/agencies/import-jobs/{JOB}", "job", lambda: jsonify(self.job))
        self.app.add_url_rule("/api/v1/registry/tenants/current", "province",  # the gateway confirms it on writes
                              lambda: jsonify(id="an-giang", name="Tỉnh An Giang"))

    def upload(self):
        self.uploads.append((request.args["mode"], request.get_data()))
        if request.get_data() == b"not a workbook":
            return jsonify(status=400, code="not_a_workbook", params={"damage": "zip"},
                           detail="Không đọc được tệp .xlsx / not an .xlsx workbook"), 400
        location = f"/api/v1/registry/agencies/import-jobs/{JOB}"
        return jsonify(self.job), 202, {"Location": location}

    def finish(self):
        self.job |= {"status": "succeeded", "rows_done": 4, "result": {"imported": 3, "errors": [ERROR]}}

    def refuse_all(self):
        self.job |= {"status": "succeeded", "rows_done": 4, "result": {
            "imported": 0, "errors": [ERROR, REPEATED], "detail": "the registry's words",
            "code": "import_refused", "params": {"count": 2}}}


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def browser(registry):
    app = gateway_over(registry.app)
    return signed_in(app)


def send(browser, body: bytes, **headers):
    return browser.post("/agencies/import", headers=headers, content_type="multipart/form-data", data={
        "csrf": "known", "mode": "partial", "file": (io.BytesIO(body), "co-quan.xlsx")})


def test_the_upload_leads_to_the_jobs_page_which_reloads_itself_until_the_job_is_over(browser, registry):
    answer = send(browser, b"PK workbook")
    running = browser.get(answer.location).get_data(as_text=True)
    registry.finish()
    over = browser.get(answer.location).get_data(as_text=True)

    assert answer.status_code == 303 and answer.location == f"/agencies/import/{JOB}"
    assert registry.uploads == [("partial", b"PK workbook")]
    assert 'http-equiv="refresh"' in running and "Đang nhập: 1/4 dòng" in running and 'value="25"' in running
    assert 'http-equiv="refresh"' not in over and "Đã nhập xong: 4/4 dòng" in over
    assert "Số cơ quan đã nhập: 3" in over and "<td>Loại cơ quan</td>" in over


def test_the_script_is_told_where_to_read_the_job_as_json(browser, registry):
    answer = send(browser, b"PK workbook", Accept="application/json")
    job = browser.get(answer.get_json()["poll"], headers={"Accept": "application/json"})

    assert answer.status_code == 202 and answer.get_json() == {"poll": f"/agencies/import/{JOB}"}
    assert job.get_json()["rows_done"] == 1 and job.get_json()["status"] == "running"


def test_a_file_refused_at_once_is_shown_at_once(browser, registry):
    answer = send(browser, b"not a workbook")

    page = answer.get_data(as_text=True)
    assert "tệp không phải bảng tính Excel (.xlsx)" in page and "http-equiv" not in page


@pytest.mark.parametrize(("lang", "why", "row"), [
    ("vi", "2 lỗi, không nhập cơ quan nào", "trùng tên với dòng 2"),
    ("en", "2 errors; nothing was imported.", "Same name as row 2")])
def test_the_rows_errors_are_said_from_their_codes_in_the_pages_language(browser, registry, lang, why, row):
    browser.get(f"/login?lang={lang}")
    answer = send(browser, b"PK workbook")
    registry.refuse_all()

    page = browser.get(answer.location).get_data(as_text=True)
    job = browser.get(answer.location, headers={"Accept": "application/json"}).get_json()

    assert why in page and f"<td>{row}</td>" in page and "the registry's words" not in page
    assert [error["message"] for error in job["result"]["errors"]] == [ERROR["message"], row]
    assert job["result"]["detail"] == why

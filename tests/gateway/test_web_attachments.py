"""The files of an agency's records on its page: listed with links, uploaded through the page's form to the
registry as multipart (larger than other bodies may be), downloaded under the registry's file name."""

from __future__ import annotations

import io
import uuid

import pytest
from flask import Flask, jsonify, request

from tests.gateway.web_app import gateway_over, signed_in

AGENCY, QS, ANNOUNCEMENT, FILE = (str(uuid.uuid4()) for _ in range(4))
PATH = f"registry/agencies/{AGENCY}"
SCAN = b"%PDF-1.7 " + b"x" * (3 << 20)  # a 3 MiB scan: over the gateway's 1 MiB for other bodies


class Registry:
    def __init__(self):
        self.uploads: list[dict] = []
        self.reads = {
            PATH: {"id": AGENCY, "name": "Sở Tư pháp", "status": "HOAT_DONG", "agency_type": "SO",
                   "admin_level": "TINH", "version": 1},
            f"{PATH}/quality-system": {"id": QS, "status": "DA_CONG_BO", "standard_version": "TCVN_ISO_9001_2015",
                                       "version": 1},
            f"{PATH}/announcements": [{"id": ANNOUNCEMENT, "decision_no": "12/QĐ-STP", "decision_date": "2021-03-02",
                                       "standard_version": "TCVN_ISO_9001_2015"}],
            f"{PATH}/maintenance": [], f"{PATH}/officers": [], f"{PATH}/history": [],
            f"{PATH}/quality-system/steps": [{"step": "announce", "on": "2021-03-02"}],
            f"{PATH}/quality-system/corrections": [],
            f"{PATH}/attachments": [{"id": FILE, "record_kind": "announcement", "record_id": ANNOUNCEMENT,
                                     "file_name": "quyết định công bố.pdf", "size": 2048,
                                     "uploaded_at": "2026-12-04T08:00:00+07:00"}],
            "registry/reference": {"maintenance_activity_types": [], "agency_types": [], "admin_levels": []},
            "registry/tenants/current": {"id": "an-giang", "name": "Tỉnh An Giang"},
            "registry/agencies": {"items": [], "total": 0},
        }
        self.app = Flask("fake-registry")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer, methods=["GET", "POST"])

    def answer(self, rest: str):
        if request.method == "POST" and rest == f"{PATH}/attachments":
            upload = request.files["file"]
            self.uploads.append({**request.form.to_dict(), "name": upload.filename, "size": len(upload.read())})
            return jsonify(id=str(uuid.uuid4())), 201
        if rest == f"{PATH}/attachments/{FILE}":
            return b"%PDF-1.7 stored", 200, {"Content-Type": "application/pdf",
                                              "Content-Disposition": "attachment; filename*=UTF-8''qd.pdf"}
        if rest in self.reads:
            return jsonify(self.reads[rest])
        return jsonify(status=404, title="Not Found"), 404


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def browser(registry):
    return signed_in(gateway_over(registry.app))


def test_the_page_lists_the_files_and_offers_each_record_to_attach_to(browser):
    html = browser.get(f"/agencies/{AGENCY}").get_data(as_text=True)

    assert f'href="/agencies/{AGENCY}/attachments/{FILE}" translate="no">quyết định công bố.pdf</a>' in html
    assert f'<option value="quality_system:{QS}" translate="no">' in html
    assert (f'<option value="announcement:{ANNOUNCEMENT}" translate="no">Số quyết định 12/QĐ-STP (02/03/2021)'
            "</option>") in html


def test_a_3_mib_scan_goes_to_the_registry_as_multipart_for_the_chosen_record(browser, registry):
    answer = browser.post(f"/agencies/{AGENCY}/attachments", content_type="multipart/form-data",
                          data={"csrf": "known", "target": f"announcement:{ANNOUNCEMENT}",
                                "file": (io.BytesIO(SCAN), "quyết định.pdf")})

    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/agencies/{AGENCY}#attachments")
    assert registry.uploads == [{"record_kind": "announcement", "record_id": ANNOUNCEMENT, "name": "quyết định.pdf",
                                 "size": len(SCAN)}]


def test_a_form_without_a_file_is_refused_on_the_page_without_a_call(browser, registry):
    answer = browser.post(f"/agencies/{AGENCY}/attachments", data={"csrf": "known", "target": f"quality_system:{QS}"})

    assert answer.status_code == 302 and registry.uploads == []
    assert "Hãy chọn tệp và hồ sơ để đính kèm." in browser.get(f"/agencies/{AGENCY}").get_data(as_text=True)


def test_a_download_keeps_the_registrys_file_name(browser):
    answer = browser.get(f"/agencies/{AGENCY}/attachments/{FILE}")

    assert answer.status_code == 200 and answer.data == b"%PDF-1.7 stored"
    assert answer.headers["Content-Disposition"] == "attachment; filename*=UTF-8''qd.pdf"

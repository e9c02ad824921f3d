"""End to end on real Kafka: the registry appoints a new ISO secretary; the training service (its own processes
and database, fed by the registry's officer events) lists the agency as non-compliant until that person
completes a class of a course type that trains secretaries."""

from __future__ import annotations

import io

import pytest
import requests
from openpyxl import load_workbook

from tests.e2e.conftest import eventually, kafka_messages, token

pytestmark = pytest.mark.e2e

REGISTRY, TRAINING = "/api/v1/registry", "/api/v1/training"
OFFICER = "an-giang.officer"


def call(stack, method: str, path: str, user: str = OFFICER, expect: int | None = None, **body):
    response = requests.request(method, f"{stack.gateway}{path}", json=body or None, headers=token(stack, user),
                                timeout=10)
    if expect is not None:
        assert response.status_code == expect, response.text
    return response


def gap_of(stack, agency_id: str) -> list:
    indicator = call(stack, "GET", f"{TRAINING}/compliance/untrained-officers", expect=200).json()
    return [a for a in indicator["agencies"] if a["agency_id"] == agency_id]


def run_class(stack, agency_id: str, officer: dict) -> dict:
    training_class = call(stack, "POST", f"{TRAINING}/classes", expect=201, **{
        "title": "Lớp đại diện lãnh đạo và thư ký ISO 2026", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO",
        "venue": "Hội trường Sở KH&CN An Giang", "capacity": 40, "provider": "Chi cục TĐC An Giang",
        "sessions": [{"starts_at": "2026-06-09T01:00:00Z", "ends_at": "2026-06-09T04:00:00Z"}]}).json()
    path = f"{TRAINING}/classes/{training_class['id']}"
    call(stack, "POST", f"{path}/status", expect=200, status="MO_DANG_KY")
    registration = call(stack, "POST", f"{path}/registrations", expect=201, agency_id=agency_id,
                        person_id="cccd-089190000123", full_name=officer["full_name"], qms_role="THU_KY_ISO",
                        officer_id=officer["id"]).json()
    for status in ("CHOT_DANH_SACH", "DANG_DIEN_RA"):
        call(stack, "POST", f"{path}/status", expect=200, status=status)
    attendance = f"{path}/sessions/{training_class['sessions'][0]['id']}/attendance"
    read = call(stack, "GET", attendance, expect=200)  # its ETag: the PUT names the version it was made from
    marked = requests.put(f"{stack.gateway}{attendance}", json={"present": [registration["id"]]}, timeout=10,
                          headers={**token(stack, OFFICER), "If-Match": read.headers["ETag"]})
    assert marked.status_code == 200, marked.text
    call(stack, "POST", f"{path}/status", expect=200, status="DA_KET_THUC")
    return training_class


def test_a_new_iso_secretary_makes_the_agency_non_compliant_until_they_complete_a_class(stack, kafka):
    agency = call(stack, "POST", f"{REGISTRY}/agencies", "an-giang.admin", 201, name="Sở Giáo dục An Giang",
                  agency_type="SO").json()

    officer = call(stack, "POST", f"{REGISTRY}/agencies/{agency['id']}/officers", "an-giang.admin", 201,
                   role="THU_KY_ISO", full_name="Huỳnh Thị Ngọc Diễm", appointed_on="2026-03-02").json()

    # The officer and the agency arrive on two topics, in either order: wait for both.
    [gap] = eventually(lambda: [g for g in gap_of(stack, agency["id"]) if g["agency_name"]])
    assert gap["agency_name"] == "Sở Giáo dục An Giang"
    assert [o["full_name"] for o in gap["officers"]] == ["Huỳnh Thị Ngọc Diễm"]
    training_class = run_class(stack, agency["id"], officer)
    assert gap_of(stack, agency["id"]) == []
    [finished] = kafka_messages(kafka, "training.class", lambda m: m.key == training_class["id"].encode()
                                and dict(m.headers)["ce_type"] == b"training.class.finished")
    assert dict(finished.headers)["ce_tenant"] == b"an-giang"
    assert call(stack, "GET", f"{TRAINING}/classes/{training_class['id']}", "binh-thuan.officer").status_code == 404
    sheet = call(stack, "GET", f"{TRAINING}/classes/{training_class['id']}/attendance-sheet.xlsx", expect=200)
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert (rows[2][1], rows[2][3]) == ("Huỳnh Thị Ngọc Diễm", "Sở Giáo dục An Giang")


def test_the_merged_openapi_lists_the_training_paths(stack):
    document = requests.get(f"{stack.gateway}/api/openapi.json", timeout=10).json()

    assert "/api/v1/training/classes/{class_id}/registrations" in document["paths"]

"""A recommendation's remediation evidence against a real S3 server (S3Proxy): the agency's officer attaches it
while the recommendation awaits it, the province's staff read it, others get 404, and what is refused is never
stored (issue 25, ADR 31)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from inspections import jobs
from inspections.services import attachments
from kit.audit import AuditEntry
from kit.auth import ROLES
from kit.db import utcnow
from tests.inspections.conftest import API, ONSITE
from tests.support import files

# The object store's settings are in the environment before any test here (a test that does not read the store
# itself still needs it; alone, or first on a worker, it would meet an unconfigured store).
pytestmark = pytest.mark.usefixtures("s3")
MINUTES = "Biên bản đánh giá nội bộ.pdf"


@pytest.fixture
def agency(province):
    return province.agency()


@pytest.fixture
def recommendation(province, agency) -> dict:
    inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
    province.recorded(inspection)
    return province.recommendation(inspection)


@pytest.fixture
def officer(province, agency) -> dict:
    return province.agency_officer(agency)


def files_of(recommendation) -> str:
    return f"{API}/recommendations/{recommendation['id']}/attachments"


def upload(client, headers, recommendation, content=files.PDF, name=MINUTES):
    return client.post(files_of(recommendation), headers=headers, content_type="multipart/form-data",
                       data=files.form(content, name))


def stored(store, province) -> list[str]:
    return store.keys(f"{province.tenant}/inspections/")


class TestUploadListDownload:
    def test_the_agencys_officer_attaches_evidence_lists_it_and_downloads_it_as_uploaded(
            self, client, store, province, recommendation, officer):
        answer = upload(client, officer, recommendation)

        assert answer.status_code == 201, answer.get_json()
        made = answer.get_json()
        assert (made["file_name"], made["content_type"], made["size"]) == (MINUTES, "application/pdf",
                                                                           len(files.PDF))
        assert [a["id"] for a in client.get(files_of(recommendation), headers=officer).get_json()] == [made["id"]]
        got = client.get(f"{files_of(recommendation)}/{made['id']}", headers=officer)
        assert (got.status_code, got.data, got.mimetype) == (200, files.PDF, "application/pdf")
        assert f"filename*=UTF-8''{quote(MINUTES)}" in got.headers["Content-Disposition"]
        assert stored(store, province) == [
            f"{province.tenant}/inspections/recommendation/{recommendation['id']}/{made['id']}"]

    @pytest.mark.parametrize("roles", [["inspector"], ["province_leader"], ["province_officer"]])
    def test_the_provinces_staff_list_and_download_it(self, client, province, recommendation, officer, roles):
        made = upload(client, officer, recommendation, files.JPEG, "anh-hien-truong.jpg").get_json()
        staff = province.headers(*roles)

        listed = client.get(files_of(recommendation), headers=staff).get_json()
        got = client.get(f"{files_of(recommendation)}/{made['id']}", headers=staff)

        assert [a["file_name"] for a in listed] == ["anh-hien-truong.jpg"]
        assert (got.status_code, got.data, got.mimetype) == (200, files.JPEG, "image/jpeg")

    def test_province_staff_do_not_upload_nor_delete_the_agencys_evidence(self, client, store, province,
                                                                          recommendation, officer):
        made = upload(client, officer, recommendation).get_json()

        assert upload(client, province.officer, recommendation).status_code == 403
        assert client.delete(f"{files_of(recommendation)}/{made['id']}", headers=province.officer).status_code == 403
        assert len(stored(store, province)) == 1

    def test_once_the_evidence_is_submitted_no_file_is_added(self, client, store, province, recommendation,
                                                             officer):
        province.call("POST", f"/recommendations/{recommendation['id']}/remediation", officer,
                      evidence="Đã tổ chức đánh giá nội bộ")

        answer = upload(client, officer, recommendation)

        assert answer.status_code == 409
        assert "chờ khắc phục" in answer.get_json()["detail"]
        assert stored(store, province) == []


class TestEveryRole:
    """The two routes the authorization matrix cannot call (tests/security/matrix_inspections.py, UNCOVERED)."""

    @pytest.mark.parametrize("role", sorted(set(ROLES) - {"agency_officer"}))
    def test_no_other_role_uploads_or_deletes(self, client, store, province, recommendation, officer, role):
        made = upload(client, officer, recommendation).get_json()
        other = province.headers(role)

        assert upload(client, other, recommendation).status_code == 403
        assert client.delete(f"{files_of(recommendation)}/{made['id']}", headers=other).status_code == 403
        assert len(stored(store, province)) == 1

    def test_nobody_without_a_token(self, client, recommendation, officer):
        made = upload(client, officer, recommendation).get_json()

        assert upload(client, {}, recommendation).status_code == 401
        assert client.delete(f"{files_of(recommendation)}/{made['id']}").status_code == 401


class TestOthersGet404:
    @pytest.fixture
    def attached(self, client, recommendation, officer) -> str:
        return upload(client, officer, recommendation).get_json()["id"]

    def calls(self, client, headers, recommendation, attachment_id):
        base = files_of(recommendation)
        return [client.get(base, headers=headers).status_code,
                client.get(f"{base}/{attachment_id}", headers=headers).status_code,
                client.delete(f"{base}/{attachment_id}", headers=headers).status_code,
                upload(client, headers, recommendation).status_code]

    def test_another_agencys_officer_gets_404_on_everything(self, client, store, province, recommendation,
                                                            attached):
        neighbour = province.agency_officer(province.agency(name="Sở Xây dựng"))

        assert self.calls(client, neighbour, recommendation, attached) == [404] * 4
        assert len(stored(store, province)) == 1

    def test_another_provinces_user_gets_404_on_everything_it_may_reach(self, client, other_province,
                                                                        recommendation, attached):
        stranger = other_province.headers("province_officer")
        base = files_of(recommendation)

        assert client.get(base, headers=stranger).status_code == 404
        assert client.get(f"{base}/{attached}", headers=stranger).status_code == 404

    def test_another_provinces_agency_officer_gets_404_on_everything(self, client, other_province, agency,
                                                                     recommendation, attached):
        stranger = other_province.agency_officer(agency)

        assert self.calls(client, stranger, recommendation, attached) == [404] * 4

    def test_after_all_that_the_file_is_still_there(self, client, other_province, province, recommendation,
                                                    officer, attached):
        self.calls(client, province.agency_officer(province.agency(name="Sở khác")), recommendation, attached)
        self.calls(client, other_province.agency_officer(recommendation["agency_id"]), recommendation, attached)

        got = client.get(f"{files_of(recommendation)}/{attached}", headers=officer)

        assert (got.status_code, got.data) == (200, files.PDF)


class TestRefusedBeforeStored:
    def test_an_html_file_named_pdf_is_refused_in_words_and_not_stored(self, client, store, province,
                                                                      recommendation, officer):
        answer = upload(client, officer, recommendation, files.HTML, "Biên bản.pdf")

        assert answer.status_code == 415
        assert "Chỉ nhận tệp PDF, PNG, JPEG, DOCX hoặc XLSX" in answer.get_json()["detail"]
        assert stored(store, province) == []
        assert client.get(files_of(recommendation), headers=officer).get_json() == []

    @pytest.mark.parametrize("extra", [1, 200_000], ids=["one-byte-over", "far-over"])
    def test_an_oversized_upload_is_refused_in_words_and_not_stored(self, client, store, province, recommendation,
                                                                    officer, monkeypatch, extra):
        monkeypatch.setenv("ATTACHMENTS_MAX_BYTES", "4096")

        answer = upload(client, officer, recommendation, files.PDF.ljust(4096 + extra))

        assert answer.status_code == 413
        assert "vượt quá" in answer.get_json()["detail"]
        assert stored(store, province) == []
        assert client.get(files_of(recommendation), headers=officer).get_json() == []

    def test_a_form_without_a_file_is_refused_in_words(self, client, recommendation, officer):
        answer = client.post(files_of(recommendation), headers=officer, content_type="multipart/form-data",
                             data={"note": "x"})

        assert answer.status_code == 400
        assert "'file'" in answer.get_json()["detail"]


class TestDeleteAndAudit:
    def test_a_deleted_file_is_hidden_at_once_and_kept_in_the_store_for_the_grace_period(
            self, client, store, province, recommendation, officer):
        made = upload(client, officer, recommendation).get_json()
        kept = upload(client, officer, recommendation, files.PNG, "anh.png").get_json()
        url = f"{files_of(recommendation)}/{made['id']}"

        assert client.delete(url, headers=officer).status_code == 204

        assert client.get(url, headers=officer).status_code == 404
        assert client.get(url, headers=province.officer).status_code == 404
        assert [a["id"] for a in client.get(files_of(recommendation), headers=officer).get_json()] == [kept["id"]]
        assert len(stored(store, province)) == 2

    def test_its_file_is_purged_once_the_grace_period_is_over_and_the_facts_stay(
            self, client, runtime, store, province, recommendation, officer):
        made = upload(client, officer, recommendation).get_json()
        kept = upload(client, officer, recommendation, files.PNG, "anh.png").get_json()
        client.delete(f"{files_of(recommendation)}/{made['id']}", headers=officer)

        assert attachments.purge(runtime.uow(province.tenant), store) == 0
        later = dataclasses.replace(runtime.uow(province.tenant), clock=lambda: utcnow() + timedelta(days=31))
        assert attachments.purge(later, store) == 1

        assert stored(store, province) == [
            f"{province.tenant}/inspections/recommendation/{recommendation['id']}/{kept['id']}"]
        with runtime.session_factory() as session:
            row = session.scalars(select(AuditEntry.action).where(
                AuditEntry.entity == "attachments", AuditEntry.entity_id == made["id"]).order_by(AuditEntry.seq),
                execution_options={"cross_tenant": True}).all()
        assert row == ["INSERT", "UPDATE", "UPDATE"]  # uploaded, deleted, purged: the row stays

    def test_the_api_processes_worker_purges_every_provinces_deleted_files(self, client, runtime, store, province,
                                                                            recommendation, officer):
        made = upload(client, officer, recommendation).get_json()
        client.delete(f"{files_of(recommendation)}/{made['id']}", headers=officer)

        assert jobs.purge_all(runtime, grace=timedelta(0)) >= 1

        assert stored(store, province) == []

    def test_only_the_uploader_deletes(self, client, province, agency, recommendation, officer):
        made = upload(client, officer, recommendation).get_json()
        colleague = province.headers("agency_officer", agency_id=str(agency), sub="secretary-2")

        answer = client.delete(f"{files_of(recommendation)}/{made['id']}", headers=colleague)

        assert answer.status_code == 403
        assert "Chỉ người đã tải tệp lên" in answer.get_json()["detail"]

    def test_the_upload_and_each_download_are_on_the_audit_trail_with_who(self, client, runtime, province, agency,
                                                                           recommendation):
        officer = province.headers("agency_officer", agency_id=str(agency), sub="thu-ky-iso")
        inspector = province.headers("inspector", sub="thanh-tra-1")
        made = upload(client, officer, recommendation).get_json()

        client.get(f"{files_of(recommendation)}/{made['id']}", headers=inspector)
        client.get(f"{files_of(recommendation)}/{made['id']}", headers=officer)

        assert files.audit_trail(runtime, made["id"]) == [
            ("INSERT", "user:thu-ky-iso"), ("DOWNLOAD", "user:thanh-tra-1"), ("DOWNLOAD", "user:thu-ky-iso")]

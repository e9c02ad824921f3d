"""Attachments of an agency's records against a real S3 server (S3Proxy): who may reach them, what is refused
before anything is stored, the audit trail and the retention rule (issue 25, ADR 31)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from kit.db import utcnow
from registry import jobs
from registry.orm import Attachment
from registry.services import attachments
from tests.registry.conftest import AGENCIES, Records, new_agency
from tests.support import files

# The object store's settings are in the environment before any test here (a test that does not read the store
# itself still needs it; alone, or first on a worker, it would meet an unconfigured store).
pytestmark = pytest.mark.usefixtures("s3")
DECISION = "Quyết định công bố HTQLCL.pdf"


@pytest.fixture
def agency(client, province, as_officer) -> dict:
    """An agency with an announced quality system: its id and the ids of one record of each kind."""
    agency_id = new_agency(client, as_officer, name="Sở Tư pháp")["id"]
    records = Records(client, as_officer, agency_id)
    announcement = records.announced()
    [audit, _review] = client.get(f"{records.base}/maintenance", headers=as_officer).get_json()
    return {"id": agency_id, "announcement": announcement["id"],
            "quality_system": announcement["quality_system_id"], "maintenance_record": audit["id"]}


def upload(client, headers, agency_id, record_id, content, name=DECISION, kind="announcement"):
    return client.post(f"{AGENCIES}/{agency_id}/attachments", headers=headers, content_type="multipart/form-data",
                       data=files.form(content, name, record_kind=kind, record_id=str(record_id)))


def stored(store, province) -> list[str]:
    return store.keys(f"{province}/registry/")


class TestUploadListDownload:
    def test_province_staff_attach_a_decision_list_it_and_download_it_as_uploaded(self, client, store, province,
                                                                                   as_officer, agency):
        answer = upload(client, as_officer, agency["id"], agency["announcement"], files.PDF)

        assert answer.status_code == 201, answer.get_json()
        made = answer.get_json()
        assert (made["file_name"], made["content_type"], made["size"]) == (DECISION, "application/pdf",
                                                                           len(files.PDF))
        listed = client.get(f"{AGENCIES}/{agency['id']}/attachments", headers=as_officer).get_json()
        assert [a["id"] for a in listed] == [made["id"]]
        got = client.get(f"{AGENCIES}/{agency['id']}/attachments/{made['id']}", headers=as_officer)
        assert (got.status_code, got.data, got.mimetype) == (200, files.PDF, "application/pdf")
        assert f"filename*=UTF-8''{quote(DECISION)}" in got.headers["Content-Disposition"]
        assert stored(store, province) == [f"{province}/registry/announcement/{agency['announcement']}/{made['id']}"]

    @pytest.mark.parametrize(("kind", "content", "name", "mime"), [
        ("quality_system", files.docx(), "So tay chat luong.docx", "application/vnd.openxmlformats-"
         "officedocument.wordprocessingml.document"),
        ("maintenance_record", files.xlsx(), "Bien ban.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("maintenance_record", files.PNG, "anh.png", "image/png"),
        ("announcement", files.JPEG, "scan.jpg", "image/jpeg"),
    ], ids=["manual-docx", "minutes-xlsx", "png", "jpeg"])
    def test_each_record_kind_takes_each_allowed_type(self, client, as_officer, agency, kind, content, name, mime):
        answer = upload(client, as_officer, agency["id"], agency[kind], content, name, kind)

        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["content_type"] == mime
        listed = client.get(f"{AGENCIES}/{agency['id']}/attachments?record_kind={kind}&record_id={agency[kind]}",
                            headers=as_officer).get_json()
        assert [a["file_name"] for a in listed] == [name]

    def test_a_scan_larger_than_a_json_body_may_be_is_taken_up_to_the_attachment_limit(self, client, store,
                                                                                          province, as_officer, agency):
        scan = files.PDF.ljust(3 * 1024 * 1024, b"\x00")  # the API's other bodies stop at 1 MiB

        answer = upload(client, as_officer, agency["id"], agency["announcement"], scan)

        assert (answer.status_code, answer.get_json()["size"]) == (201, len(scan))
        got = client.get(f"{AGENCIES}/{agency['id']}/attachments/{answer.get_json()['id']}", headers=as_officer)
        assert got.data == scan

    def test_the_agencys_own_officer_uploads_lists_and_downloads(self, client, issuer, province, agency):
        me = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=agency["id"])

        made = upload(client, me, agency["id"], agency["maintenance_record"], files.PDF, kind="maintenance_record")

        assert made.status_code == 201
        assert len(client.get(f"{AGENCIES}/{agency['id']}/attachments", headers=me).get_json()) == 1
        got = client.get(f"{AGENCIES}/{agency['id']}/attachments/{made.get_json()['id']}", headers=me)
        assert got.data == files.PDF

    def test_a_record_of_another_agency_is_not_found_under_this_one(self, client, store, province, as_officer,
                                                                    agency):
        other = new_agency(client, as_officer, name="Sở Xây dựng")["id"]

        answer = upload(client, as_officer, other, agency["announcement"], files.PDF)

        assert answer.status_code == 404
        assert stored(store, province) == []


    def test_a_form_without_a_file_is_refused_in_words(self, client, as_officer, agency):
        answer = client.post(f"{AGENCIES}/{agency['id']}/attachments", headers=as_officer,
                             content_type="multipart/form-data",
                             data={"record_kind": "announcement", "record_id": agency["announcement"]})

        assert answer.status_code == 400
        assert "'file'" in answer.get_json()["detail"]


class TestOthersGet404:
    @pytest.fixture
    def attached(self, client, as_officer, agency) -> str:
        return upload(client, as_officer, agency["id"], agency["announcement"], files.PDF).get_json()["id"]

    def calls(self, client, headers, agency_id, attachment_id, record_id):
        base = f"{AGENCIES}/{agency_id}/attachments"
        return [client.get(base, headers=headers).status_code,
                client.get(f"{base}/{attachment_id}", headers=headers).status_code,
                client.delete(f"{base}/{attachment_id}", headers=headers).status_code,
                upload(client, headers, agency_id, record_id, files.PDF).status_code]

    def test_another_provinces_user_gets_404_on_everything(self, client, issuer, other_province, agency, attached):
        stranger = issuer.headers(tenant=other_province, roles=["province_officer"])

        assert self.calls(client, stranger, agency["id"], attached, agency["announcement"]) == [404] * 4

    def test_another_agencys_officer_gets_404_on_everything(self, client, issuer, province, as_officer, agency,
                                                            attached):
        neighbour = new_agency(client, as_officer, name="Sở Giao thông")["id"]
        officer = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=neighbour)

        assert self.calls(client, officer, agency["id"], attached, agency["announcement"]) == [404] * 4

    def test_after_all_that_the_attachment_is_still_there(self, client, issuer, other_province, as_officer, agency,
                                                          attached):
        stranger = issuer.headers(tenant=other_province, roles=["province_officer"])
        self.calls(client, stranger, agency["id"], attached, agency["announcement"])

        got = client.get(f"{AGENCIES}/{agency['id']}/attachments/{attached}", headers=as_officer)

        assert (got.status_code, got.data) == (200, files.PDF)


class TestRefusedBeforeStored:
    @pytest.mark.parametrize(("content", "name"), [
        (files.EXE, "Quyết định.pdf"), (files.HTML, "Quyết định.pdf"), (files.plain_zip("word/x.xml"), "So tay.docx"),
        (b"just text", "bien-ban.jpg"),
    ], ids=["exe-named-pdf", "html-named-pdf", "zip-named-docx", "text-named-jpg"])
    def test_content_of_a_type_not_allowed_is_refused_whatever_its_name(self, client, store, province, as_officer,
                                                                        agency, content, name):
        answer = upload(client, as_officer, agency["id"], agency["announcement"], content, name)

        assert answer.status_code == 415
        assert "PDF, PNG, JPEG, DOCX" in answer.get_json()["detail"]
        assert stored(store, province) == []
        assert client.get(f"{AGENCIES}/{agency['id']}/attachments", headers=as_officer).get_json() == []

    @pytest.mark.parametrize("extra", [1, 200_000], ids=["one-byte-over", "far-over"])
    def test_an_oversized_upload_is_refused_and_not_stored(self, client, store, province, as_officer, agency,
                                                           monkeypatch, extra):
        monkeypatch.setenv("ATTACHMENTS_MAX_BYTES", "4096")

        answer = upload(client, as_officer, agency["id"], agency["announcement"], files.PDF.ljust(4096 + extra))

        assert answer.status_code == 413
        assert stored(store, province) == []
        assert client.get(f"{AGENCIES}/{agency['id']}/attachments", headers=as_officer).get_json() == []


class TestAuditAndRetention:
    def test_the_upload_and_each_download_are_on_the_audit_trail_with_who(self, client, runtime, issuer, province,
                                                                           agency):
        leader = issuer.headers(tenant=province, roles=["province_leader"], sub="lanh-dao-1")
        officer = issuer.headers(tenant=province, roles=["province_officer"], sub="chuyen-vien-1")
        made = upload(client, officer, agency["id"], agency["announcement"], files.PDF).get_json()

        client.get(f"{AGENCIES}/{agency['id']}/attachments/{made['id']}", headers=leader)
        client.get(f"{AGENCIES}/{agency['id']}/attachments/{made['id']}", headers=leader)

        assert files.audit_trail(runtime, made["id"]) == [
            ("INSERT", "user:chuyen-vien-1"), ("DOWNLOAD", "user:lanh-dao-1"), ("DOWNLOAD", "user:lanh-dao-1")]

    def test_a_deleted_attachment_is_hidden_at_once_and_its_file_purged_after_the_grace_period(
            self, client, runtime, store, province, as_officer, agency):
        made = upload(client, as_officer, agency["id"], agency["announcement"], files.PDF).get_json()
        kept = upload(client, as_officer, agency["id"], agency["quality_system"], files.PNG, "anh.png",
                      "quality_system").get_json()
        url = f"{AGENCIES}/{agency['id']}/attachments/{made['id']}"

        assert client.delete(url, headers=as_officer).status_code == 204

        assert client.get(url, headers=as_officer).status_code == 404
        assert [a["id"] for a in client.get(f"{AGENCIES}/{agency['id']}/attachments", headers=as_officer)
                .get_json()] == [kept["id"]]
        assert len(stored(store, province)) == 2  # still there during the grace period
        assert attachments.purge(runtime.uow(province), store) == 0
        later = dataclasses.replace(runtime.uow(province), clock=lambda: utcnow() + timedelta(days=31))
        assert attachments.purge(later, store) == 1
        assert stored(store, province) == [kept_key(province, agency, kept)]
        with runtime.session_factory() as session:
            row = session.scalars(select(Attachment).where(Attachment.id == uuid.UUID(made["id"])),
                                  execution_options={"cross_tenant": True}).one()
        assert row.deleted_at is not None and row.purged_at is not None  # the facts stay on record

    def test_the_api_processes_worker_purges_every_provinces_deleted_files(self, client, runtime, store, province,
                                                                            as_officer, agency):
        made = upload(client, as_officer, agency["id"], agency["announcement"], files.PDF).get_json()
        client.delete(f"{AGENCIES}/{agency['id']}/attachments/{made['id']}", headers=as_officer)

        assert jobs.purge_all(runtime, grace=timedelta(0)) >= 1

        assert stored(store, province) == []


def kept_key(province, agency, kept) -> str:
    return f"{province}/registry/quality_system/{agency['quality_system']}/{kept['id']}"

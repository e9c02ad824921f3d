"""Fixture objects and calls for every registry route in the authorization matrix."""

from __future__ import annotations

import io
import uuid

from registry.documents import xlsx
from registry.services import tenants
from tests.security.matrix import Spec, World
from tests.support import files

Q = "/agencies/{agency}/quality-system"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AUDITS = [{"activity_type": "DANH_GIA_NOI_BO", "activity_date": "2021-05-10"},
          {"activity_type": "XEM_XET_LANH_DAO", "activity_date": "2021-05-10"}]
CORRECTION = {"step": "start-building", "on": "2020-01-04", "reason": "Nhập nhầm năm"}


class RegistryWorld(World):
    service = "registry"

    @classmethod
    def prepare(cls, sut, tenant: str) -> None:
        tenants.create_tenant(sut.runtime.uow(tenant), name=f"Tỉnh {tenant}")

    def make_agency(self, name: str = "Sở Tư pháp") -> str:
        return self.call("POST", "/agencies", {"name": name, "agency_type": "SO"})["id"]

    def make_successor(self) -> str:
        return self.make_agency("Sở Tư pháp (hợp nhất)")

    def make_qs(self, version: str = "TCVN_ISO_9001_2015") -> str:
        return self.call("POST", Q.format(agency=self["agency"]), {"standard_version": version})["id"]

    def make_building(self) -> str:
        self["qs"]
        self.call("POST", Q.format(agency=self["agency"]) + "/start-building", {"on": "2021-01-04"})
        return self["qs"]

    def make_applied(self) -> str:
        self["building"]
        return self.call("POST", Q.format(agency=self["agency"]) + "/apply", {"on": "2021-03-01"})["id"]

    def make_audited_agency(self) -> str:
        self["applied"]
        for audit in AUDITS:
            self.call("POST", f"/agencies/{self['agency']}/maintenance", audit)
        return self["agency"]

    def make_announcement(self) -> str:
        self["audited_agency"]
        return self.call("POST", Q.format(agency=self["agency"]) + "/announce",
                         {"decision_no": "15/QĐ-STP", "decision_date": "2021-06-01"})["id"]

    def make_announced_2008(self) -> str:
        agency = self["agency"]
        self.call("POST", Q.format(agency=agency), {"standard_version": "TCVN_ISO_9001_2008"})
        self.call("POST", Q.format(agency=agency) + "/start-building", {"on": "2017-06-01"})
        self.call("POST", Q.format(agency=agency) + "/apply", {"on": "2021-03-01"})
        for audit in AUDITS:
            self.call("POST", f"/agencies/{agency}/maintenance", audit)
        return self.call("POST", Q.format(agency=agency) + "/announce",
                         {"decision_no": "15/QĐ-STP", "decision_date": "2021-06-01"})["id"]

    def make_qs_agency(self) -> str:
        self["qs"]
        return self["agency"]

    def make_building_agency(self) -> str:
        self["building"]
        return self["agency"]

    def make_corrected_agency(self) -> str:
        self["building"]
        self.call("POST", Q.format(agency=self["agency"]) + "/corrections", CORRECTION)
        return self["agency"]

    def make_announced_2008_agency(self) -> str:
        self["announced_2008"]
        return self["agency"]

    def make_import_job(self) -> str:
        """A job of a one-row import, posted as the .xlsx it is (World.call sends JSON)."""
        workbook = xlsx.write_workbook([{"name": "Sở Xây dựng", "agency_type": "SO"}])
        response = self.sut.client.post(f"{self.api}/agencies/import", data=workbook, headers={
            **self.headers("province_admin"), "Content-Type": XLSX})
        assert response.status_code == 202, response.get_data(as_text=True)
        return response.get_json()["id"]

    def make_attachment(self) -> str:
        """A PDF attached to the agency's quality system, posted as the multipart upload it is."""
        response = self.sut.client.post(
            f"{self.api}/agencies/{self['agency']}/attachments", headers=self.headers("province_officer"),
            content_type="multipart/form-data", data={"record_kind": "quality_system", "record_id": self["qs"],
                                                      "file": (io.BytesIO(files.PDF), "so-tay.pdf")})
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["id"]

    def make_officer(self) -> str:
        return self.call("POST", f"/agencies/{self['agency']}/officers",
                         {"role": "THU_KY_ISO", "full_name": "Trần Văn Bình", "appointed_on": "2024-01-02"})["id"]


def _admin_unit(_world) -> dict:
    code = f"9{uuid.uuid4().int % 10_000:04d}"
    return {"scheme": "QD19_2025", "code": code, "level": "XA", "unit_type": "PHUONG", "name": "Phường Thử",
            "parent_code": "91", "valid_from": "2025-07-01", "tenant_id": "an-giang", "legal_basis_code": "QD19-2025"}


def _new_tenant(_world) -> dict:
    return {"id": f"tinh-{uuid.uuid4().hex[:8]}", "name": "Tỉnh Thử"}


A = "/api/v1/registry"
SPECS = {
    ("GET", f"{A}/admin-units"): Spec("/admin-units"),
    ("POST", f"{A}/admin-units"): Spec("/admin-units", _admin_unit),
    ("GET", f"{A}/agencies"): Spec("/agencies", needs=("agency",)),
    ("POST", f"{A}/agencies"): Spec("/agencies", {"name": "Sở Nội vụ", "agency_type": "SO"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>"): Spec("/agencies/{agency}"),
    ("GET", f"{A}/agencies/import-jobs/<uuid:job_id>"): Spec("/agencies/import-jobs/{import_job}"),
    ("PATCH", f"{A}/agencies/<uuid:agency_id>"): Spec("/agencies/{agency}", {"name": "Sở Tư pháp tỉnh"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/announcements"): Spec("/agencies/{agency}/announcements"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/announcements/<uuid:announcement_id>/receive"):
        Spec("/agencies/{agency}/announcements/{announcement}/receive", {"on": "2021-06-10"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/attachments"): Spec("/agencies/{agency}/attachments",
                                                                needs=("attachment",)),
    ("GET", f"{A}/agencies/<uuid:agency_id>/attachments/<uuid:attachment_id>"):
        Spec("/agencies/{agency}/attachments/{attachment}"),
    ("DELETE", f"{A}/agencies/<uuid:agency_id>/attachments/<uuid:attachment_id>"):
        Spec("/agencies/{agency}/attachments/{attachment}"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/dissolve"): Spec("/agencies/{agency}/dissolve",
                                                              {"dissolved_on": "2025-07-01"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/history"): Spec("/agencies/{agency}/history"),
    ("GET", f"{A}/agencies/<uuid:agency_id>/maintenance"): Spec("/agencies/{agency}/maintenance"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/maintenance"): Spec("/agencies/{qs_agency}/maintenance", AUDITS[0]),
    ("POST", f"{A}/agencies/<uuid:agency_id>/merge"):
        Spec("/agencies/{agency}/merge", lambda w: {"successor_agency_id": w["successor"], "merged_on": "2025-07-01"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/officers"): Spec("/agencies/{agency}/officers"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/officers"):
        Spec("/agencies/{agency}/officers", {"role": "THU_KY_ISO", "full_name": "Lê Thị Hoa",
                                             "appointed_on": "2024-01-02"}),
    ("POST", f"{A}/agencies/<uuid:agency_id>/officers/<uuid:officer_id>/remove"):
        Spec("/agencies/{agency}/officers/{officer}/remove", {"removed_on": "2025-01-02"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/quality-system"): Spec("/agencies/{qs_agency}/quality-system"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system"): Spec(Q, {}),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/announce"):
        Spec("/agencies/{audited_agency}/quality-system/announce", {"decision_no": "15/QĐ-STP",
                                                            "decision_date": "2021-06-01"}),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/apply"):
        Spec("/agencies/{building_agency}/quality-system/apply", {"on": "2021-03-01"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/quality-system/corrections"):
        Spec("/agencies/{corrected_agency}/quality-system/corrections"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/corrections"):
        Spec("/agencies/{building_agency}/quality-system/corrections", CORRECTION),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/scope"):
        Spec("/agencies/{qs_agency}/quality-system/scope", {"on": "2021-01-04", "reason": "MO_RONG_PHAM_VI",
                                                            "scope_tthc_count": 5}),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/start-building"):
        Spec("/agencies/{qs_agency}/quality-system/start-building", {"on": "2021-01-04"}),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/start-transition"):
        Spec("/agencies/{announced_2008_agency}/quality-system/start-transition", {"on": "2021-07-10"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/quality-system/steps"):
        Spec("/agencies/{building_agency}/quality-system/steps"),
    ("POST", f"{A}/agencies/<uuid:agency_id>/quality-system/stop"):
        Spec("/agencies/{qs_agency}/quality-system/stop", {"on": "2021-02-01", "reason": "Giải thể"}),
    ("GET", f"{A}/agencies/<uuid:agency_id>/successions"): Spec("/agencies/{agency}/successions"),
    ("GET", f"{A}/agencies/attention"): Spec("/agencies/attention?as_of=2026-11-26", needs=("agency",)),
    ("GET", f"{A}/agencies/export.xlsx"): Spec("/agencies/export.xlsx", needs=("agency",)),
    ("GET", f"{A}/agencies/districts-end"): Spec("/agencies/districts-end", needs=("agency",)),
    ("POST", f"{A}/agencies/districts-end"): Spec("/agencies/districts-end"),  # no body
    ("GET", f"{A}/agencies/flags"): Spec("/agencies/flags?as_of=2026-11-26", needs=("agency",)),
    ("GET", f"{A}/audit"): Spec("/audit", needs=("agency",)),
    ("GET", f"{A}/reference"): Spec("/reference"),
    ("GET", f"{A}/reference/obligation-rules/<agency_type>"): Spec("/reference/obligation-rules/CHI_CUC"),
    ("PUT", f"{A}/reference/obligation-rules/<agency_type>"):
        Spec("/reference/obligation-rules/CHI_CUC", {"obligation": "BAT_BUOC_THEO_KH_TINH",
                                                     "legal_basis_code": "QD19-2014-D2-U",
                                                     "verification": "UNVERIFIED"}),
    ("GET", f"{A}/settings"): Spec("/settings"),
    ("GET", f"{A}/settings/<key>"): Spec("/settings/maintenance_deadline"),
    ("PUT", f"{A}/settings/<key>"): Spec("/settings/maintenance_deadline", {"value": "15/10"}),
    ("GET", f"{A}/summary"): Spec("/summary?as_of=2026-11-26", needs=("agency",)),
    ("GET", f"{A}/tenants"): Spec("/tenants"),
    ("POST", f"{A}/tenants"): Spec("/tenants", _new_tenant),
    ("GET", f"{A}/tenants/current"): Spec("/tenants/current"),
}
SUCCESSIONS = ("platform-wide (a province succession spans provinces, platform_admin only; national_viewer reads "
               "them); roles and refusals in tests/registry/integration/test_province_successions.py")
PUBLIC_LIST = ("public by design, no role (kit.auth.public): the public list of announced agencies (công khai, "
               "ADR 32) publishes only what any citizen may read; that it needs no token, lists only the announced "
               "agencies of today's province and carries no id is tested in "
               "tests/registry/integration/test_public_list.py, and that these are the only public routes in "
               "tests/security/test_public_routes.py")
UNCOVERED = {
    **{(method, f"{A}/successions{tail}"): SUCCESSIONS for method, tail in (
        ("POST", "/dry-run"), ("POST", ""), ("GET", ""), ("GET", "/<uuid:succession_id>"), ("GET", "/plan.xlsx"),
        ("POST", "/plan"))},
    ("POST", f"{A}/agencies/<uuid:agency_id>/attachments"):
        "a multipart upload, not JSON; every role, another province's user and another agency's officer (404) in "
        "tests/registry/integration/test_attachments.py",
    ("POST", f"{A}/agencies/import"): "an .xlsx upload (multipart), not JSON; its roles and cross-province "
                                     "behaviour are tested in tests/registry/integration/test_spreadsheets.py",
    **{("GET", f"{A}/public{tail}"): PUBLIC_LIST for tail in (
        "/provinces", "/<province>/announced", "/<province>/announced.csv")},
}


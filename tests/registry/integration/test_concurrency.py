"""Parallel requests on real PostgreSQL (issue 20): the agency's row lock and its version keep the register exact.

Threads are released together at a barrier, round after round, each with its own test client of the registry;
every round counts the invariant's violations, and the test asserts there are none. The `If-Match` rules (428
without one, 412 when stale, the ETag on a read) are checked here too, one request at a time.
"""

from __future__ import annotations

import uuid

from registry.services import tenants
from tests.registry.conftest import AGENCIES, new_agency
from tests.support.parallel import in_parallel
from tests.support.service import outbox

ROUNDS, THREADS = 5, 6
SETTING = "/api/v1/registry/settings/reannouncement_days"


def together(app, calls) -> list:
    """Each call `call(client)` in its own thread with its own client, all released at once; their answers."""
    return in_parallel(*[lambda call=call, client=app.test_client(): call(client) for call in calls])


def with_etag(headers: dict, etag: str) -> dict:
    return {**headers, "If-Match": etag}


class TestIfMatch:
    def test_a_read_answers_the_version_as_its_etag(self, client, province, as_officer):
        agency = new_agency(client, as_officer)

        read = client.get(f"{AGENCIES}/{agency['id']}", headers=as_officer)

        assert read.headers["ETag"] == f'"{read.get_json()["version"]}"' == '"1"'

    def test_a_patch_without_if_match_is_428_and_changes_nothing(self, client, runtime, province, as_officer):
        agency = new_agency(client, as_officer)

        response = client.patch(f"{AGENCIES}/{agency['id']}", json={"name": "Đổi tên"}, headers=as_officer)

        assert response.status_code == 428 and response.mimetype == "application/problem+json"
        assert response.get_json()["code"] == "precondition_required"
        assert client.get(f"{AGENCIES}/{agency['id']}", headers=as_officer).get_json()["name"] == agency["name"]
        assert len(outbox(runtime, province, topic="registry.agency")) == 1

    def test_a_patch_from_a_stale_version_is_412_with_the_current_etag(self, client, province, as_officer):
        agency = new_agency(client, as_officer)
        url = f"{AGENCIES}/{agency['id']}"
        first = client.patch(url, json={"short_name": "A"}, headers=with_etag(as_officer, '"1"'))

        second = client.patch(url, json={"short_name": "B"}, headers=with_etag(as_officer, '"1"'))

        assert first.status_code == 200 and first.headers["ETag"] == '"2"'
        assert second.status_code == 412 and second.headers["ETag"] == '"2"'
        assert second.get_json()["code"] == "version_stale"
        assert client.get(url, headers=as_officer).get_json()["short_name"] == "A"

    def test_a_setting_reads_and_changes_with_its_version(self, client, issuer, province):
        admin = issuer.headers(tenant=province, roles=["province_admin"])

        unset = client.get(SETTING, headers=admin)
        missing = client.put(SETTING, json={"value": "40"}, headers=admin)
        first = client.put(SETTING, json={"value": "40"}, headers=with_etag(admin, unset.headers["ETag"]))
        stale = client.put(SETTING, json={"value": "50"}, headers=with_etag(admin, unset.headers["ETag"]))
        second = client.put(SETTING, json={"value": "50"}, headers=with_etag(admin, first.headers["ETag"]))

        assert unset.get_json() == {"key": "reannouncement_days", "value": "30", "version": 0}
        assert unset.headers["ETag"] == '"0"'
        assert (missing.status_code, first.status_code, stale.status_code, second.status_code) == (428, 200, 412,
                                                                                                    200)
        assert client.get(SETTING, headers=admin).get_json() == {"key": "reannouncement_days", "value": "50",
                                                                 "version": 2}
        assert client.get("/api/v1/registry/settings/nope", headers=admin).status_code == 404


class TestInParallel:
    def test_patches_from_the_same_version_one_wins_the_others_are_412(self, app, runtime, province, as_officer):
        violations = []
        for number in range(ROUNDS):
            agency = new_agency(app.test_client(), as_officer, name=f"Sở Công Thương {number}")
            url, fresh = f"{AGENCIES}/{agency['id']}", with_etag(as_officer, '"1"')

            answers = together(app, [lambda c, i=i: c.patch(url, json={"short_name": f"SCT-{i}"}, headers=fresh)
                                     for i in range(THREADS)])

            codes = sorted(answer.status_code for answer in answers)
            [winner] = [answer for answer in answers if answer.status_code == 200] or [None]
            stored = app.test_client().get(url, headers=as_officer).get_json()
            updates = [m for m in outbox(runtime, province, topic="registry.agency")
                       if m.type == "registry.agency.updated" and m.key == agency["id"]]
            if codes != [200] + [412] * (THREADS - 1) or stored["version"] != 2 or len(updates) != 1 \
                    or stored["short_name"] != winner.get_json()["short_name"]:
                violations.append((number, codes, stored["version"], len(updates)))

        assert violations == []

    def test_an_agency_dissolved_and_merged_at_the_same_moment_ends_once(self, app, runtime, province,
                                                                          as_officer):
        violations = []
        for number in range(ROUNDS):
            client = app.test_client()
            agency = new_agency(client, as_officer, name=f"Chi cục {number}", valid_from="2020-01-01")
            successor = new_agency(client, as_officer, name=f"Sở tiếp nhận {number}", valid_from="2020-01-01")
            base = f"{AGENCIES}/{agency['id']}"

            dissolved, merged = together(app, [
                lambda c: c.post(f"{base}/dissolve", json={"dissolved_on": "2025-06-30"}, headers=as_officer),
                lambda c: c.post(f"{base}/merge", json={"successor_agency_id": successor["id"],
                                                        "merged_on": "2025-06-30"}, headers=as_officer),
            ])

            stored = client.get(base, headers=as_officer).get_json()
            successions = client.get(f"{base}/successions", headers=as_officer).get_json()["successors"]
            ends = [m.type for m in outbox(runtime, province, topic="registry.agency")
                    if m.key == agency["id"] and m.type in ("registry.agency.dissolved", "registry.agency.merged")]
            codes = sorted((dissolved.status_code, merged.status_code))
            expected_status = "DA_GIAI_THE" if dissolved.status_code == 200 else "DA_SAP_NHAP"
            if codes != [200, 409] or stored["status"] != expected_status or len(ends) != 1 \
                    or len(successions) != (1 if expected_status == "DA_SAP_NHAP" else 0) or stored["version"] != 2:
                violations.append((number, codes, stored["status"], ends, len(successions)))

        assert violations == []

    def test_an_iso_secretary_appointed_twice_at_once_leaves_one_current_holder(self, app, province, as_officer):
        violations = []
        for number in range(ROUNDS):
            agency = new_agency(app.test_client(), as_officer, name=f"UBND xã {number}")
            path = f"{AGENCIES}/{agency['id']}/officers"

            together(app, [lambda c, i=i: c.post(path, headers=as_officer, json={
                "role": "THU_KY_ISO", "full_name": f"Thư ký {i}", "appointed_on": f"2024-0{i + 1}-01"})
                for i in range(THREADS)])

            current = [o for o in app.test_client().get(path, headers=as_officer).get_json()
                       if o["removed_on"] is None]
            if len(current) != 1:
                violations.append((number, len(current)))

        assert violations == []

    def test_a_quality_system_created_twice_at_once_exists_once(self, app, province, as_officer):
        violations = []
        for number in range(ROUNDS):
            agency = new_agency(app.test_client(), as_officer, name=f"Sở Y tế {number}")
            path = f"{AGENCIES}/{agency['id']}/quality-system"

            answers = together(app, [lambda c: c.post(path, json={}, headers=as_officer) for _ in range(THREADS)])

            codes = sorted(answer.status_code for answer in answers)
            if codes != [201] + [409] * (THREADS - 1):
                violations.append((number, codes))

        assert violations == []

    def test_a_provinces_first_value_of_a_setting_set_at_once_is_set_once(self, app, runtime, issuer):
        violations = []
        for number in range(ROUNDS):
            province = f"t-{uuid.uuid4().hex[:10]}"  # a new province: the setting not set yet, version 0
            tenants.create_tenant(runtime.uow(province), name=f"Tỉnh {number}")
            admin = issuer.headers(tenant=province, roles=["province_admin"])

            codes, stored = self._race(app, admin, '"0"')

            if codes != [200] + [412] * (THREADS - 1) or stored["version"] != 1:
                violations.append((number, codes, stored))

        assert violations == []

    def test_changes_of_a_setting_from_the_same_version_one_wins(self, app, issuer, province):
        admin = issuer.headers(tenant=province, roles=["province_admin"])
        app.test_client().put(SETTING, json={"value": "35"}, headers=with_etag(admin, '"0"'))
        violations = []
        for number in range(ROUNDS):
            etag = app.test_client().get(SETTING, headers=admin).headers["ETag"]

            codes, stored = self._race(app, admin, etag)

            if codes != [200] + [412] * (THREADS - 1) or stored["version"] != number + 2:
                violations.append((number, codes, stored))

        assert violations == []

    @staticmethod
    def _race(app, admin: dict, etag: str) -> tuple[list[int], dict]:
        answers = together(app, [lambda c, i=i: c.put(SETTING, json={"value": str(40 + i)},
                                                      headers=with_etag(admin, etag)) for i in range(THREADS)])
        return sorted(a.status_code for a in answers), app.test_client().get(SETTING, headers=admin).get_json()

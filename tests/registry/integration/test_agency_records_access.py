"""An agency officer edits only their own agency's records; everything else is 404 (or 403 for province work)."""

import pytest

from tests.registry.conftest import new_agency

AGENCIES = "/api/v1/registry/agencies"


@pytest.fixture
def setup(client, issuer, province, other_province, as_officer):
    own = new_agency(client, as_officer, name="Sở Xây dựng")
    neighbour = new_agency(client, as_officer, name="Sở Giao thông")
    far = new_agency(client, issuer.headers(tenant=other_province, roles=["province_admin"]), name="Sở tỉnh khác")
    for agency in (own, neighbour):
        client.post(f"{AGENCIES}/{agency['id']}/quality-system", json={}, headers=as_officer)
    me = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=own["id"])
    return me, own["id"], neighbour["id"], far["id"]


WRITES = [
    ("/quality-system/start-building", {"on": "2021-01-04"}),
    ("/maintenance", {"activity_type": "DANH_GIA_NOI_BO", "activity_date": "2021-05-10"}),
    ("/officers", {"role": "THU_KY_ISO", "full_name": "Trần Văn Bình", "appointed_on": "2024-01-02"}),
    ("/quality-system/scope", {"on": "2021-01-04", "reason": "MO_RONG_PHAM_VI", "scope_tthc_count": 5}),
]
READS = ["/quality-system", "/maintenance", "/officers", "/announcements", "/successions", "", "/history"]


class TestAgencyOfficer:
    @pytest.mark.parametrize(("path", "body"), WRITES, ids=[w[0] for w in WRITES])
    def test_writes_to_their_own_agency_and_nowhere_else(self, client, setup, path, body):
        me, own, neighbour, far = setup

        assert client.post(f"{AGENCIES}/{own}{path}", json=body, headers=me).status_code in (200, 201)
        assert client.post(f"{AGENCIES}/{neighbour}{path}", json=body, headers=me).status_code == 404
        assert client.post(f"{AGENCIES}/{far}{path}", json=body, headers=me).status_code == 404

    @pytest.mark.parametrize("path", READS)
    def test_reads_their_own_agency_and_nowhere_else(self, client, setup, path):
        me, own, neighbour, far = setup

        assert client.get(f"{AGENCIES}/{own}{path}", headers=me).status_code == 200
        assert client.get(f"{AGENCIES}/{neighbour}{path}", headers=me).status_code == 404
        assert client.get(f"{AGENCIES}/{far}{path}", headers=me).status_code == 404

    @pytest.mark.parametrize(("path", "body"), [
        ("/quality-system/stop", {"on": "2021-01-01", "reason": "x"}),
        ("/merge", {"successor_agency_id": "00000000-0000-0000-0000-000000000001", "merged_on": "2025-07-01"}),
        ("/dissolve", {"dissolved_on": "2025-07-01"}),
    ])
    def test_province_decisions_are_not_theirs(self, client, setup, path, body):
        me, own, *_ = setup

        assert client.post(f"{AGENCIES}/{own}{path}", json=body, headers=me).status_code == 403

    def test_province_overviews_are_not_theirs(self, client, setup):
        me, *_ = setup

        assert client.get("/api/v1/registry/summary", headers=me).status_code == 403
        assert client.get(f"{AGENCIES}/flags", headers=me).status_code == 403


class TestAnotherProvince:
    @pytest.mark.parametrize(("path", "body"), WRITES, ids=[w[0] for w in WRITES])
    def test_province_staff_get_404_on_another_provinces_records(self, client, setup, as_officer, path, body):
        *_, far = setup

        assert client.post(f"{AGENCIES}/{far}{path}", json=body, headers=as_officer).status_code == 404

    @pytest.mark.parametrize("path", READS)
    def test_reads_of_another_province_are_404(self, client, setup, as_officer, path):
        *_, far = setup

        assert client.get(f"{AGENCIES}/{far}{path}", headers=as_officer).status_code == 404

"""Routes of api/successions.py: a merger (sáp nhập) and who succeeded whom."""

from tests.registry.conftest import AGENCIES, new_agency
from tests.support.service import outbox


class TestMerge:
    def test_a_merged_agency_records_its_successor_both_ways(self, client, runtime, province, as_officer):
        district = new_agency(client, as_officer, name="UBND huyện A", agency_type="UBND_HUYEN")
        successor = new_agency(client, as_officer, name="UBND xã B", agency_type="UBND_XA")

        merged = client.post(f"{AGENCIES}/{district['id']}/merge", headers=as_officer, json={
            "successor_agency_id": successor["id"], "merged_on": "2025-07-01", "decision": "1666/NQ-UBTVQH15"})
        theirs = client.get(f"{AGENCIES}/{successor['id']}/successions", headers=as_officer).get_json()
        after = client.get(f"{AGENCIES}/{district['id']}", headers=as_officer).get_json()

        assert merged.status_code == 200
        assert [s["successor_id"] for s in merged.get_json()["successors"]] == [successor["id"]]
        assert [s["predecessor_id"] for s in theirs["predecessors"]] == [district["id"]]
        assert (after["status"], after["valid_to"]) == ("DA_SAP_NHAP", "2025-07-01")
        assert outbox(runtime, province, topic="registry.agency")[-1].type == "registry.agency.merged"

    def test_an_agency_cannot_merge_into_itself(self, client, province, as_officer):
        agency = new_agency(client, as_officer)

        response = client.post(f"{AGENCIES}/{agency['id']}/merge", headers=as_officer,
                               json={"successor_agency_id": agency["id"], "merged_on": "2025-07-01"})

        assert response.status_code == 422

"""Figures under both borders after a province succession: as reported (the provinces in force on the date, each
with its own records) and current (today's provinces with their predecessors' records); the national totals are
the same either way, and a successor's line runs through the years before its merger."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from contracts import registry as re
from tests.reporting.conftest import feed, registered

MERGED_ON = date(2025, 6, 30)


def succession(predecessor: str, successor: str) -> list:
    return [re.ProvinceSucceeded(succession_id=uuid.uuid4(), successor=successor, successor_name="Tỉnh Sau",
                                 predecessors=[predecessor], predecessor_names=["Tỉnh Trước"],
                                 effective_date=date(2025, 7, 1), legal_basis="Nghị quyết 202/2025/QH15",
                                 executed_at=datetime(2026, 1, 5, tzinfo=UTC))]


def test_national_totals_are_conserved_and_the_successor_reads_its_lineage(client, runtime, issuer, tenant):
    predecessor, successor = f"{tenant}-truoc", f"{tenant}-sau"
    so, commune, continued = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    feed(runtime, predecessor, [
        registered(so, valid_from=date(2010, 1, 1)),
        registered(commune, "UBND_XA", "KHUYEN_KHICH", valid_from=date(2010, 1, 1), name="Xã"),
        re.AgencyMerged(agency_id=so, version=2, successor_agency_id=uuid.uuid4(), merged_on=MERGED_ON,
                        decision="202/2025/QH15", merged_at=datetime(2026, 1, 5, tzinfo=UTC)),
        re.AgencyMerged(agency_id=commune, version=2, successor_agency_id=continued, merged_on=MERGED_ON,
                        decision="202/2025/QH15", merged_at=datetime(2026, 1, 5, tzinfo=UTC))])
    feed(runtime, successor, [registered(uuid.uuid4(), valid_from=date(2010, 1, 1), name="Sở của tỉnh Sau"),
                              registered(continued, "UBND_XA", "KHUYEN_KHICH", valid_from=date(2025, 7, 1),
                                         name="Xã")])
    assert feed(runtime, successor, succession(predecessor, successor)) == ["handled"]
    national = issuer.headers(roles=["national_viewer"])

    def view(as_of: str, borders: str) -> dict:
        return client.get("/api/v1/reporting/national", headers=national,
                          query_string={"as_of": as_of, "borders": borders}).get_json()

    for as_of in ("2021-12-31", "2025-06-30", "2025-07-01", date.today().isoformat()):
        reported, current = view(as_of, "as_reported"), view(as_of, "current")
        ours = {p: f for p, f in reported["provinces"].items() if p in (predecessor, successor)}
        mine = {p: f for p, f in current["provinces"].items() if p in (predecessor, successor)}
        assert sum(f["total"] for f in ours.values()) == sum(f["total"] for f in mine.values()), as_of
        assert reported["total"]["total"] == sum(p["total"] for p in reported["provinces"].values())
        assert current["total"]["total"] == sum(p["total"] for p in current["provinces"].values())
        assert predecessor not in current["provinces"]
        assert (predecessor in reported["provinces"]) == (as_of < "2025-07-01"), as_of

    assert view("2021-12-31", "as_reported")["provinces"][successor]["total"] == 1
    assert view("2021-12-31", "current")["provinces"][successor]["total"] == 3  # its own Sở, and the predecessor's
    assert view("2025-07-01", "current")["provinces"][successor]["total"] == 2  # the commune goes on, once
    officer = issuer.headers(tenant=successor, roles=["province_officer"])
    lineage = client.get("/api/v1/reporting/figures", headers=officer,
                         query_string={"as_of": "2021-12-31", "borders": "current"}).get_json()
    own = client.get("/api/v1/reporting/figures", headers=officer, query_string={"as_of": "2021-12-31"}).get_json()
    assert (lineage["total"], own["total"]) == (3, 1)
    archive = issuer.headers(tenant=predecessor, roles=["province_officer"])
    assert client.get("/api/v1/reporting/figures", headers=archive,
                      query_string={"as_of": "2021-12-31"}).get_json()["total"] == 2


def test_a_third_province_reads_nothing_of_the_lineage(client, runtime, issuer, tenant):
    predecessor, successor, third = f"{tenant}-truoc", f"{tenant}-sau", f"{tenant}-khac"
    feed(runtime, predecessor, [registered(uuid.uuid4(), valid_from=date(2010, 1, 1))])
    feed(runtime, third, [registered(uuid.uuid4(), valid_from=date(2010, 1, 1))])
    feed(runtime, successor, succession(predecessor, successor))
    outsider = issuer.headers(tenant=third, roles=["province_officer"])

    body = client.get("/api/v1/reporting/figures", headers=outsider,
                      query_string={"as_of": "2021-12-31", "borders": "current"}).get_json()

    assert body["total"] == 1


def test_a_successors_report_covers_its_predecessors_months_and_theirs_stay_theirs(client, runtime, issuer, tenant):
    predecessor, successor = f"{tenant}-truoc", f"{tenant}-sau"
    feed(runtime, predecessor, [registered(uuid.uuid4(), valid_from=date(2010, 1, 1))])
    feed(runtime, successor, [registered(uuid.uuid4(), valid_from=date(2010, 1, 1), name="Sở của tỉnh Sau")])
    old = issuer.headers(tenant=predecessor, roles=["province_officer"])
    theirs = client.post("/api/v1/reporting/reports", headers=old, json={
        "report_type": "BC_TINH_NAM", "period_start": "2024-01-01", "cutoff": "2024-12-14"}).get_json()
    feed(runtime, successor, succession(predecessor, successor))
    new = issuer.headers(tenant=successor, roles=["province_officer"])

    ours = client.post("/api/v1/reporting/reports", headers=new, json={
        "report_type": "BC_TINH_NAM", "period_start": "2025-01-01", "cutoff": "2025-06-30"})
    edit = client.patch(f"/api/v1/reporting/reports/{theirs['id']}", headers={**new, "If-Match": '"1"'},
                        json={"regenerate": True})

    assert ours.status_code == 201 and ours.get_json()["figures"]["total"] == 2
    assert edit.status_code == 404


def test_a_rebuild_from_the_events_after_a_succession_gives_the_same_figures(client, runtime, issuer, tenant):
    from reporting import rebuild

    predecessor, successor = f"{tenant}-truoc", f"{tenant}-sau"
    so, continued = uuid.uuid4(), uuid.uuid4()
    history = {predecessor: [registered(so, valid_from=date(2010, 1, 1)),
                             re.AgencyMerged(agency_id=so, version=2, successor_agency_id=continued,
                                             merged_on=MERGED_ON, decision="202/2025/QH15",
                                             merged_at=datetime(2026, 1, 5, tzinfo=UTC))],
               successor: [registered(continued, valid_from=date(2025, 7, 1)), *succession(predecessor, successor)]}
    national = issuer.headers(roles=["national_viewer"])

    def ours() -> dict:
        views = {}
        for as_of in ("2021-12-31", "2025-07-01"):
            for borders in ("as_reported", "current"):
                body = client.get("/api/v1/reporting/national", headers=national,
                                  query_string={"as_of": as_of, "borders": borders}).get_json()
                views[as_of, borders] = {p: f["total"] for p, f in body["provinces"].items()
                                         if p in (predecessor, successor)}
        return views

    for province, events in history.items():
        feed(runtime, province, events)
    live = ours()
    rebuild.clear(runtime)
    for province, events in history.items():
        feed(runtime, province, events)

    assert ours() == live
    assert live["2021-12-31", "current"] == {successor: 1} and live["2021-12-31", "as_reported"] == {
        predecessor: 1, successor: 0}

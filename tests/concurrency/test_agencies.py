"""An agency is dissolved or merged but not both, and concurrent PATCHes without a fresh ETag are refused
(issue 20): races on one agency of the registry."""

from __future__ import annotations

from tests.concurrency.province import REGISTRY
from tests.concurrency.race import THREADS, race

AGENCIES = f"{REGISTRY}/agencies"
ENDINGS = {"dissolve": ("DA_GIAI_THE", "registry.agency.dissolved"),
           "merge": ("DA_SAP_NHAP", "registry.agency.merged")}


def test_an_agency_is_dissolved_or_merged_but_not_both(stack, province):
    officer = province.officer
    actions = ["dissolve", "merge"] * (THREADS // 2)

    def pair(number):
        return (province.agency(f"UBND huyện {number}", "UBND_HUYEN"),
                province.agency(f"UBND huyện mới {number}", "UBND_HUYEN"))

    def end(agencies, client, index):
        agency, successor = agencies
        body = ({"dissolved_on": "2025-06-30", "decision": "1666/NQ-UBTVQH15"} if actions[index] == "dissolve"
                else {"successor_agency_id": successor["id"], "merged_on": "2025-07-01"})
        return client.post(f"{AGENCIES}/{agency['id']}/{actions[index]}", json=body, headers=officer).status_code

    rounds = race(stack, THREADS, end, prepare=pair)
    stack.settle()  # the agency's history is the registry's read model of its own events

    violations = []
    for done in rounds:
        agency, successor = done.context
        after = province.get(f"{AGENCIES}/{agency['id']}")
        ends = [e["event_type"] for e in province.get(f"{AGENCIES}/{agency['id']}/history")
                if e["event_type"] in {event for _, event in ENDINGS.values()}]
        successors = [s["successor_id"] for s in province.get(f"{AGENCIES}/{agency['id']}/successions")["successors"]]
        winners = [actions[i] for i, status in enumerate(done.results) if status == 200]
        if len(winners) != 1:
            violations.append(f"round {done.number}: {winners} all succeeded; ends {after['status']}, {ends}")
            continue
        status, event = ENDINGS[winners[0]]
        expected_successors = [successor["id"]] if winners[0] == "merge" else []
        if (after["status"], ends, successors) != (status, [event], expected_successors):
            violations.append(f"round {done.number}: {winners[0]} won; ends {after['status']}, events {ends}, "
                              f"successors {successors}")
        if any(status not in (409, 422) for status in done.results if status != 200):
            violations.append(f"round {done.number}: refused with {sorted(done.results)}, not 409/422")
    assert violations == [], f"{stack.mode}: {violations}"


def test_concurrent_patches_with_one_etag_are_refused_but_one(stack, province):
    officer = province.officer

    def read(number):
        agency = province.agency(f"Sở Tư pháp {number}")
        response = stack.client().get(f"{AGENCIES}/{agency['id']}", headers=officer)
        # without an ETag (not built yet) the version read is what a client would send back
        return response.get_json(), response.headers.get("ETag") or f'"{response.get_json()["version"]}"'

    def rename(context, client, index):
        agency, etag = context
        response = client.patch(f"{AGENCIES}/{agency['id']}", json={"name": f"{agency['name']} ({index})"},
                                headers={**officer, "If-Match": etag})
        return response.status_code if response.status_code != 412 else (412, response.get_json().get("code"))

    rounds = race(stack, THREADS, rename, prepare=read)

    violations = []
    for done in rounds:
        agency, _etag = done.context
        after = province.get(f"{AGENCIES}/{agency['id']}")
        winners = [i for i, answer in enumerate(done.results) if answer == 200]
        stale = [answer for answer in done.results if answer == (412, "version_stale")]
        if len(winners) != 1 or len(stale) != THREADS - 1:
            violations.append(f"round {done.number}: answers {sorted(done.results, key=str)}")
            continue
        if (after["name"], after["version"]) != (f"{agency['name']} ({winners[0]})", agency["version"] + 1):
            violations.append(f"round {done.number}: thread {winners[0]} won but the agency is "
                              f"{after['name']!r} v{after['version']} (was v{agency['version']})")
    assert violations == [], f"{stack.mode}: {violations}"


def test_a_patch_without_if_match_is_refused_428(stack, province):
    agency = province.agency()

    response = stack.client().patch(f"{AGENCIES}/{agency['id']}", json={"name": "Sở Tư pháp tỉnh"},
                                    headers=province.officer)

    after = province.get(f"{AGENCIES}/{agency['id']}")
    assert response.status_code == 428, response.get_json()
    assert response.content_type == "application/problem+json"
    assert response.get_json()["code"] == "precondition_required"
    assert (after["name"], after["version"]) == (agency["name"], agency["version"])

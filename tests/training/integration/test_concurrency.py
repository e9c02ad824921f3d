"""Parallel requests on real PostgreSQL: the class row lock keeps places and the waitlist exact."""

import threading
import uuid

import pytest

from tests.training.conftest import API, known_agency, nominate, open_class


def in_parallel(*calls):
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def registrations(client, headers, class_id):
    return client.get(f"{API}/registrations?class_id={class_id}&page_size=100", headers=headers).get_json()["items"]


@pytest.mark.parametrize("attempt", range(3))
def test_two_cancellations_and_new_nominations_in_parallel_promote_exactly_the_first_two_waiting(
        app, as_officer, attempt):
    client, agency = app.test_client(), str(uuid.uuid4())
    opened = open_class(client, as_officer, capacity=2)
    placed = [nominate(client, as_officer, opened["id"], n, agency).get_json() for n in ("An", "Bình")]
    for name in ("Chờ 1", "Chờ 2", "Chờ 3"):
        nominate(client, as_officer, opened["id"], name, agency)

    results = in_parallel(
        *[lambda r=r: app.test_client().post(f"{API}/registrations/{r['id']}/cancel", json={}, headers=as_officer)
          for r in placed],
        *[lambda n=n: nominate(app.test_client(), as_officer, opened["id"], n, agency) for n in ("Mới 1", "Mới 2")],
    )

    assert [r.status_code for r in results] == [200, 200, 201, 201]
    rows = registrations(client, as_officer, opened["id"])
    confirmed = [r["full_name"] for r in rows if r["status"] == "CONFIRMED"]
    waiting = [r["full_name"] for r in rows if r["status"] == "WAITLISTED"]
    assert confirmed == ["Chờ 1", "Chờ 2"]
    assert waiting[0] == "Chờ 3" and sorted(waiting[1:]) == ["Mới 1", "Mới 2"]


def test_parallel_nominations_never_overbook_a_class(app, as_officer, tenant):
    agency = known_agency(tenant)
    opened = open_class(app.test_client(), as_officer, capacity=3)

    results = in_parallel(*[lambda i=i: nominate(app.test_client(), as_officer, opened["id"], f"Người {i}", agency)
                            for i in range(8)])

    statuses = sorted(r.get_json()["status"] for r in results)
    assert statuses == ["CONFIRMED"] * 3 + ["WAITLISTED"] * 5
    queue = [r["queue_no"] for r in registrations(app.test_client(), as_officer, opened["id"])]
    assert sorted(queue) == list(range(1, 9))


def test_the_same_person_nominated_in_parallel_for_two_overlapping_classes_gets_one_place(app, as_officer, tenant):
    agency = known_agency(tenant)
    first, second = (open_class(app.test_client(), as_officer) for _ in range(2))

    results = in_parallel(*[lambda c=c: nominate(app.test_client(), as_officer, c["id"], "Trùng Lịch", agency)
                            for c in (first, second)])

    assert sorted(r.status_code for r in results) == [201, 422]

"""Capacity is never exceeded and a person is booked once: registrations racing on one class (issue 20)."""

from __future__ import annotations

from tests.concurrency.province import TRAINING, expect
from tests.concurrency.race import THREADS, race

CAPACITY = 2
ACTIVE = ("CONFIRMED", "WAITLISTED")


def nominate(client, headers, class_id: str, agency_id: str, person: str):
    return client.post(f"{TRAINING}/classes/{class_id}/registrations", headers=headers, json={
        "agency_id": agency_id, "person_id": f"cccd-{person}", "full_name": f"Học viên {person}",
        "qms_role": "THU_KY_ISO"})


def test_a_class_never_confirms_more_than_its_capacity(stack, province):
    officer, agency = province.officer, province.agency()["id"]

    def fresh_class(number):
        return province.open_class(CAPACITY)

    def register(training_class, client, index):
        return nominate(client, officer, training_class["id"], agency, f"{training_class['id'][:8]}-{index}")

    def full_class(number):
        """A full class with one waiting: the race cancels both places while others register."""
        training_class = province.open_class(CAPACITY)
        placed = [expect(nominate(province.stack.client(), officer, training_class["id"], agency,
                                  f"{training_class['id'][:8]}-first-{i}"), 201) for i in range(CAPACITY + 1)]
        return training_class, [r["id"] for r in placed if r["status"] == "CONFIRMED"]

    def cancel_or_register(context, client, index):
        training_class, confirmed = context
        if index < len(confirmed):
            return client.post(f"{TRAINING}/registrations/{confirmed[index]}/cancel", json={}, headers=officer)
        return register(training_class, client, index)

    races = {"registrations": race(stack, THREADS, register, prepare=fresh_class),
             "cancellations and registrations": race(stack, THREADS, cancel_or_register, prepare=full_class)}

    violations = []
    for kind, rounds in races.items():
        for done in rounds:
            class_id = done.context["id"] if kind == "registrations" else done.context[0]["id"]
            confirmed = [r for r in province.registrations(class_id) if r["status"] == "CONFIRMED"]
            if len(confirmed) > CAPACITY:
                violations.append(f"{kind}, round {done.number}: {len(confirmed)} confirmed of {CAPACITY} places")
            failed = [r.status_code for r in done.results if r.status_code >= 300]
            if failed:  # the class is open: a registration past its places waits, it is not refused
                violations.append(f"{kind}, round {done.number}: answers {failed}")
    assert violations == [], f"{stack.mode}: {violations}"


def test_a_person_is_booked_once_per_class(stack, province):
    officer, agency = province.officer, province.agency()["id"]

    def same_person(training_class, client, index):
        # one person per round: the classes of a round overlap the others', where a second place is refused too
        return nominate(client, officer, training_class["id"], agency, person(training_class)).status_code

    rounds = race(stack, THREADS, same_person, prepare=lambda _: province.open_class(30))

    violations = []
    for done in rounds:
        booked = [r for r in province.registrations(done.context["id"])
                  if r["person_id"] == f"cccd-{person(done.context)}" and r["status"] in ACTIVE]
        refused = [status for status in done.results if status != 201]
        if len(booked) != 1 or done.results.count(201) != 1:
            violations.append(f"round {done.number}: booked {len(booked)} times, answers {sorted(done.results)}")
        elif any(status not in (409, 422) for status in refused):
            violations.append(f"round {done.number}: refused with {sorted(refused)}, not 409/422")
    assert violations == [], f"{stack.mode}: {violations}"


def person(training_class: dict) -> str:
    return f"trung-lap-{training_class['id'][:8]}"

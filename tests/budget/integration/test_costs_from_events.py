"""Costs from other services: a finished training class and a concluded inspection become expenditures on the
province's programme lines, once, whatever the redelivery; the agency replica follows the registry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

import contracts
from budget import consumers
from contracts import inspections, registry, training
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing
from tests.budget.conftest import API, approved_line, new_line
from tests.support.service import outbox

NOW = datetime(2025, 5, 13, 10, 0, tzinfo=UTC)


@dataclass(frozen=True, kw_only=True)
class ClassFinishedWithCost(training.ClassFinished):
    """ClassFinished once the training service sends its actual cost (an additive field)."""

    cost_actual: int | None = None


def scheduled(class_id, cost_estimate: int = 45_000_000) -> training.ClassScheduled:
    return training.ClassScheduled(class_id=class_id, year=2025, title="Thư ký ISO khóa 1",
                                   course_type="DAI_DIEN_LANH_DAO_THU_KY_ISO", capacity=60,
                                   first_day=date(2025, 5, 12), last_day=date(2025, 5, 13), session_count=2,
                                   cost_estimate=cost_estimate, scheduled_at=NOW)


def finished(class_id, **extra) -> training.ClassFinished:
    fields = {"class_id": class_id, "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "participants": 58,
              "completed": 55, "finished_at": NOW}
    return ClassFinishedWithCost(**fields, **extra) if extra else training.ClassFinished(**fields)


def deliver(runtime, tenant, *events_, times: int = 1) -> list[str]:
    """Send each event `times` times through the real consumer loop (same message id each time)."""
    broker = InMemoryBroker()
    for event in events_:
        envelope = contracts.wrap(event, id=uuid.uuid4(), source="/other", time=NOW, tenant=tenant)
        message = Outgoing(contracts.topic_of(event.event_type), b"k", contracts.encode(envelope),
                           contracts.headers(envelope))
        broker.send_all([message] * times)
    loop = runtime.consumer_loop(broker.consumer(runtime.group, runtime.topics), broker)
    return [loop.process(m) for topic in runtime.topics for m in broker.messages(topic)]


def programme_lines(client, officer, category: str) -> list[dict]:
    return client.get(f"{API}/lines?owner=PROGRAMME&category={category}", headers=officer).get_json()["items"]


class TestTrainingCosts:
    def test_a_finished_class_delivered_twice_is_one_expenditure_at_its_scheduled_estimate(
            self, client, officer, leader, runtime, tenant):
        line = approved_line(client, officer, leader, approved=100_000_000, category="DAO_TAO")
        class_id = uuid.uuid4()

        outcomes = deliver(runtime, tenant, scheduled(class_id), finished(class_id), times=2)

        assert outcomes == ["handled", "duplicate", "handled", "duplicate"]
        records = client.get(f"{API}/lines/{line['id']}/records", headers=officer).get_json()
        [spent] = records["expenditures"]
        assert (spent["amount"], spent["origin"], spent["origin_ref"]) == (45_000_000, "TRAINING_CLASS",
                                                                           str(class_id))
        after = client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()
        assert (after["status"], after["disbursed"]) == ("DANG_THUC_HIEN", 45_000_000)

    def test_the_actual_cost_wins_over_the_estimate_when_the_event_carries_it(self, client, officer, runtime,
                                                                             tenant):
        class_id = uuid.uuid4()

        deliver(runtime, tenant, scheduled(class_id))

        # Straight to the handler: the v1 codec drops fields the declared class does not have yet.
        consumers.on_class_finished(runtime.uow(tenant), finished(class_id, cost_actual=41_500_000))

        [line] = programme_lines(client, officer, "DAO_TAO")
        assert line["disbursed"] == 41_500_000 and line["auto_created"] is True

    def test_the_same_class_under_a_new_message_id_is_still_recorded_once(self, client, officer, runtime, tenant):
        class_id = uuid.uuid4()

        deliver(runtime, tenant, scheduled(class_id), finished(class_id))
        deliver(runtime, tenant, finished(class_id))

        [line] = programme_lines(client, officer, "DAO_TAO")
        assert line["disbursed"] == 45_000_000
        assert len(outbox(runtime, tenant, event_type="budget.line.disbursed")) == 1

    def test_without_an_open_programme_line_one_is_opened_so_the_cost_is_not_lost(self, client, officer, runtime,
                                                                                tenant):
        class_id = uuid.uuid4()

        deliver(runtime, tenant, scheduled(class_id, 12_000_000), finished(class_id))

        [line] = programme_lines(client, officer, "DAO_TAO")
        assert (line["status"], line["estimate"], line["disbursed"]) == ("LAP_DU_TOAN", 0, 12_000_000)

    def test_a_class_whose_schedule_never_arrived_and_has_no_cost_records_nothing(self, client, officer, runtime,
                                                                                 tenant):
        assert deliver(runtime, tenant, finished(uuid.uuid4())) == ["handled"]
        assert programme_lines(client, officer, "DAO_TAO") == []


class TestInspectionCosts:
    def concluded(self, **extra):
        fields = {"inspection_id": uuid.uuid4(), "agency_id": uuid.uuid4(),
                  "form": inspections.InspectionForm.TRUC_TIEP_TAI_TRU_SO,
                  "overall_result": inspections.OverallResult.DAT, "conclusion_doc": "15/TB-SKHCN",
                  "concluded_on": date(2025, 9, 30), "concluded_at": NOW}

        @dataclass(frozen=True, kw_only=True)
        class WithCost(inspections.InspectionConcluded):
            cost_actual: int | None = None

        return WithCost(**fields, **extra)

    def test_an_inspection_with_a_cost_becomes_one_expenditure_even_when_handled_twice(self, client, officer,
                                                                                      leader, runtime, tenant):
        line = approved_line(client, officer, leader, approved=50_000_000, category="KIEM_TRA")
        event = self.concluded(cost_actual=3_200_000)

        consumers.on_inspection_concluded(runtime.uow(tenant), event)
        consumers.on_inspection_concluded(runtime.uow(tenant), event)

        [spent] = client.get(f"{API}/lines/{line['id']}/records", headers=officer).get_json()["expenditures"]
        assert (spent["amount"], spent["origin_ref"]) == (3_200_000, str(event.inspection_id))

    def test_an_inspection_without_a_cost_records_nothing(self, client, officer, runtime, tenant):
        deliver(runtime, tenant, self.concluded())

        assert programme_lines(client, officer, "KIEM_TRA") == []


class TestAgencyReplica:
    def test_a_registered_agency_can_be_budgeted_and_a_dissolved_one_no_longer(self, client, officer, runtime,
                                                                               tenant):
        agency_id = uuid.uuid4()
        registered = registry.AgencyRegistered(
            agency_id=agency_id, version=1, name="UBND xã Mỹ Hòa Hưng", agency_type=registry.AgencyType.UBND_XA,
            obligation=registry.Obligation.KHUYEN_KHICH, registered_at=NOW)
        dissolved = registry.AgencyDissolved(agency_id=agency_id, version=2, dissolved_on=date(2025, 6, 30),
                                             dissolved_at=NOW)

        deliver(runtime, tenant, registered)
        line = new_line(client, officer, agency_id=str(agency_id), estimate=1_000_000)
        deliver(runtime, tenant, dissolved)

        assert (line["agency_level"], line["cap_check"]) == ("XA_DVSN", "KHONG_XAC_DINH")
        assert new_line(client, officer, expect=422, agency_id=str(agency_id))["status"] == 422


class TestSettledClasses:
    def settled(self, class_id, cost_actual: int) -> training.ClassSettled:
        return training.ClassSettled(class_id=class_id, year=2025, course_type="DAI_DIEN_LANH_DAO_THU_KY_ISO",
                                     cost_estimate=45_000_000, cost_actual=cost_actual, settled_at=NOW)

    def test_the_settled_actual_cost_corrects_the_one_expenditure_of_the_class(self, client, officer, runtime,
                                                                               tenant):
        class_id = uuid.uuid4()

        deliver(runtime, tenant, scheduled(class_id), finished(class_id))
        deliver(runtime, tenant, self.settled(class_id, 43_250_000), times=2)

        [line] = programme_lines(client, officer, "DAO_TAO")
        [spent] = client.get(f"{API}/lines/{line['id']}/records", headers=officer).get_json()["expenditures"]
        assert (line["disbursed"], spent["amount"]) == (43_250_000, 43_250_000)
        assert "45000000 → 43250000" in spent["description"]
        disbursed = outbox(runtime, tenant, event_type="budget.line.disbursed")
        totals = [r.payload["data"]["disbursed_total"] for r in disbursed]
        assert totals == [45_000_000, 43_250_000]

    def test_a_settled_class_whose_finish_never_arrived_is_recorded_at_its_actual_cost(self, client, officer,
                                                                                      runtime, tenant):
        deliver(runtime, tenant, self.settled(uuid.uuid4(), 12_345_000))

        [line] = programme_lines(client, officer, "DAO_TAO")
        assert line["disbursed"] == 12_345_000

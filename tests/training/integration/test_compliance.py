"""The untrained-officer indicator, fed by registry events through the consumer's handlers."""

import uuid
from datetime import UTC, date, datetime

import pytest

import contracts
from contracts import registry as events
from kit.consumer import ConsumerLoop
from kit.memory import InMemoryBroker
from tests.training.conftest import API, move, nominate, open_class
from tests.training.integration.test_records import attend
from training import consumers

NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture
def deliver(runtime, tenant):
    """Publish registry events for `tenant` on an in-memory broker and run the training consumer over them."""
    broker = InMemoryBroker()
    consumer = broker.consumer(runtime.group, runtime.topics)
    loop = ConsumerLoop(name=runtime.group, consumer=consumer, dead_letters=broker,
                        handlers=consumers.HANDLERS, uow_factory=runtime.uow)

    def send(*evts):
        for evt in evts:
            envelope = contracts.wrap(evt, id=uuid.uuid4(), source="/registry", time=NOW, tenant=tenant)
            broker.send_all([_outgoing(envelope)])
        for message in consumer.poll(timeout_ms=100, max_records=100):
            assert loop.process(message) == "handled"
            consumer.commit(message)

    return send


def _outgoing(envelope):
    from kit.messaging import Outgoing

    return Outgoing(envelope.topic, envelope.subject.encode(), contracts.encode(envelope), contracts.headers(envelope))


def registered(agency_id, name, version=1):
    return events.AgencyRegistered(agency_id=agency_id, version=version, name=name,
                                   agency_type=events.AgencyType.SO, registered_at=NOW)


def appointed(agency_id, name, role=events.OfficerRole.THU_KY_ISO, officer_id=None):
    return events.OfficerAppointed(officer_id=officer_id or uuid.uuid4(), agency_id=agency_id, role=role,
                                   full_name=name, appointed_on=date(2026, 3, 1), appointed_at=NOW)


def indicator(client, headers, borders: str = "as_reported"):
    return client.get(f"{API}/compliance/untrained-officers", query_string={"borders": borders},
                      headers=headers).get_json()


def complete_class(client, headers, agency_id, name, course_type="DAI_DIEN_LANH_DAO_THU_KY_ISO", **fields):
    opened = open_class(client, headers, course_type=course_type)
    registration = nominate(client, headers, opened["id"], name, str(agency_id), **fields).get_json()
    move(client, headers, opened["id"], "CHOT_DANH_SACH", "DANG_DIEN_RA")
    attend(client, headers, opened, [registration], {name: 2})
    return move(client, headers, opened["id"], "DA_KET_THUC")


class TestIndicator:
    def test_a_newly_appointed_secretary_is_untrained_until_they_complete_a_class(self, client, deliver,
                                                                                  as_officer):
        agency, officer = uuid.uuid4(), uuid.uuid4()
        deliver(registered(agency, "Sở Y tế"), appointed(agency, "Võ Thị Thu Hà", officer_id=officer))

        before = indicator(client, as_officer)
        complete_class(client, as_officer, agency, "Võ Thị Thu Hà", officer_id=str(officer))
        after = indicator(client, as_officer)

        assert before["non_compliant_agencies"] == 1 and before["untrained_by_role"]["THU_KY_ISO"] == 1
        [gap] = before["agencies"]
        assert gap["agency_name"] == "Sở Y tế" and gap["officers"][0]["full_name"] == "Võ Thị Thu Hà"
        assert after["non_compliant_agencies"] == 0 and after["agencies_with_officers"] == 1

    def test_a_class_of_a_course_type_that_does_not_train_the_role_does_not_count(self, client, deliver,
                                                                                   as_officer):
        agency = uuid.uuid4()
        deliver(registered(agency, "Sở Tư pháp"), appointed(agency, "Lê Văn Tám"))

        complete_class(client, as_officer, agency, "Lê Văn Tám", course_type="NHAN_THUC_CHUNG")

        assert indicator(client, as_officer)["untrained_officers"] == 1

    def test_a_completion_under_the_same_name_in_the_agency_counts_without_an_officer_id(self, client, deliver,
                                                                                          as_officer):
        agency = uuid.uuid4()
        deliver(registered(agency, "Sở Nội vụ"),
                appointed(agency, "Đặng Minh Khoa", role=events.OfficerRole.DAI_DIEN_LANH_DAO))

        complete_class(client, as_officer, agency, "đặng  minh khoa")

        assert indicator(client, as_officer)["untrained_officers"] == 0

    def test_a_removed_officer_or_a_dissolved_agency_no_longer_counts(self, client, deliver, as_officer):
        kept, dissolved, removed = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        deliver(registered(kept, "Sở A"), registered(dissolved, "Sở B"), appointed(kept, "Người A", officer_id=removed),
                appointed(dissolved, "Người B"))

        deliver(events.OfficerRemoved(officer_id=removed, agency_id=kept, role=events.OfficerRole.THU_KY_ISO,
                                      removed_on=date(2026, 4, 1), removed_at=NOW),
                events.AgencyDissolved(agency_id=dissolved, version=2, dissolved_on=date(2026, 4, 1),
                                       dissolved_at=NOW))

        assert indicator(client, as_officer)["officers"] == 0

    def test_an_agency_whose_secretary_left_shows_the_role_as_vacant(self, client, deliver, as_officer):
        agency, officer = uuid.uuid4(), uuid.uuid4()
        deliver(registered(agency, "Sở Công Thương"), appointed(agency, "Người cũ", officer_id=officer))

        deliver(events.OfficerRemoved(officer_id=officer, agency_id=agency, role=events.OfficerRole.THU_KY_ISO,
                                      removed_on=date(2026, 5, 1), removed_at=NOW))

        assert indicator(client, as_officer)["vacant_by_role"] == {"THU_KY_ISO": 1, "DAI_DIEN_LANH_DAO": 1}

    def test_an_agency_officer_sees_only_their_agency(self, client, deliver, issuer, tenant, as_officer):
        mine, other = uuid.uuid4(), uuid.uuid4()
        deliver(registered(mine, "Của mình"), registered(other, "Của người khác"), appointed(mine, "A"),
                appointed(other, "B"))

        seen = indicator(client, issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=str(mine)))

        assert [a["agency_name"] for a in seen["agencies"]] == ["Của mình"]
        assert indicator(client, as_officer)["non_compliant_agencies"] == 2

    def test_another_provinces_officers_never_show(self, client, deliver, issuer):
        agency = uuid.uuid4()
        deliver(registered(agency, "Sở X"), appointed(agency, "Y"))

        other = indicator(client, issuer.headers(tenant="other-province", roles=["province_officer"]))

        assert other["officers"] == 0

    def test_a_stale_agency_update_does_not_revive_a_dissolved_agency(self, client, deliver, as_officer):
        agency = uuid.uuid4()
        deliver(registered(agency, "Sở Z"), appointed(agency, "Z"),
                events.AgencyDissolved(agency_id=agency, version=3, dissolved_on=date(2026, 4, 1), dissolved_at=NOW))

        deliver(events.AgencyUpdated(agency_id=agency, version=2, name="Sở Z mới", agency_type=events.AgencyType.SO,
                                     updated_at=NOW))

        assert indicator(client, as_officer)["officers"] == 0

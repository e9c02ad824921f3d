"""Training over an agency merger and a province succession (issue 19, item 4), through the real consumer loop:
a person's completion in a predecessor province counts for them in the successor, a third province sees none of
it; open registrations move to the successor agency in the same province and are cancelled, with the successor
province named, across provinces; a redelivered succession changes nothing."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime

import pytest

import contracts
from contracts import registry as events
from kit.errors import RuleViolated
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing
from tests.support.service import outbox
from tests.training.conftest import API, nominate, open_class
from tests.training.integration.test_compliance import appointed, complete_class, indicator, registered
from tests.training.integration.test_records import registration
from training.services import compliance

MERGED_ON, EFFECTIVE = date(2025, 6, 30), date(2025, 7, 1)
NOW = datetime(2025, 7, 1, 2, tzinfo=UTC)


def deliver(runtime, tenant: str, *evts) -> list[str]:
    """Each event as a registry message of `tenant`, through the training consumer loop (same id if repeated)."""
    broker = InMemoryBroker()
    for evt in evts:
        envelope = contracts.wrap(evt, id=uuid.uuid5(uuid.NAMESPACE_OID, repr(evt)), source="/registry", time=NOW,
                                  tenant=tenant)
        broker.send_all([Outgoing(envelope.topic, envelope.subject.encode(), contracts.encode(envelope),
                                  contracts.headers(envelope))])
    loop = runtime.consumer_loop(broker.consumer(runtime.group, runtime.topics), broker)
    return [loop.process(m) for topic in runtime.topics for m in broker.messages(topic)]


def merged(agency_id, successor_agency_id, successor_tenant: str | None = None, **extra) -> events.AgencyMerged:
    named = {"successor_tenant": successor_tenant, "successor_tenant_name": "Tỉnh Lâm Đồng"} if successor_tenant else {}
    return events.AgencyMerged(agency_id=agency_id, version=2, successor_agency_id=successor_agency_id,
                               merged_on=MERGED_ON, decision="Nghị quyết 202/2025/QH15", merged_at=NOW,
                               **named, **extra)


def succeeded(successor: str, predecessor: str) -> events.ProvinceSucceeded:
    return events.ProvinceSucceeded(succession_id=uuid.uuid5(uuid.NAMESPACE_OID, predecessor), successor=successor,
                                    successor_name="Tỉnh Lâm Đồng", predecessors=[predecessor],
                                    predecessor_names=["Tỉnh Bình Thuận"], effective_date=EFFECTIVE,
                                    legal_basis="Nghị quyết 202/2025/QH15", executed_at=NOW)


def officer_of(issuer, tenant: str) -> dict:
    return issuer.headers(tenant=tenant, roles=["province_officer"])


class TestCertificatesFollowThePerson:
    def test_a_completion_in_the_predecessor_counts_for_the_same_person_in_the_successor(self, client, runtime,
                                                                                         issuer, tenant):
        before, after, third = f"{tenant}-bt", f"{tenant}-ld", f"{tenant}-khac"
        old, new, elsewhere = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        deliver(runtime, before, registered(old, "UBND xã Hòa Thắng"), appointed(old, "Võ Thị Thu Hà"))
        complete_class(client, officer_of(issuer, before), old, "Võ Thị Thu Hà")
        deliver(runtime, third, registered(elsewhere, "UBND xã Hòa Thắng"), appointed(elsewhere, "Võ Thị Thu Hà"))
        deliver(runtime, before, merged(old, new, after))
        deliver(runtime, after, registered(new, "UBND xã Hòa Thắng"), appointed(new, "võ thị  thu hà"))
        untrained = indicator(client, officer_of(issuer, after), borders="current")

        assert deliver(runtime, after, succeeded(after, before)) == ["handled"]

        trained = indicator(client, officer_of(issuer, after), borders="current")
        own = indicator(client, officer_of(issuer, after))  # as reported: the successor's own classes only
        assert (untrained["officers"], untrained["untrained_officers"]) == (1, 1)
        assert (trained["officers"], trained["untrained_officers"], trained["non_compliant_agencies"]) == (1, 0, 0)
        assert (own["officers"], own["untrained_officers"]) == (1, 1)
        assert indicator(client, officer_of(issuer, third), borders="current")["untrained_officers"] == 1

    def test_the_successor_looks_up_the_certificates_of_a_predecessor_class(self, client, runtime, issuer, tenant):
        before, after, third = f"{tenant}-bt", f"{tenant}-ld", f"{tenant}-khac"
        agency = uuid.uuid4()
        training_class = complete_class(client, officer_of(issuer, before), agency, "Trần Văn Bảy")
        issued = client.post(f"{API}/classes/{training_class['id']}/certificates", headers=officer_of(issuer, before))
        assert issued.status_code == 200, issued.get_json()

        deliver(runtime, after, succeeded(after, before))

        url = f"{API}/classes/{training_class['id']}/certificates"
        [certificate] = client.get(url, headers=officer_of(issuer, after)).get_json()
        assert certificate["number"] == issued.get_json()[0]["number"]
        assert client.get(url, headers=officer_of(issuer, third)).status_code == 404


class TestOpenRegistrations:
    def test_a_merger_in_the_province_moves_the_place_to_the_successor_agency(self, client, runtime, issuer,
                                                                            tenant):
        headers = officer_of(issuer, tenant)
        old, new = uuid.uuid4(), uuid.uuid4()
        deliver(runtime, tenant, registered(old, "Sở A"), registered(new, "Sở B"))
        opened = open_class(client, headers)
        place = nominate(client, headers, opened["id"], "Lê Thị Mai", str(old)).get_json()

        deliver(runtime, tenant, merged(old, new))

        moved = registration(client, headers, place["id"])
        assert (moved["agency_id"], moved["status"], moved["person_id"]) == (str(new), "CONFIRMED", "cccd-Lê Thị Mai")

    def test_the_person_trained_in_a_merged_agency_counts_for_the_successor_agency(self, client, runtime, issuer,
                                                                                 tenant):
        headers = officer_of(issuer, tenant)
        old, new = uuid.uuid4(), uuid.uuid4()
        deliver(runtime, tenant, registered(old, "Sở A"), registered(new, "Sở B"))
        complete_class(client, headers, old, "Phan Văn Đức")

        deliver(runtime, tenant, merged(old, new), appointed(new, "Phan Văn Đức"))

        assert indicator(client, headers)["untrained_officers"] == 0

    def test_across_provinces_the_place_is_cancelled_naming_the_successor(self, client, runtime, issuer, tenant):
        before, after = f"{tenant}-bt", f"{tenant}-ld"
        headers = officer_of(issuer, before)
        old, new = uuid.uuid4(), uuid.uuid4()
        deliver(runtime, before, registered(old, "UBND xã Tân Hà"))
        opened = open_class(client, headers)
        place = nominate(client, headers, opened["id"], "Nguyễn Văn Tư", str(old)).get_json()

        deliver(runtime, before, merged(old, new, after))

        cancelled = registration(client, headers, place["id"])
        assert cancelled["status"] == "CANCELLED" and cancelled["agency_id"] == str(old)
        assert "Tỉnh Lâm Đồng" in cancelled["cancel_reason"] and " / " in cancelled["cancel_reason"]
        assert len(_cancellations(runtime, before)) == 1

    def test_the_succession_cancels_what_is_still_open_in_the_predecessor_once(self, client, runtime, issuer,
                                                                              tenant):
        before, after = f"{tenant}-bt", f"{tenant}-ld"
        headers = officer_of(issuer, before)
        old, new = uuid.uuid4(), uuid.uuid4()
        opened = open_class(client, headers)
        place = nominate(client, headers, opened["id"], "Hồ Văn Năm", str(old)).get_json()
        # A registry older than `successor_tenant`, read before the succession: the place moved within the province.
        deliver(runtime, before, merged(old, new))
        assert registration(client, headers, place["id"])["status"] == "CONFIRMED"

        deliver(runtime, after, succeeded(after, before))
        again = deliver(runtime, after, succeeded(after, before))

        cancelled = registration(client, headers, place["id"])
        assert cancelled["status"] == "CANCELLED" and "Tỉnh Lâm Đồng" in cancelled["cancel_reason"]
        assert again == ["duplicate"]
        assert len(_cancellations(runtime, before)) == 1
        assert _cancellations(runtime, after) == []


def _cancellations(runtime, tenant: str) -> list:
    return outbox(runtime, tenant, event_type="training.registration.cancelled")


class TestAnEndedAgencyInRecordsOfItsOwnTime:
    """A record dated on or before an agency's last day still names it, though entered after its end arrived (a
    province's history written after its succession); a record dated after refuses it."""

    def at(self, runtime, tenant: str, day: date):
        return dataclasses.replace(runtime.uow(tenant), clock=lambda: datetime(day.year, day.month, day.day, 3,
                                                                               tzinfo=UTC))

    def test_merged_or_dissolved_agencies_count_up_to_their_last_day(self, runtime, tenant):
        went_on, dissolved = uuid.uuid4(), uuid.uuid4()
        deliver(runtime, tenant, registered(went_on, "UBND xã Tân Hải"), registered(dissolved, "UBND huyện Bắc Bình"),
                merged(went_on, uuid.uuid4(), f"{tenant}-ld"),
                events.AgencyDissolved(agency_id=dissolved, version=2, dissolved_on=MERGED_ON,
                                       decision="Nghị quyết 202/2025/QH15", dissolved_at=NOW))

        for agency in (went_on, dissolved):
            for day in (date(2024, 5, 12), MERGED_ON):
                with self.at(runtime, tenant, day) as uow:
                    compliance.ensure_known_agency(uow, agency)
            with self.at(runtime, tenant, EFFECTIVE) as uow, pytest.raises(RuleViolated, match="agency_gone"):
                compliance.ensure_known_agency(uow, agency)

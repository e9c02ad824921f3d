"""The data and the counts of the notifications fault scenarios (tests/faults/test_notifications.py).

`Secretaries` (a `Batch` of other commands) writes applying agencies through the registry's own use cases, in
producer threads: each agency is registered, gets an ISO secretary with an e-mail address, and a quality system
created, built and applied. That is five commands and five events per agency on three topics (agency, officer,
quality system), so the notifications consumer meets them in no fixed order. With the province's deadline today
and a 0-day reminder, each agency owes one notice, to its one secretary.

`count_mail` holds what the SMTP server received, per recipient and Message-ID (made from the delivery's
idempotency key), against the notifications service's deliveries to those recipients.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from contracts.registry import OfficerRole
from kit.uow import UnitOfWork
from notifications.documents.email import message_id
from registry.services import agencies, officers, quality_systems
from tests.faults.stack import Batch, FaultStack

BUILT, APPLIED = date(2020, 3, 2), date(2020, 9, 1)


@dataclass
class Secretaries(Batch):
    """`agencies` applying agencies with a secretary each (`address` of the agency), written by `threads`
    producers at about `rate` commands per second in all."""

    threads: int = 2
    rate: float = 20.0

    @staticmethod
    def address(agency_id: uuid.UUID) -> str:
        return f"thuky.{agency_id.hex[:16]}@so.example.vn"

    @property
    def addresses(self) -> list[str]:
        return [self.address(agency_id) for agency_id in self.ids]

    def commands(self, agency_id: uuid.UUID, label: str) -> list[Callable[[UnitOfWork], object]]:
        """Register the agency, appoint its secretary, create, build and apply its quality system."""
        name = f"Sở nhắc hạn {self.name} {label}"
        secretary = {"role": OfficerRole.THU_KY_ISO, "full_name": "Nguyễn Thị Lan", "appointed_on": BUILT,
                     "email": self.address(agency_id)}
        return [lambda uow: agencies.register_agency(uow, {"name": name, "agency_type": "SO"}, agency_id=agency_id),
                lambda uow: officers.appoint_officer(uow, agency_id, secretary),
                lambda uow: quality_systems.create_quality_system(uow, agency_id,
                                                                  {"standard_version": "TCVN_ISO_9001_2015"}),
                lambda uow: quality_systems.start_building(uow, agency_id, on=BUILT),
                lambda uow: quality_systems.apply(uow, agency_id, on=APPLIED)]


def events_of(stack: FaultStack, work: Secretaries) -> list:
    """(event_id, topic, published) of the registry's outbox rows about the batch's agencies."""
    return stack.sql("registry", "SELECT event_id, topic, published_at IS NOT NULL FROM outbox_messages "
                     "WHERE payload->'data'->>'agency_id' = ANY(:ids)", ids=[str(i) for i in work.ids])


def deliveries(stack: FaultStack, addresses: list[str]) -> list:
    """(id, recipient, idempotency key, status) of the notifications deliveries to `addresses`."""
    return stack.sql("notifications", "SELECT id, recipient, idempotency_key, status FROM deliveries "
                     "WHERE recipient = ANY(:addresses)", addresses=addresses)


def settled(stack: FaultStack, work: Secretaries) -> bool:
    """Every secretary of the batch has a delivery and none is still to send or being sent."""
    rows = deliveries(stack, work.addresses)
    return len({row[1] for row in rows}) == len(work.addresses) and all(row[3] in FINAL for row in rows)


FINAL = ("SENT", "UNCERTAIN", "FAILED")


@dataclass
class Mail:
    """What one scenario's secretaries received, against the deliveries the service made for them."""

    recipients: int = 0
    deliveries: int = 0
    received: int = 0  # messages at the SMTP server for the recipients
    once: int = 0  # deliveries whose message reached their recipient exactly once
    twice: int = 0  # copies beyond the first of a delivery's message
    missing: int = 0  # deliveries whose message never arrived, and recipients with no delivery
    strays: int = 0  # messages for the recipients that are no delivery's
    statuses: Counter = field(default_factory=Counter)

    def line(self) -> str:
        statuses = " ".join(f"{status.lower()}={count}" for status, count in sorted(self.statuses.items()))
        return (f"recipients={self.recipients} deliveries={self.deliveries} received={self.received} "
                f"once={self.once} twice={self.twice} missing={self.missing} strays={self.strays} {statuses}")


def count_mail(stack: FaultStack, smtp, addresses: list[str]) -> Mail:
    """Count the messages per (recipient, Message-ID) at the SMTP server against the deliveries to `addresses`."""
    rows = deliveries(stack, addresses)
    wanted = set(addresses)
    arrived = Counter((to, str(message["Message-ID"])) for message in smtp.messages()
                      for to in message.get_all("X-Envelope-To", []) if to in wanted)
    expected = {(row[1], message_id(row[2])) for row in rows}
    mail = Mail(recipients=len(addresses), deliveries=len(rows), received=sum(arrived.values()),
                statuses=Counter(row[3] for row in rows))
    mail.once = sum(1 for key in expected if arrived[key] == 1)
    mail.twice = sum(max(0, arrived[key] - 1) for key in expected)
    mail.missing = sum(1 for key in expected if arrived[key] == 0) + len(wanted - {row[1] for row in rows})
    mail.strays = sum(count for key, count in arrived.items() if key not in expected)
    return mail


def assert_once_each(mail: Mail) -> None:
    """Every recipient has exactly one delivery, and its message arrived exactly once; nothing else arrived."""
    assert mail.deliveries == mail.recipients > 0, mail.line()
    assert (mail.once, mail.twice, mail.missing, mail.strays) == (mail.recipients, 0, 0, 0), mail.line()
    assert mail.received == mail.recipients, mail.line()

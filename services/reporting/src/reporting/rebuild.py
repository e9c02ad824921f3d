"""Rebuild the read models by replaying every topic from the start (`python -m reporting rebuild`).

Stop the reporting consumer first. The projections (the as-of ledger with them) and the consumer's inbox are
emptied (periodic reports and reporting regimes are kept: they are not built from events), then a fresh
consumer group reads each topic from its first offset to its end, applying the same handlers as live
consumption; progress is printed every thousand messages. When it is done, the live consumer resumes
from its own offsets and its inbox drops what the rebuild already applied.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from sqlalchemy import delete

from kit import cli
from kit.inbox import ProcessedMessage
from kit.messaging import Consumer, Producer
from reporting.orm import (
    AgencyView,
    AnnouncementView,
    BudgetLineView,
    CertificateView,
    InspectionView,
    LedgerEntry,
    MaintenanceView,
    OfficerView,
    PlanView,
    ProvinceView,
    QualitySystemStatusView,
    RecommendationLedgerEntry,
    RecommendationView,
    TrainingClassView,
)

PROJECTIONS = (AgencyView, QualitySystemStatusView, AnnouncementView, OfficerView, InspectionView, ProvinceView,
               TrainingClassView, BudgetLineView, PlanView, RecommendationView, MaintenanceView, CertificateView,
               LedgerEntry, RecommendationLedgerEntry)  # the as-of ledgers are rebuilt by the same projections (ADR 24)


def clear(runtime) -> None:
    """Empty the projections (never the periodic reports or the reporting regimes: they are not events)."""
    with runtime.across_tenants() as uow:
        for view in PROJECTIONS:
            uow.session.execute(view.__table__.delete())
        uow.session.execute(delete(ProcessedMessage).where(ProcessedMessage.consumer == runtime.group))
        uow.commit()


def run(service, settings, _args) -> None:
    """The `rebuild` command: empty the read models and replay every topic from the start."""
    runtime = cli.runtime(service, settings)
    clear(runtime)
    kafka = settings.kafka_clients()
    consumer = kafka.consumer(f"{runtime.group}.rebuild-{int(time.time())}", service.topics)
    dead_letters = kafka.producer(f"{runtime.group}-rebuild-dlq")
    try:
        replay(runtime, consumer, dead_letters)
    finally:
        consumer.close()
        dead_letters.close()


def replay(runtime, consumer: Consumer, dead_letters: Producer, *, out: TextIO = sys.stderr,
           timeout: float = 600.0) -> int:
    """Apply every message until the consumer has caught up; returns how many were read."""
    loop = runtime.consumer_loop(consumer, dead_letters)
    read, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch = consumer.poll(timeout_ms=500, max_records=500)
        for message in batch:
            loop.process(message)
            consumer.commit(message)
            read += 1
            if read % 1000 == 0:
                print(f"rebuild: {read} messages applied", file=out, flush=True)
        if not batch and consumer.caught_up():
            print(f"rebuild: done, {read} messages applied", file=out, flush=True)
            return read
    raise TimeoutError(f"rebuild did not catch up in {timeout:.0f}s ({read} messages applied)")

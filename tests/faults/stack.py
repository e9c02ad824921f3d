"""The fault-test topology and its producers: the registry's relay and every consumer of its agency events as
real processes, on a Kafka broker of their own and databases of their own.

Producers are threads in the test process that run the registry's own use cases (register an agency, then
change it) against the registry's database: each command commits its agency and its outbox row together, as
the API does. The registry relay process publishes them; five consumer processes apply them: the registry's
agency history, the inspections and training agency replicas, the reporting read models, and the probe
(tests/faults/probe.py) whose effect rows show duplicates and the order of application.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from sqlalchemy import Engine, text

from kit import db, tenancy
from kit.service import Service, load
from kit.uow import UnitOfWork
from localinfra.kafka import access_of, service_access
from localinfra.topology import KafkaLogins, Topology
from registry.services import agencies as registry_agencies
from registry.services import tenants as registry_tenants
from tests.faults import probe

TENANTS = ("an-giang", "binh-thuan")
AGENCY_TOPIC = "registry.agency"


@dataclass(frozen=True)
class Consumer:
    """One consumer process: its group, the database holding its inbox (named after its service), its topics."""

    group: str
    database: str
    topics: tuple[str, ...]

    @property
    def process(self) -> str:
        return f"{self.database}-consume"


def consumer_of(service: Service) -> Consumer:
    return Consumer(service.consumes.group, service.name, tuple(service.topics))


CONSUMERS = tuple(consumer_of(service) for service in (*(load(name) for name in
                                                         ("registry", "inspections", "training", "reporting")),
                                                       probe.SERVICE))
# Where each consumer keeps its copy of an agency's version (table, key column); the probe keeps no copy.
REPLICAS = {"inspections": ("agencies", "id"), "training": ("agencies", "id"), "reporting": ("agencies", "agency_id")}


def migrate(database: str, url: str) -> None:
    """Bring one of the suite's databases to its schema with its service's own migrations (or the probe's)."""
    (probe.migrate if database == probe.SERVICE.name else load(database).migrate)(url)


class FaultStack(Topology):
    """The processes, one engine per database for the checks, and the broker handle to stop and restart. The
    broker is locked down: each process signs in as its service (the probe as itself), as in the cluster.
    `consumers`: the consumer processes it starts (every consumer of the agency events, by default)."""

    def __init__(self, workdir: Path, database_urls: dict[str, str], broker, admin_url: str,
                 consumers: tuple[Consumer, ...] = CONSUMERS):
        access = {**service_access(), probe.SERVICE.name: access_of(probe.SERVICE)}
        super().__init__(workdir, database_urls, broker.bootstrap, logins=KafkaLogins.lock_down(broker, access))
        self.broker, self.admin_url, self.consumers = broker, admin_url, consumers
        self.engines: dict[str, Engine] = {name: db.make_engine(url) for name, url in database_urls.items()}
        self.registry = load("registry").runtime(self.engines["registry"])

    def start(self) -> None:
        """Migrate, register the provinces, create the topics, start the relay and the consumers."""
        for database, url in self.database_urls.items():
            migrate(database, url)
        for tenant in TENANTS:
            registry_tenants.create_tenant(self.registry.uow(tenancy.tenant_id(tenant)), name=f"Tỉnh {tenant}")
        self.create_topics()
        self.start_relay()
        for consumer in self.consumers:
            self.start_consumer(consumer)

    def create_topics(self) -> None:
        """Every topic the consumers read, and its dead-letter topic, as the cluster's manifests create them, so no
        consumer waits for a topic to appear."""
        read = {topic for consumer in self.consumers for topic in consumer.topics}
        names = read | {f"{topic}.dlq" for topic in read}
        admin = KafkaAdminClient(bootstrap_servers=self.kafka)
        try:
            admin.create_topics([NewTopic(name, num_partitions=3, replication_factor=1) for name in sorted(names)])
        finally:
            admin.close()

    def start_relay(self, name: str = "registry-relay", kill_after: int = 0, **extra: str) -> None:
        """Start a registry relay process that kills itself after its `kill_after`th sent batch (0: never);
        `extra`: more environment."""
        self.run(name, "tests.faults.killable", "relay", service="registry",
                 DATABASE_URL=self.database_urls["registry"], FAULT_SERVICE="registry",
                 FAULT_KILL_AFTER=str(kill_after), **extra)

    def start_consumer(self, consumer: Consumer, kill_after: int = 0) -> None:
        """Start a consumer process that kills itself after its `kill_after`th handled message (0: never)."""
        self.run(consumer.process, "tests.faults.killable", "consume", service=consumer.database,
                 DATABASE_URL=self.database_urls[consumer.database], FAULT_SERVICE=consumer.database,
                 FAULT_KILL_AFTER=str(kill_after))

    def sql(self, database: str, query: str, **params) -> list:
        """The rows of one query on one of the suite's databases."""
        with self.engines[database].connect() as connection:
            return connection.execute(text(query), params).all()

    def close(self) -> None:
        """SIGKILL every process (the suite is over; nothing of theirs is checked any more) and drop the engines."""
        for process in self.processes.values():
            process.kill()
        for process in self.processes.values():
            process.wait()
        self.processes.clear()
        for engine in self.engines.values():
            engine.dispose()


@dataclass
class Batch:
    """The agencies one scenario writes, `versions` events each (registered, then changed: `commands`), by
    `threads` producers at about `rate` commands per second in all."""

    name: str
    agencies: int
    versions: int = 5
    threads: int = 4
    rate: float = 200.0
    ids: list[uuid.UUID] = field(default_factory=list)
    committed: int = 0
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    @property
    def events(self) -> int:
        return self.agencies * self.versions

    def start(self, stack: FaultStack) -> Batch:
        """Start the producer threads; returns the batch, whose `committed` grows as they go."""
        self.ids = [uuid.uuid4() for _ in range(self.agencies)]
        for index in range(self.threads):
            mine = self.ids[index :: self.threads]
            thread = threading.Thread(target=self._produce, args=(stack, index, mine), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def wait(self, timeout: float = 900) -> None:
        """Wait for the producers to finish; fail if any command failed."""
        for thread in self._threads:
            thread.join(timeout)
        assert not any(thread.is_alive() for thread in self._threads), f"{self.name}: producers did not finish"
        assert self.errors == [], f"{self.name}: producer errors: {self.errors[:3]}"

    def progress(self) -> float:
        """The share of the batch's commands committed so far."""
        return self.committed / self.events

    def commands(self, agency_id: uuid.UUID, label: str) -> list[Callable[[UnitOfWork], object]]:
        """The registry's use cases the batch runs for one agency, in order: register it, then change it."""
        name = f"Sở thử lỗi {self.name} {label}"

        def change(version: int) -> Callable[[UnitOfWork], object]:
            return lambda uow: registry_agencies.update_agency(uow, agency_id, {"short_name": f"v{version}"})

        return [lambda uow: registry_agencies.register_agency(uow, {"name": name, "agency_type": "SO"},
                                                              agency_id=agency_id),
                *(change(version) for version in range(2, self.versions + 1))]

    def _produce(self, stack: FaultStack, index: int, agencies: list[uuid.UUID]) -> None:
        interval, next_at = self.threads / self.rate, time.monotonic()
        tenant = tenancy.tenant_id(TENANTS[index % len(TENANTS)])
        try:
            for number, agency_id in enumerate(agencies):
                for command in self.commands(agency_id, f"{index}-{number}"):
                    next_at += interval
                    time.sleep(max(0.0, next_at - time.monotonic()))
                    command(stack.registry.uow(tenant))
                    with self._lock:
                        self.committed += 1
        except Exception as exc:  # noqa: BLE001 - reported by wait()
            self.errors.append(repr(exc))

"""The platform under test for the concurrency suite: every service behind the gateway, in one of two modes, and
the events between them delivered on demand.

Both modes run the same service and gateway code; only the databases differ: in "postgres" each service has its
own migrated PostgreSQL database (as the application role, under row-level security), in "embedded" its own SQLite
file, as `python -m gateway embedded` runs it (without the demo data). Events go through an in-memory broker by
the services' own relays and consumer loops, run synchronously by `settle()` rather than in background threads:
the races are then the only concurrency in the process, and a test knows when every event has arrived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from gateway.app import create_app
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from kit import db
from kit.consumer import ConsumerLoop
from kit.memory import InMemoryBroker, InMemoryConsumer
from kit.relay import Relay
from kit.runtime import Runtime
from kit.service import Service, load, service_names
from tests.support.service import migrated_database

# Six threads at once, each with a connection of its own, and the relay and consumer beside them.
POOL = {"pool_size": 10, "max_overflow": 10}


@dataclass
class Flow:
    """The services' relays and consumer loops over one in-memory broker, run by hand."""

    broker: InMemoryBroker = field(default_factory=InMemoryBroker)
    relays: list[Relay] = field(default_factory=list)
    consumers: list[tuple[InMemoryConsumer, ConsumerLoop]] = field(default_factory=list)

    def add(self, service: Service, runtime: Runtime) -> None:
        self.relays.append(runtime.relay(self.broker))
        if service.consumes:
            consumer = self.broker.consumer(service.consumes.group, service.consumes.topics)
            self.consumers.append((consumer, runtime.consumer_loop(consumer, self.broker)))

    def settle(self, max_passes: int = 50) -> None:
        """Publish every outbox row and apply every published event, until nothing moves (a consumer may write
        events another reads)."""
        for _ in range(max_passes):
            moved = 0
            for relay in self.relays:
                while (published := relay.publish_batch()) > 0:
                    moved += published
            for consumer, loop in self.consumers:
                while batch := consumer.poll(timeout_ms=0, max_records=500):
                    for message in batch:
                        # a set-up event a service could not apply would fail a test far from its cause
                        outcome = loop.process(message)
                        assert outcome != "dead-lettered", f"{loop.name} dead-lettered {message.header('ce_type')}"
                        consumer.commit(message)
                        moved += 1
            if moved == 0:
                return
        raise AssertionError(f"events still moving after {max_passes} passes")


@dataclass
class Stack:
    """One mode of the platform: the gateway app, each service's runtime, and the event flow between them."""

    mode: str
    gateway: Flask
    runtimes: dict[str, Runtime]
    flow: Flow

    def client(self):
        """A fresh test client of the gateway (one per thread: a client is not shared between threads)."""
        return self.gateway.test_client()

    def settle(self) -> None:
        self.flow.settle()

    def close(self) -> None:
        for runtime in self.runtimes.values():
            runtime.engine.dispose()


def build(mode: str, issuer, apps: dict[str, Flask], runtimes: dict[str, Runtime]) -> Stack:
    """The gateway over the services' apps, unlimited at the edge (the races come from one address)."""
    flow = Flow()
    for name, runtime in runtimes.items():
        flow.add(load(name), runtime)
    for app in apps.values():
        app.testing = True
    unlimited = EdgePolicy(per_user=FixedWindowLimiter(10**9), per_ip=FixedWindowLimiter(10**9))
    gateway = create_app({name: WsgiUpstream(app) for name, app in apps.items()}, issuer.verifier(), None,
                         edge=unlimited)
    gateway.testing = True
    return Stack(mode, gateway, runtimes, flow)


def on_postgres(postgres, issuer) -> Stack:
    """Every service on its own migrated PostgreSQL database, as the application role."""
    apps, runtimes = {}, {}
    for name in service_names():
        service = load(name)
        runtimes[name] = service.runtime_at(migrated_database(postgres, f"cc_{name}", service), **POOL)
        apps[name] = service.api_app(runtimes[name], issuer.verifier())
    return build("postgres", issuer, apps, runtimes)


def embedded(var_dir: Path, issuer) -> Stack:
    """Every service on its own migrated SQLite file, as the embedded mode wires it (kit.embedded), no demo."""
    apps, runtimes = {}, {}
    for name in service_names():
        service = load(name)
        url = f"sqlite:///{var_dir / f'{name}.db'}"
        service.migrate(url)
        runtimes[name] = service.runtime(db.make_engine(url))
        apps[name] = service.api_app(runtimes[name], issuer.verifier())
    return build("embedded", issuer, apps, runtimes)

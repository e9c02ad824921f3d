"""The distributed topology on one machine: each service as gunicorn + relay + consumer, and the gateway.

Used by the end-to-end tests, the fault tests, the benchmarks and `make up`. Every process gets its own log file
under `workdir`. On a local broker locked down by `KafkaLogins.lock_down` each service process signs in to Kafka as
its service (ADR 20) and the gateway gets no Kafka at all; the topology itself (topics, lag) stays the super user.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

import contracts
from kit.service import load, service_names
from localinfra import kafka as local_kafka

SERVICES = service_names()
ISSUER = "iso-hcc-dev"
PARTITIONS = 3  # more than one, as in the cluster (deploy/k8s/base/kafka.yaml), so ordering by key is exercised


def publishes(service: str) -> bool:
    """Whether the service emits events (a contract of its own), so it needs a relay for its outbox."""
    return any(contracts.topic_of(event_type).startswith(f"{service}.") for event_type, _ in contracts.REGISTRY)


def kinds(service: str) -> tuple[str, ...]:
    """The processes that make up `service`: its api, a relay if it publishes, a consumer if it consumes, and its
    own kinds (`Service.kinds`, such as the notifications scheduler)."""
    return ("api", *(("relay",) if publishes(service) else ()), *(("consume",) if load(service).consumes else ()),
            *load(service).kinds)


def topics() -> list[str]:
    """Every event topic, and the dead-letter topic of each one a service reads, as the cluster declares them."""
    consumed = {topic for name in SERVICES if (consumes := load(name).consumes) for topic in consumes.topics}
    produced = {contracts.topic_of(event_type) for event_type, _version in contracts.REGISTRY}
    return sorted(produced | consumed | {f"{topic}.dlq" for topic in consumed})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    tail = log.read_text()[-3000:] if log and log.exists() else ""
    raise TimeoutError(f"{url} did not answer in {timeout:.0f}s\n{tail}")


def group_coordinator(admin, timeout: float = 60) -> None:
    """Wait until the broker coordinates consumer groups (it creates its offsets topic at the first lookup), so the
    consumers start without warnings that there is no coordinator yet."""
    from kafka.errors import KafkaError

    deadline = time.monotonic() + timeout
    while True:
        try:
            admin.describe_groups(["topology"])
            return
        except KafkaError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@dataclass(frozen=True)
class KafkaLogins:
    """The SASL listener of a locked-down local broker and each user's SCRAM password: how a service process signs
    in, with the same settings its pod gets in the cluster (but SASL_PLAINTEXT: loopback only)."""

    bootstrap: str
    passwords: Mapping[str, str] = field(repr=False)

    @classmethod
    def lock_down(cls, server: local_kafka.KafkaServer,
                  access: Mapping[str, local_kafka.KafkaAccess] | None = None) -> KafkaLogins:
        """Each service (or each user of `access`) a SCRAM user with its ACLs on `server`; their logins."""
        return cls(server.sasl_bootstrap, local_kafka.lock_down(server, access))

    def env(self, user: str) -> dict[str, str]:
        return {"KAFKA_BOOTSTRAP_SERVERS": self.bootstrap, "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM": local_kafka.SCRAM, "KAFKA_USERNAME": user,
                "KAFKA_PASSWORD": self.passwords[user]}


@dataclass
class Topology:
    """Starts and stops the processes; `database_urls` maps each service to its own database (the owner's URL,
    for migrations), `app_urls` to its application role's (ADR 10); a service without one runs as the owner.
    `kafka` is the super user's bootstrap (topics, lag, the tests' own clients); with `logins` each service process
    signs in on their listener as its service, without them every process gets `kafka` (a broker of one's own,
    from KAFKA_BOOTSTRAP_SERVERS, with whatever KAFKA_* settings the environment has)."""

    workdir: Path
    database_urls: dict[str, str]
    kafka: str
    gateway_port: int = field(default_factory=free_port)
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    detached: bool = False
    app_urls: dict[str, str] = field(default_factory=dict)
    redis_url: str | None = None  # the gateway's shared rate-limit counters; None keeps them in memory
    smtp_env: dict[str, str] = field(default_factory=dict)  # where the notifications reminders are sent
    s3_env: dict[str, str] = field(default_factory=dict)  # the object store of the attachments (kit.attachments)
    logins: KafkaLogins | None = None

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def env(self, service: str | None = None, **extra: str) -> dict[str, str]:
        """The environment of a process; `service`: the one it runs as, whose Kafka login it gets."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "MIGRATION_DATABASE_URL", "DATABASE_APP_ROLE", "PORT", "BIND")
               and not (self.logins and k.startswith("KAFKA_"))}
        env.update(self.kafka_env(service), JWT_ISSUER=ISSUER, JWT_AUDIENCE="iso-hcc",
                   JWT_JWKS_URL=f"{self.gateway}/auth/jwks.json", WEB_CONCURRENCY="2", PYTHONUNBUFFERED="1")
        env.update(extra)
        return env

    def kafka_env(self, service: str | None) -> dict[str, str]:
        """Where and as whom a process reaches Kafka; on a locked-down broker a process of no service (the gateway)
        does not reach it at all."""
        if self.logins is None:
            return {"KAFKA_BOOTSTRAP_SERVERS": self.kafka}
        return self.logins.env(service) if service else {}

    def run(self, name: str, module: str, command: str, *, service: str | None = None,
            **extra: str) -> subprocess.Popen:
        """Start `python -m module command` as the process `name`; `service`: whom it signs in to Kafka as (the
        module, when that is a service)."""
        if command == "api":
            extra.setdefault("PROMETHEUS_MULTIPROC_DIR", str(self.workdir / f"metrics-{name}"))
            # Before the child starts: a metric without labels opens its file there at import time.
            Path(extra["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
        env = self.env(service or (module if module in SERVICES else None), **extra)
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115  (the child owns it)
        process = subprocess.Popen([sys.executable, "-m", module, command], env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=self.detached)
        self.processes[name] = process
        return process

    def start_service(self, service: str, roles: tuple[str, ...] | None = None, wait: bool = True) -> None:
        """Start the service's processes (`roles`, by default all its `kinds`); `wait`: until its API is ready
        (`wait_ready`)."""
        url = self.app_urls.get(service, self.database_urls[service])
        self.ports.setdefault(service, free_port())
        roles = kinds(service) if roles is None else roles
        for role in roles:
            extra = {"DATABASE_URL": url, "BIND": f"127.0.0.1:{self.ports[service]}",
                     **(self.smtp_env if service == "notifications" else {}), **self.s3_env}
            self.run(f"{service}-{role}", service, role, **extra)
        if "api" in roles and wait:
            self.wait_ready(service)

    def wait_ready(self, service: str) -> None:
        wait_http(f"http://127.0.0.1:{self.ports[service]}/readyz", log=self.workdir / f"{service}-api.log")

    def migrate(self, service: str, sample: bool = False) -> None:
        """Migrate the service's database; `sample`: then write the tests' small data set."""
        for command in (["migrate"], ["seed-demo", "--sample"]) if sample else (["migrate"],):
            done = subprocess.run([sys.executable, "-m", service, *command], capture_output=True, text=True,
                                  env=self.env(service, MIGRATION_DATABASE_URL=self.database_urls[service],
                                               DATABASE_URL=self.app_urls.get(service, self.database_urls[service])))
            if done.returncode:
                raise RuntimeError(f"{service} {' '.join(command)} failed:\n{done.stderr[-3000:]}")

    def create_topics(self) -> None:
        """The topics before any process starts, as the cluster's KafkaTopics are, so no client meets a missing one."""
        from kafka.admin import KafkaAdminClient, NewTopic
        from kafka.errors import TopicAlreadyExistsError

        admin = KafkaAdminClient(bootstrap_servers=self.kafka, client_id="topology")
        try:
            missing = sorted(set(topics()) - set(admin.list_topics()))
            if missing:
                with contextlib.suppress(TopicAlreadyExistsError):  # created meanwhile by another: what we wanted
                    admin.create_topics([NewTopic(name, PARTITIONS, 1) for name in missing])
            group_coordinator(admin)
        finally:
            admin.close()

    def seed_demo(self, timeout: float = 900, echo: bool = False) -> None:
        """The demo of `make run`, written through the running services: every service's `seed-demo` at once (a
        service's demo may wait for another's events), then until every event has been applied. `echo`: their
        progress lines on this terminal, else in `<service>-seed.log`."""
        runs = {}
        for service in SERVICES:
            out = None if echo else open(self.workdir / f"{service}-seed.log", "ab")  # noqa: SIM115
            runs[service] = subprocess.Popen(
                [sys.executable, "-m", service, "seed-demo", "--timeout", str(timeout)], stdout=out,
                stderr=None if echo else subprocess.STDOUT,
                env=self.env(service, DATABASE_URL=self.app_urls.get(service, self.database_urls[service]),
                             LOG_FORMAT="text"))
        failed = [service for service, run in runs.items() if run.wait(timeout + 60)]
        if failed:
            raise RuntimeError(f"seed-demo failed for {', '.join(failed)} (see {self.workdir})")
        self.wait_settled(timeout)

    def wait_settled(self, timeout: float = 300) -> None:
        """Until every outbox is published and every consumer group has applied everything, twice in a row."""
        from kit.kafka import kafka_lag

        deadline, calm, busy = time.monotonic() + timeout, 0, {}
        while calm < 2:
            if time.monotonic() > deadline:
                raise TimeoutError(f"events still on their way after {timeout:.0f} s: {busy}")
            busy = {name: count for name, count in self.backlogs().items() if count}
            for name in SERVICES:
                if consumes := load(name).consumes:
                    behind = sum(kafka_lag(self.kafka, consumes.group, consumes.topics).values())
                    busy.update({consumes.group: behind} if behind else {})
            calm = 0 if busy else calm + 1
            time.sleep(1)

    def backlogs(self) -> dict[str, int]:
        """Each service's outbox rows not published yet."""
        counts = {}
        for name, url in self.database_urls.items():
            engine = create_engine(url)
            try:
                with engine.connect() as connection:
                    counts[f"{name} outbox"] = connection.execute(
                        text("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL")).scalar_one()
            finally:
                engine.dispose()
        return counts

    def start_gateway(self) -> None:
        urls = {f"{s.upper()}_URL": f"http://127.0.0.1:{self.ports.setdefault(s, free_port())}" for s in SERVICES}
        if self.redis_url:
            urls["REDIS_URL"] = self.redis_url
        # The gateway verifies with its dev issuer's keys in memory; fetching its own JWKS over HTTP could queue
        # behind the requests it is serving.
        self.run("gateway", "gateway", "api", DEV_LOGIN="1", DEV_SIGNING_KEY=str(self.workdir / "dev-key.pem"),
                 BIND=f"127.0.0.1:{self.gateway_port}", JWT_JWKS_URL="", **urls)
        wait_http(f"{self.gateway}/livez", log=self.workdir / "gateway.log")

    def start_all(self, seed: str | None = None, echo: bool = False) -> None:
        """Migrate every database, create the topics, start the gateway and every service. `seed="sample"`: the tests'
        small data set, written first; `seed="demo"`: the demo of `make run`, through the running services."""
        with ThreadPoolExecutor(len(SERVICES)) as pool:  # each in a process of its own: side by side
            list(pool.map(lambda service: self.migrate(service, sample=seed == "sample"), SERVICES))
        self.create_topics()
        self.start_gateway()
        for service in SERVICES:
            self.start_service(service, wait=False)
        for service in SERVICES:
            self.wait_ready(service)
        if seed == "demo":
            self.seed_demo(echo=echo)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        process.send_signal(sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        """SIGTERM to every process at once, then wait for each (killed after 30 s)."""
        stopping = [self.processes.pop(name) for name in list(self.processes)]
        for process in stopping:
            process.terminate()
        for process in stopping:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

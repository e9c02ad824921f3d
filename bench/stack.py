"""What the benchmarks run against: a real PostgreSQL, a real Kafka broker, a real Redis and the service processes
(gunicorn API, relay and consumer per service, and the gateway), started in a temporary directory and stopped
at the end, also on Ctrl-C.

The gateway keeps its rate limits and signed-out tokens in that Redis, as in production (`REDIS_URL`, ADR 0009):
every request through it pays the Redis round trips, so the benchmarks measure the gateway users reach.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from redis import Redis

from gateway.devauth import DevIssuer, DevUser
from localinfra.kafka import KafkaServer, start_kafka
from localinfra.postgres import PostgresServer, start_postgres
from localinfra.redis import RedisServer, start_redis
from localinfra.topology import ISSUER, SERVICES, KafkaLogins, Topology, free_port, wait_http

STARTED = time.monotonic()
APP_ROLE = "isohcc_bench_app"
RUNNING = ("registry", "reporting")  # the services every benchmark needs; footprint starts the others itself
# The gateway's per-user limits are for people; a load generator is one user sending hundreds a second. High
# limits, not none: each request is still counted in Redis.
UNLIMITED = {"RATE_LIMIT_PER_USER_PER_MINUTE": "100000000", "RATE_LIMIT_PER_IP_PER_MINUTE": "100000000"}


def say(message: str) -> None:
    """A progress line on stderr, with the seconds since the start."""
    print(f"bench [{time.monotonic() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


@dataclass
class Stack:
    """The running parts, the dev issuer's key (to sign tokens for any province) and a database per service."""

    workdir: Path
    postgres: PostgresServer
    kafka: KafkaServer
    redis: RedisServer
    topology: Topology
    issuer: DevIssuer
    loaded: dict = field(default_factory=dict)

    @property
    def gateway(self) -> str:
        """The gateway's address."""
        return self.topology.gateway

    def direct(self, service: str) -> str:
        """The service's own address, bypassing the gateway."""
        return f"http://127.0.0.1:{self.topology.ports[service]}"

    def database(self, service: str) -> str:
        """The name of the service's database."""
        return f"bench_{service}"

    def connect(self, service: str) -> psycopg.Connection:
        """An autocommit connection to the service's database as the superuser (bulk loads, checks)."""
        return self.postgres.connect(self.database(service), autocommit=True)

    def limiter_checks(self) -> int:
        """Rate-limit checks Redis has run so far (the limiter's Lua script, by EVALSHA or EVAL): a benchmark
        compares it before and after its requests through the gateway, to know they were counted in Redis."""
        with Redis.from_url(self.redis.url) as client:
            stats = client.info("commandstats")
        return sum(stats.get(f"cmdstat_{command}", {}).get("calls", 0) for command in ("evalsha", "eval"))

    def headers(self, tenant: str | None, role: str = "province_admin") -> dict[str, str]:
        """A bearer token for a user with `role` in `tenant` (None: a national or platform role)."""
        username = f"{tenant or 'platform'}.{role}"
        self.issuer.users.setdefault(username, DevUser(username, username, (role,), tenant))
        return {"Authorization": f"Bearer {self.issuer.issue(username)}"}


@contextlib.contextmanager
def started(keep: bool = False) -> Iterator[Stack]:
    """Start everything in a temporary directory; stop it all and remove the directory when done."""
    workdir = Path(tempfile.mkdtemp(prefix="iso-hcc-bench-"))
    say(f"working in {workdir}")
    os.environ.update(UNLIMITED)
    postgres = kafka = redis = topology = None
    try:
        postgres = start_postgres(workdir)
        say(f"PostgreSQL on port {postgres.port}")
        kafka = start_kafka(workdir)
        say(f"Kafka on {kafka.bootstrap}")
        redis = start_redis(workdir / "redis")
        say(f"Redis on {redis.url} (the gateway's rate limits)")
        topology = _topology(workdir, postgres, kafka, redis)
        issuer = DevIssuer.from_file(topology.workdir / "dev-key.pem", issuer=ISSUER, audience="iso-hcc")
        _start(topology, postgres)
        yield Stack(workdir, postgres, kafka, redis, topology, issuer)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
        say("stopping")
        for process in topology.processes.values() if topology else ():
            process.terminate()  # all at once; stop_all below then waits for each
        for part in (topology.stop_all if topology else None, kafka.stop if kafka else None,
                     redis.stop if redis else None, postgres.stop if postgres else None):
            if part:
                with contextlib.suppress(Exception):
                    part()
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


def _topology(workdir: Path, postgres: PostgresServer, kafka: KafkaServer, redis: RedisServer) -> Topology:
    """Each service's database; the services run as the application role (ADR 10) and sign in to Kafka as
    themselves (ADR 20), and the gateway counts its rate limits in Redis, as in production."""
    with postgres.connect(autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT")
    urls = {service: postgres.create_database(f"bench_{service}") for service in SERVICES}
    return Topology(workdir / "processes", urls, kafka.bootstrap,
                    app_urls={service: app_url(postgres, f"bench_{service}") for service in SERVICES},
                    redis_url=redis.url, logins=KafkaLogins.lock_down(kafka))


def app_url(postgres: PostgresServer, database: str) -> str:
    """The application role's URL of a database (the cluster trusts loopback connections)."""
    return f"postgresql+psycopg://{APP_ROLE}@{postgres.host}:{postgres.port}/{database}"


def _start(topology: Topology, postgres: PostgresServer) -> None:
    topology.workdir.mkdir(parents=True, exist_ok=True)
    migrate(topology, postgres, [(service, f"bench_{service}") for service in RUNNING])
    topology.create_topics()  # the services' users may not create topics (ADR 20): the super user does, first
    topology.start_gateway()
    for service in RUNNING:
        topology.start_service(service)
    say(f"gateway on {topology.gateway}; {', '.join(RUNNING)} running (API, relay, consumer)")


def migrate(topology: Topology, postgres: PostgresServer, databases: list[tuple[str, str]]) -> None:
    """Create each (service, database) and run the service's migrations on it, all at once."""
    running = []
    for service, database in databases:
        url = postgres.create_database(database)
        env = topology.env(service, MIGRATION_DATABASE_URL=url, DATABASE_URL=app_url(postgres, database))
        running.append((service, subprocess.Popen([sys.executable, "-m", service, "migrate"], text=True, env=env,
                                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))
    for service, process in running:
        output, _ = process.communicate()
        if process.returncode:
            raise RuntimeError(f"{service} migrate failed:\n{output[-2000:]}")


def start_api(stack: Stack, service: str, database: str) -> tuple[str, float]:
    """One more API process of `service` on a migrated `database`, on a free port; returns its address and
    the seconds from starting the process to its first ready answer. Its name is `<service>-<database>`."""
    topology, name, port = stack.topology, f"{service}-{database}", free_port()
    began = time.monotonic()
    topology.run(name, service, "api", DATABASE_URL=app_url(stack.postgres, database), BIND=f"127.0.0.1:{port}")
    wait_http(f"http://127.0.0.1:{port}/readyz", log=topology.workdir / f"{name}.log")
    return f"http://127.0.0.1:{port}", time.monotonic() - began


def stop(stack: Stack, names: list[str]) -> None:
    """Stop these processes at once (gunicorn's quick shutdown), then wait for each."""
    processes = [stack.topology.processes.pop(name) for name in names]
    for process in processes:
        process.send_signal(signal.SIGINT)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

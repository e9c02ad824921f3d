"""G7 on the local topology: SIGTERM under steady load loses no request and no event, duplicates no effect.

What Kubernetes does in a rolling update of `registry-api` (maxSurge 1, maxUnavailable 0, preStop sleep, then
SIGTERM to gunicorn) is played here with real processes: a second registry API starts and becomes ready, the
"Service" (a small TCP balancer standing in for kube-proxy: new connections go to ready endpoints, existing ones
stay) drops the old pod's endpoint, the preStop sleep passes, and the old gunicorn gets SIGTERM while the gateway
keeps sending writes and reads. Then the registry consumer gets SIGTERM mid-stream, as a consumer pod does.

Shown: 0 failed requests through the gateway across the API roll; every agency written exists once; the stopped
consumer committed exactly the messages it had processed (nothing committed unprocessed, so nothing is lost;
nothing processed uncommitted, so nothing is redelivered), and after its restart every agency's event is in its
history exactly once with no message processed twice. The gateway keeps its kept-alive connections to the old
API after the endpoint is gone (as with kube-proxy), so the old gunicorn still has requests in flight when SIGTERM
comes: those must finish, and the next ones must move to the new API.

Not shown here: kube-proxy's and the kubelet's own timing (the balancer forgets an endpoint at once), several
nodes, `kubectl drain`, a restart of the gateway itself (it is the client here), or the 100 req/s + 200 events/s
of QUALITY.md 4.2 (this drives about 48 requests/s, half of them writes that each publish an event).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import signal
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from sqlalchemy import create_engine, text

from localinfra.topology import SERVICES, Topology, free_port, wait_http
from tests.e2e.conftest import eventually, token

pytestmark = pytest.mark.e2e

AGENCIES = "/api/v1/registry/agencies"
PRESTOP_SECONDS = 2  # the manifests sleep 10 s; the balancer here forgets an endpoint at once
CONSUMER_GROUP = "registry.history"


class Balancer:
    """A TCP balancer like a Service: new connections round-robin over the ready endpoints; removing an endpoint
    leaves its open connections alone (kube-proxy does not cut them either)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.endpoints: list[int] = []
        self.chunks_to: dict[int, int] = {}  # upstream port -> chunks of request bytes forwarded to it
        self._lock = threading.Lock()
        self._turn = itertools.count()
        self._server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def set_endpoints(self, ports: list[int]) -> None:
        with self._lock:
            self.endpoints = list(ports)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                port = self.endpoints[next(self._turn) % len(self.endpoints)] if self.endpoints else None
            if port is None:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for source, target, count in ((client, upstream, port), (upstream, client, None)):
                threading.Thread(target=self._pump, args=(source, target, count), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, count: int | None) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
                if count is not None:
                    with self._lock:
                        self.chunks_to[count] = self.chunks_to.get(count, 0) + 1
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_WR)
            with contextlib.suppress(OSError):
                source.shutdown(socket.SHUT_RD)


class G7Topology(Topology):
    """The topology as a cluster has it: the gateway's per-user limit above the steady load this test drives, and
    the issuer's keys served apart from the gateway. The gateway verifies with its dev issuer's keys in memory, and
    the registry APIs fetch them from `jwks_url` (see `serve_jwks`). In the plain topology both fetch
    /auth/jwks.json from the gateway itself, and under load a worker's first fetch queues behind the requests it is
    serving: a 5 s timeout and a 401, a cycle a cluster with Keycloak does not have."""

    jwks_url = ""
    _starting_gateway = False

    def env(self, service: str | None = None, **extra: str) -> dict[str, str]:
        env = super().env(service, RATE_LIMIT_PER_USER_PER_MINUTE="100000", RATE_LIMIT_PER_IP_PER_MINUTE="100000",
                          **extra)
        if self._starting_gateway:
            env.pop("JWT_JWKS_URL")
        return env

    def start_gateway(self) -> None:
        self._starting_gateway = True
        try:
            super().start_gateway()
        finally:
            self._starting_gateway = False


def serve_jwks(keys: dict) -> ThreadingHTTPServer:
    """The issuer's key set on a server of its own, as Keycloak is in the cluster."""
    body = json.dumps(keys).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def balanced(tmp_path_factory, postgres, kafka, kafka_logins):
    """The topology with the gateway reaching the registry API through the balancer, and one API behind it."""
    databases = {name: postgres.create_database(f"g7_{name}") for name in SERVICES}
    topology = G7Topology(tmp_path_factory.mktemp("g7"), databases, kafka, logins=kafka_logins)
    balancer, jwks = Balancer(), None
    topology.ports["registry"] = balancer.port  # the gateway's REGISTRY_URL: the "Service"
    try:
        for service in SERVICES:
            topology.migrate(service, sample=service == "registry")
        topology.create_topics()  # as the topology does: the services' users may not create them (ADR 20)
        topology.start_gateway()
        jwks = serve_jwks(requests.get(f"{topology.gateway}/auth/jwks.json", timeout=10).json())
        topology.jwks_url = f"http://127.0.0.1:{jwks.server_address[1]}/jwks.json"
        for service in SERVICES:
            if service != "registry":
                topology.start_service(service)
        topology.start_service("registry", roles=("relay", "consume"))
        first = start_registry_api(topology, "registry-api-1")
        balancer.set_endpoints([first])
        yield topology, balancer
    finally:
        topology.stop_all()
        balancer.close()
        if jwks is not None:
            jwks.shutdown()


def start_registry_api(topology: Topology, name: str) -> int:
    port = free_port()
    topology.run(name, "registry", "api", DATABASE_URL=topology.database_urls["registry"], BIND=f"127.0.0.1:{port}",
                 JWT_JWKS_URL=topology.jwks_url)
    wait_http(f"http://127.0.0.1:{port}/readyz", log=topology.workdir / f"{name}.log")
    return port


class Load:
    """Steady writes (each a new agency with a unique name) and reads through the gateway: `threads` threads,
    each starting a request every 1/`per_thread` s (constant arrival, about 48 requests/s in all by default)."""

    def __init__(self, gateway: str, headers: dict, threads: int = 6, per_thread: float = 8.0) -> None:
        self.interval = 1.0 / per_thread
        self.gateway, self.headers, self.run_id = gateway, headers, uuid.uuid4().hex[:8]
        self.stop = threading.Event()
        self.created: list[str] = []
        self.failures: list[str] = []
        self.requests = 0
        self._lock = threading.Lock()
        self._names = itertools.count()
        self._threads = [threading.Thread(target=self._work, args=(i,), daemon=True) for i in range(threads)]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _work(self, index: int) -> None:
        session = requests.Session()
        next_at = time.monotonic()
        while not self.stop.is_set():
            next_at += self.interval
            self.stop.wait(max(0.0, next_at - time.monotonic()))
            write = index % 2 == 0
            try:
                if write:
                    name = f"G7 {self.run_id} Sở {next(self._names)}"
                    response = session.post(f"{self.gateway}{AGENCIES}", json={"name": name, "agency_type": "SO"},
                                            headers=self.headers, timeout=30)
                    ok = response.status_code == 201
                else:
                    response = session.get(f"{self.gateway}{AGENCIES}?page_size=5", headers=self.headers, timeout=30)
                    ok = response.status_code == 200
                outcome = None if ok else f"{response.request.method} {response.status_code} {response.text[:200]}"
            except requests.RequestException as exc:
                outcome, write = f"{'POST' if write else 'GET'} {exc!r}", False
            with self._lock:
                self.requests += 1
                if outcome:
                    self.failures.append(outcome)
                elif write:
                    self.created.append(response.json()["id"])


def registry_sql(topology: Topology, query: str, **params) -> list:
    engine = create_engine(topology.database_urls["registry"])
    try:
        with engine.connect() as connection:
            return connection.execute(text(query), params).all()
    finally:
        engine.dispose()


def committed_and_processed(kafka: str, topology: Topology) -> tuple[dict, dict]:
    """Per partition of registry.agency: the group's committed offset, and the offsets whose messages the
    consumer recorded in its inbox (processed_messages)."""
    admin = KafkaAdminClient(bootstrap_servers=kafka)
    try:
        offsets = admin.list_group_offsets({CONSUMER_GROUP: None})[CONSUMER_GROUP]
        committed = {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == "registry.agency"}
    finally:
        admin.close()
    done = {str(row[0]) for row in registry_sql(
        topology, "SELECT message_id FROM processed_messages WHERE consumer = :c AND topic = 'registry.agency'",
        c=CONSUMER_GROUP)}
    reader = KafkaConsumer(bootstrap_servers=kafka, group_id=None, enable_auto_commit=False, consumer_timeout_ms=2000)
    try:
        partitions = [TopicPartition("registry.agency", p) for p in reader.partitions_for_topic("registry.agency")]
        reader.assign(partitions)
        reader.seek_to_beginning(*partitions)
        ends = reader.end_offsets(partitions)
        processed: dict[int, set[int]] = {tp.partition: set() for tp in partitions}
        while any(reader.position(tp) < ends[tp] for tp in partitions):
            for message in reader:
                ids = [value.decode() for key, value in message.headers if key == "ce_id"]
                if ids and ids[0] in done:
                    processed[message.partition].add(message.offset)
                if all(reader.position(tp) >= ends[tp] for tp in partitions):
                    break
    finally:
        reader.close()
    return committed, processed


def consumer_duplicates(metrics_port: int) -> float:
    body = requests.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).text
    rows = [line for line in body.splitlines()
            if line.startswith("consumer_messages_total{") and 'outcome="duplicate"' in line]
    return sum(float(row.rsplit(" ", 1)[1]) for row in rows)


def test_a_rolling_restart_of_the_api_and_a_consumer_stopped_mid_stream_lose_and_duplicate_nothing(
        balanced, kafka):
    topology, balancer = balanced
    headers = token(topology, "an-giang.admin")

    with Load(topology.gateway, headers) as load:
        eventually(lambda: len(load.created) >= 20, timeout=60)
        # Rolling update of registry-api: surge a new pod, wait until ready, drop the old endpoint, preStop, SIGTERM.
        second = start_registry_api(topology, "registry-api-2")
        balancer.set_endpoints([balancer.endpoints[0], second])
        time.sleep(1)
        first = balancer.endpoints[0]
        balancer.set_endpoints([second])
        removed_at = balancer.chunks_to.get(first, 0)
        time.sleep(PRESTOP_SECONDS)
        before, sigterm_at = len(load.created), balancer.chunks_to.get(first, 0)
        started = time.monotonic()
        topology.kill("registry-api-1", signal.SIGTERM)  # waits until gunicorn has exited
        print(f"registry-api-1: {sigterm_at - removed_at} request chunks on kept-alive connections after its "
              f"endpoint was removed, {balancer.chunks_to.get(first, 0) - sigterm_at} after SIGTERM; "
              f"exited {time.monotonic() - started:.1f} s after SIGTERM")
        eventually(lambda: len(load.created) >= before + 20, timeout=60)

        # A consumer pod stopped mid-stream: SIGTERM while the writes keep coming.
        topology.kill("registry-consume", signal.SIGTERM)
        committed, processed = committed_and_processed(kafka, topology)
        metrics_port = free_port()
        topology.run("registry-consume", "registry", "consume", DATABASE_URL=topology.database_urls["registry"],
                     METRICS_PORT=str(metrics_port))
        eventually(lambda: len(load.created) >= before + 60, timeout=90)

    print(f"{load.requests} requests, {len(load.created)} agencies created, {len(load.failures)} failed")
    # The old API still had work when it was stopped (else this would prove nothing about SIGTERM).
    assert balancer.chunks_to.get(first, 0) > removed_at
    assert load.failures == [], f"{len(load.failures)} of {load.requests} requests failed: {load.failures[:5]}"
    created = load.created
    assert len(created) == len(set(created))
    [(rows,)] = registry_sql(topology, "SELECT count(*) FROM agencies WHERE name LIKE :p", p=f"G7 {load.run_id} %")
    assert rows == len(created)
    # The stopped consumer committed exactly its processed prefix of each partition: the message in hand was
    # finished and committed, nothing was committed without being processed.
    assert any(processed.values()), "the consumer had processed nothing before SIGTERM"
    for partition, offsets in processed.items():
        assert offsets == set(range(committed.get(partition, 0))), partition
    # After the restart every agency's registration is in its history exactly once, none processed twice.
    ids = [uuid.UUID(agency) for agency in created]
    eventually(lambda: registry_sql(topology, "SELECT count(DISTINCT agency_id) FROM agency_history "
                                    "WHERE agency_id = ANY(:ids)", ids=ids) == [(len(ids),)], timeout=90)
    assert registry_sql(topology, "SELECT count(*) FROM agency_history WHERE agency_id = ANY(:ids) AND version = 1",
                        ids=ids) == [(len(ids),)]
    assert consumer_duplicates(metrics_port) == 0

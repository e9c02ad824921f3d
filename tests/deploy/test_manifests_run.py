"""The prod overlay's workloads, run: each container of every Deployment, Job and CronJob started the way its pod
would start it (tests/deploy/pods.py: its command and environment, its user, a read-only root with a writable
tmpfs at each volumeMount only), against the tests' PostgreSQL, Kafka and a local Redis.

Validating the manifests (`make k8s-check`) proved nothing about whether they run: every consumer died on its first
message because PROMETHEUS_MULTIPROC_DIR named a folder only the APIs mounted (issue 21). Here every migration Job
completes, every API answers /readyz, every relay publishes an outbox row to Kafka and exports outbox_backlog,
every consumer applies an event and commits its offset, the notifications scheduler runs, every process exits on
SIGTERM within its pod's grace period, and then the reporting rebuild (a CronJob run by hand) completes.

`make image-check` runs this same test inside the built images (MANIFEST_IMAGE_ROOT, tests/deploy/pods.py).
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

import contracts
from kit import outbox
from kit.service import load, service_names
from localinfra.topology import publishes
from tests.deploy import pods
from tests.deploy.test_k8s_manifests import k8s_check
from tests.support import service as roles

pytestmark = pytest.mark.e2e

OVERLAY = "overlays/prod"
POSTGRES_HOST = "iso-hcc-pg-rw"
WEB_CONCURRENCY = "2"  # the manifests' 4 per pod, times six APIs, is more than a test machine's cores
API_READY_AT_LEAST = 90  # seconds; a startupProbe's window, stretched for a machine running other tests too
EXAMPLES = Path(contracts.__file__).parent / "examples"
SUCCESSION = ("registry.tenant.succeeded", 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def secrets_for(objects: list[dict]) -> dict[str, dict]:
    """A value for every Secret key the workloads read: the database roles of the tests (owner, application)."""
    names = set()
    for obj in objects:
        if obj["kind"] in k8s_check.WORKLOADS:
            for container in pods.template(obj)["spec"]["containers"]:
                for item in container.get("env") or []:
                    if ref := (item.get("valueFrom") or {}).get("secretKeyRef"):
                        names.add(ref["name"])
    secrets = {}
    for name in names:
        if name.endswith("-db-app"):
            secrets[name] = {"username": roles.APP, "password": roles.APP_PASSWORD}
        elif name.endswith("-db"):
            secrets[name] = {"username": roles.OWNER, "password": roles.OWNER_PASSWORD}
        elif name in service_names():  # the KafkaUser's Secret (Strimzi's User Operator makes it)
            secrets[name] = {"password": uuid.uuid4().hex}
        elif name.endswith("-cluster-ca-cert"):  # Strimzi's cluster CA
            secrets[name] = {"ca.crt": "-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n"}
        elif name.endswith("-smtp"):  # the mail relay's login (the scheduler starts; there is no mail to send)
            secrets[name] = {"username": "iso-hcc", "password": uuid.uuid4().hex}
        elif name == "iso-hcc-s3":  # the attachments' store (not reached: nothing is uploaded here)
            secrets[name] = {"access-key-id": "iso-hcc", "secret-access-key": uuid.uuid4().hex}
        elif name == "gateway-web":
            secrets[name] = {"secret-key": uuid.uuid4().hex, "oidc-client-secret": uuid.uuid4().hex}
        else:
            raise AssertionError(f"Secret {name}: the manifest test has no test value for it; add one")
    return secrets


def example(event_type: str, version: int) -> object:
    [path, *_] = sorted((EXAMPLES / event_type / str(version)).glob("*.json"))
    return contracts.codec.from_json(contracts.lookup(event_type, version), json.loads(path.read_text()))


def relay_event(service: str) -> tuple[str, int]:
    """The event a service's relay is given to publish: one of its own, on a topic no consumer reads if there is
    one (a consumer would try to apply an example that refers to nothing); the registry's is the succession,
    which every consumer applies."""
    if service == "registry":
        return SUCCESSION
    consumed = {topic for name in service_names() for topic in load(name).topics}
    own = sorted(key for key in contracts.REGISTRY if key[0].startswith(f"{service}."))
    return next((key for key in own if contracts.topic_of(key[0]) not in consumed), own[0])


class Run:
    """Everything the test saw, recorded by the fixture: each test asserts one part."""

    def __init__(self):
        self.jobs: dict[str, int | str] = {}
        self.ready: dict[str, str] = {}
        self.published: dict[str, str] = {}
        self.backlog: dict[str, str] = {}
        self.applied: dict[str, str] = {}
        self.stopped: dict[str, str] = {}
        self.pods: list[pods.Pod] = []


def component(obj: dict) -> str:
    return pods.template(obj)["metadata"]["labels"].get("app.kubernetes.io/component", "")


@pytest.fixture(scope="module")
def run(tmp_path_factory, postgres, kafka) -> Run:
    objects = list(k8s_check.build(OVERLAY))
    workdir = tmp_path_factory.mktemp("pods")
    result = Run()
    roles.create_roles(postgres.base_url)
    admin, databases = {}, {}
    for name in service_names():
        owner_url, _app_url = roles.owned_database(postgres, f"k8s_{name}")
        databases[name] = owner_url
        admin[name] = make_url(postgres.base_url).set(database=make_url(owner_url).database)
    create_topics(kafka)
    cluster = pods.Cluster(POSTGRES_HOST, databases, kafka)
    configmaps = {o["metadata"]["name"]: o.get("data") or {} for o in objects if o["kind"] == "ConfigMap"}
    secrets = secrets_for(objects)
    image_env = k8s_check.image_env()
    workloads = [o for o in objects if o["kind"] in ("Deployment", "Job", "CronJob")]

    def pod_of(obj: dict) -> pods.Pod:
        [container] = pods.template(obj)["spec"]["containers"]
        ours = k8s_check._ours(container["image"])
        built = pods.built_image(container)  # MANIFEST_IMAGE_ROOT: the image's own ENV, PATH included
        env = pods.pod_env(container, (built.env if built else image_env) if ours else {}, configmaps, secrets)
        env = cluster.localise(env)
        env.update(PATH=pods.local_path(container), HOME="/")
        argv = pods.argv(container)
        if "BIND" in env:
            env["BIND"] = f"127.0.0.1:{free_port()}"
        if "METRICS_PORT" in env:
            env["METRICS_PORT"] = str(free_port())
        if "WEB_CONCURRENCY" in env:
            env["WEB_CONCURRENCY"] = WEB_CONCURRENCY
        if not ours:  # a third-party server on a port of its own, on loopback (redis)
            argv += ["--bind", "127.0.0.1", "--port", str(free_port())]
        pod = pods.Pod(obj, container, argv, env, workdir / f"{obj['kind']}-{obj['metadata']['name']}.log")
        result.pods.append(pod)
        return pod

    # Hosts first: every Service and Redis is a loopback port chosen now, so the environments can name them.
    long_running = [pod_of(o) for o in workloads if o["kind"] == "Deployment"]
    for pod in long_running:
        labels = pods.template(pod.workload)["metadata"]["labels"]
        port = pod.env.get("BIND", "").rpartition(":")[2] or pod.argv[-1]
        for svc in (o for o in objects if o["kind"] == "Service"):
            if all(labels.get(k) == v for k, v in svc["spec"]["selector"].items()):
                cluster.hosts[svc["metadata"]["name"]] = f"127.0.0.1:{port}"
    for pod in long_running:
        pod.env = cluster.localise(pod.env)
    jobs = [pod_of(o) for o in workloads if o["kind"] == "Job"]
    cronjobs = [pod_of(o) for o in workloads if o["kind"] == "CronJob"]

    try:
        with ThreadPoolExecutor(len(jobs)) as pool:  # the migrations, before the Deployments roll (upgrade.md)
            for pod, code in zip(jobs, pool.map(lambda p: complete(p), jobs), strict=True):
                result.jobs[pod.name] = code
        if any(code != 0 for code in result.jobs.values()):
            return result
        for pod in long_running:
            pod.start()
        for pod in (p for p in long_running if component(p.workload) == "api"):
            result.ready[pod.name] = wait_ready(pod)
        events = publish_through_relays(admin, kafka, long_running, result)
        applied_by_consumers(admin, kafka, events[SUCCESSION[0]], long_running, result)
    finally:
        stop_all(long_running, result)
    for pod in cronjobs:  # the rebuild runs with the consumers stopped (docs/operations/rebuild-read-models.md)
        result.jobs[pod.name] = complete(pod)
    return result


def complete(pod: pods.Pod, timeout: float = 300) -> int | str:
    pod.start()
    deadline = pod.workload["spec"].get("activeDeadlineSeconds", timeout)
    try:
        code = pod.wait(min(deadline, timeout))
    except Exception:
        pod.kill()
        return f"did not complete in {min(deadline, timeout)} s: {pod.why()}"
    return 0 if code == 0 else f"exit {code}: {pod.why()}"


def create_topics(bootstrap: str) -> None:
    from localinfra.topology import Topology

    Topology(Path("/nonexistent"), {}, bootstrap).create_topics()


def wait_ready(pod: pods.Pod) -> str:
    """'ready', or why not: /readyz answered 200 within the startup window (stretched: API_READY_AT_LEAST)."""
    startup = pod.container["startupProbe"]
    window = max(startup["periodSeconds"] * startup["failureThreshold"], API_READY_AT_LEAST)
    deadline, last = time.monotonic() + window, ""
    while time.monotonic() < deadline:
        if pod.process.poll() is not None:
            return f"exited {pod.process.returncode}: {pod.why()}"
        with contextlib.suppress(requests.RequestException):
            answer = requests.get(f"http://{pod.env['BIND']}/readyz", timeout=2)
            if answer.status_code == 200:
                return "ready"
            last = f"{answer.status_code} {answer.text[:300]}"
        time.sleep(0.5)
    return f"not ready in {window} s ({last}): {pod.why()}"


def publish_through_relays(admin: dict, bootstrap: str, running: list[pods.Pod], result: Run) -> dict[str, str]:
    """An outbox row in each service's database; {event type: id} of what was written."""
    written, topics = {}, set()
    for name, url in ((name, url) for name, url in admin.items() if publishes(name)):
        event_type, version = relay_event(name)
        envelope = contracts.wrap(example(event_type, version), id=uuid.uuid4(), source=name,
                                  time=datetime.now(UTC), tenant="lam-dong")
        engine = create_engine(url)
        with Session(engine) as session:
            session.add(outbox.to_row(envelope))
            session.commit()
        engine.dispose()
        written[name] = (str(envelope.id), envelope.topic)
        topics.add(envelope.topic)
    seen = kafka_ids(bootstrap, sorted(topics), {i for i, _ in written.values()}, timeout=60)
    for name, (event_id, topic) in written.items():
        result.published[name] = "published" if event_id in seen else f"{event_id} not on {topic} in 60 s"
    for pod in (p for p in running if component(p.workload) == "relay"):
        result.backlog[pod.name] = backlog_metric(pod)
    return {relay_event(name)[0]: written[name][0] for name in written}


def kafka_ids(bootstrap: str, topics: list[str], wanted: set[str], timeout: float) -> set[str]:
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(*topics, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=1000)
    seen, deadline = set(), time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not wanted <= seen:
            for records in consumer.poll(timeout_ms=1000).values():
                seen |= {event_id(r.value) for r in records}
    finally:
        consumer.close()
    return seen & wanted


def event_id(value: bytes) -> str | None:
    """The id of an envelope; None for anything else on the topic (other tests on the session's broker write
    records of their own: a poison message, a bare string)."""
    try:
        envelope = json.loads(value)
    except ValueError:
        return None
    return envelope.get("id") if isinstance(envelope, dict) else None


def backlog_metric(pod: pods.Pod, timeout: float = 30) -> str:
    """'exported' once the relay's /metrics has outbox_backlog (it is set after each batch)."""
    deadline, last = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        if pod.process.poll() is not None:
            return f"exited {pod.process.returncode}: {pod.why()}"
        with contextlib.suppress(requests.RequestException):
            last = requests.get(f"http://127.0.0.1:{pod.env['METRICS_PORT']}/metrics", timeout=2).text
            if "\noutbox_backlog{" in last:
                return "exported"
        time.sleep(0.5)
    return f"no outbox_backlog on /metrics in {timeout} s: {pod.why()}"


def applied_by_consumers(admin: dict, bootstrap: str, event_id: str, running: list[pods.Pod],
                         result: Run, timeout: float = 90) -> None:
    """Each consumer recorded the succession in its database's lineage and committed past it (no lag left on the
    registry's tenant topic, where it is the only message)."""
    from kit.kafka import kafka_lag

    succeeded = example(*SUCCESSION)
    topic = contracts.topic_of(SUCCESSION[0])
    pending = {p.workload["metadata"]["name"].removesuffix("-consumer"): p
               for p in running if component(p.workload) == "consumer"}
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for name, pod in list(pending.items()):
            if pod.process.poll() is not None:
                result.applied[pod.name] = f"exited {pod.process.returncode}: {pod.why()}"
                del pending[name]
                continue
            engine = create_engine(admin[name])
            with engine.connect() as connection:
                recorded = connection.execute(text("SELECT successor FROM tenant_lineage WHERE predecessor = :p"),
                                              {"p": succeeded.predecessors[0]}).scalar()
            engine.dispose()
            if recorded == succeeded.successor and kafka_lag(bootstrap, load(name).consumes.group, [topic]) == {
                    topic: 0}:
                result.applied[pod.name] = "applied and committed"
                del pending[name]
        time.sleep(1)
    for name, pod in pending.items():
        result.applied[pod.name] = f"event {event_id} not applied and committed in {timeout} s: {pod.why()}"


def stop_all(running: list[pods.Pod], result: Run) -> None:
    """SIGTERM to every container at once, as a node drain; an API's preStop sleep comes out of its grace."""
    def stop(pod: pods.Pod) -> str:
        if pod.process is None:
            return "never started"
        if pod.process.poll() is not None:
            return f"had exited {pod.process.returncode}: {pod.why()}"
        sleep = ((pod.container.get("lifecycle") or {}).get("preStop") or {}).get("sleep", {}).get("seconds", 0)
        allowed = pod.grace - sleep
        took = pod.stop()
        if took > allowed:
            return f"still running {allowed} s after SIGTERM (grace {pod.grace} s - preStop {sleep} s): {pod.why()}"
        if pod.process.returncode != 0:
            return f"exited {pod.process.returncode} on SIGTERM: {pod.why()}"
        return "stopped"

    with ThreadPoolExecutor(max(1, len(running))) as pool:
        for pod, outcome in zip(running, pool.map(stop, running), strict=True):
            result.stopped[pod.name] = outcome


def only_failures(outcomes: dict[str, object], good: object) -> dict[str, object]:
    return {name: outcome for name, outcome in outcomes.items() if outcome != good}


def test_every_job_completes(run):
    assert run.jobs and only_failures(run.jobs, 0) == {}
    assert {"CronJob/reporting-rebuild", *(f"Job/{s}-migrate" for s in service_names())} <= set(run.jobs)


def test_every_api_reaches_ready(run):
    assert only_failures(run.ready, "ready") == {}
    assert len(run.ready) == len(service_names()) + 1  # and the gateway


def test_every_relay_publishes_and_exports_its_backlog(run):
    assert only_failures(run.published, "published") == {}
    assert only_failures(run.backlog, "exported") == {}
    assert len(run.published) == len(run.backlog) == len([s for s in service_names() if publishes(s)])


def test_every_consumer_applies_an_event_and_commits_its_offset(run):
    assert only_failures(run.applied, "applied and committed") == {}
    assert len(run.applied) == len(service_names())


def test_every_process_stops_on_sigterm_within_its_grace_period(run):
    assert only_failures(run.stopped, "stopped") == {}
    assert len(run.stopped) == len([p for p in run.pods if p.workload["kind"] == "Deployment"])

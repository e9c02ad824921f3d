"""A single-node Apache Kafka (KRaft, broker+controller) on loopback, run from Maven jars.

Two client listeners, as in the cluster's locked-down shape (ADR 20): `SASL` (SASL_PLAINTEXT, SCRAM-SHA-512), where
each service signs in as itself and the KRaft `StandardAuthorizer` holds it to its ACLs (`lock_down`); and the old
`PLAINTEXT` one, whose anonymous clients (the test suite's own producers and admins, the broker itself) are super
users until every test client signs in too.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ._proc import (
    LOOPBACK,
    InfraError,
    free_port,
    port_accepts,
    run_checked,
    spawn,
    stop_process,
    wait_until,
)
from .maven import ensure_jars, require

POM = Path("deploy/local/kafka/pom.xml")
JAR_CACHE = Path("var/cache/kafka-jars")
JAVA_OPTS_ENV = "LOCALINFRA_KAFKA_JAVA_OPTS"
SCRAM = "SCRAM-SHA-512"
USERS_FILE = "scram-users.json"  # {user: password} of the SASL listener, beside server.properties
JAVA_OPTS = [
    "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
    "-XX:-UsePerfData", "-Djava.awt.headless=true",
    "-Dorg.slf4j.simpleLogger.showDateTime=true",
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
]


def ensure_kafka_jars() -> Path:
    """Return the directory of Kafka's jars, copying them with Maven into
    var/cache/kafka-jars/<version>/ when that cache is missing or stale."""
    return ensure_jars(POM, JAR_CACHE, "kafka.version", "Kafka")


def _java(jars: Path, *args: str) -> list[str]:
    java = require("java", "install Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless)")
    extra = os.environ.get(JAVA_OPTS_ENV, "").split()
    return [java, *JAVA_OPTS, *extra, "-cp", f"{jars}/*", *args]


def _properties(port: int, sasl_port: int, controller_port: int, data: Path) -> str:
    listeners = f"PLAINTEXT://{LOOPBACK}:{port},SASL://{LOOPBACK}:{sasl_port}"
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "listeners": f"{listeners},CONTROLLER://{LOOPBACK}:{controller_port}",
        "advertised.listeners": listeners,
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,SASL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name": "PLAINTEXT",
        "controller.listener.names": "CONTROLLER",
        "sasl.enabled.mechanisms": SCRAM,
        # The server side of SCRAM needs a login module, but no user of its own: brokers talk over PLAINTEXT.
        "listener.name.sasl.scram-sha-512.sasl.jaas.config":
            "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        # The broker and controller talk over the PLAINTEXT listeners as ANONYMOUS; so do the tests' own clients
        # for now (ADR 20). Nobody else is let in without an ACL.
        "super.users": "User:ANONYMOUS",
        "allow.everyone.if.no.acl.found": "false",
        # Kafka 4.x dynamic quorum (formatted with --standalone), not controller.quorum.voters.
        "controller.quorum.bootstrap.servers": f"{LOOPBACK}:{controller_port}",
        "log.dirs": str(data),
        "num.partitions": "3",
        "auto.create.topics.enable": "true",
        "group.initial.rebalance.delay.ms": "0",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "5",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "transaction.state.log.num.partitions": "5",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        # After a SIGKILL the restarted broker waits for its old session to expire.
        "broker.heartbeat.interval.ms": "500",
        "broker.session.timeout.ms": "2500",
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def _cluster_id() -> str:
    """A random Kafka Uuid in its base64url form (never starting with '-')."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):
            return text


def _broker_ready(bootstrap: str) -> bool:
    """True when an admin client sees an unfenced broker."""
    from kafka import KafkaAdminClient
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
    except Exception:  # noqa: BLE001 - any client failure means "not yet"
        return False
    try:
        return any(not b.get("is_fenced") for b in admin.describe_cluster()["brokers"])
    except Exception:  # noqa: BLE001
        return False
    finally:
        admin.close()


@dataclass
class KafkaServer:
    """A KRaft broker+controller; its files live in `directory`."""

    directory: Path
    port: int
    controller_port: int
    jars: Path
    detach: bool = False
    process: subprocess.Popen | None = None
    sasl_port: int = 0

    @property
    def bootstrap(self) -> str:
        """`127.0.0.1:PORT` for bootstrap_servers (the PLAINTEXT listener: super user)."""
        return f"{LOOPBACK}:{self.port}"

    @property
    def sasl_bootstrap(self) -> str:
        """`127.0.0.1:PORT` of the SASL_PLAINTEXT listener, where clients sign in with SCRAM-SHA-512."""
        return f"{LOOPBACK}:{self.sasl_port}"

    def password(self, user: str) -> str:
        """The SCRAM password of `user`, made once by `add_users` and kept in the broker's directory."""
        return _read_users(self.directory)[user]

    @property
    def pid(self) -> int | None:
        """PID of the JVM, or None when not running."""
        return self.process.pid if self.running else None

    @property
    def running(self) -> bool:
        """True while the JVM started by this object is alive."""
        return self.process is not None and self.process.poll() is None

    @property
    def log_path(self) -> Path:
        """The broker's stdout/stderr log, beside its directory (appended across restarts)."""
        return self.directory.parent / "kafka.log"

    def start(self, timeout: float = 90) -> None:
        """Start the JVM on the configured ports and wait until a client sees the broker."""
        if self.running:
            raise InfraError(f"Kafka is already running (pid {self.process.pid})")
        for port in (self.port, self.sasl_port, self.controller_port):
            if port_accepts(port):
                raise InfraError(f"port {port} for Kafka is taken by another process")
        argv = _java(self.jars, "kafka.Kafka", str(self.directory / "server.properties"))
        self.process = spawn(argv, self.log_path, detach=self.detach,
                             stop_signal=signal.SIGTERM, cwd=self.directory)
        wait_until(lambda: port_accepts(self.port) and _broker_ready(self.bootstrap),
                   what="Kafka", timeout=timeout, proc=self.process, log_path=self.log_path)

    def stop(self, timeout: float = 30) -> None:
        """Controlled shutdown (SIGTERM), SIGKILL after timeout; safe to call twice."""
        if self.process is not None:
            stop_process(self.process, signal.SIGTERM, timeout)

    def kill(self) -> None:
        """SIGKILL the JVM at once (a crash, for fault tests)."""
        if self.process is not None:
            stop_process(self.process, signal.SIGKILL, timeout=10)

    def restart(self, timeout: float = 90) -> None:
        """Start again on the same ports and data (stopping first if running)."""
        self.stop()
        self.start(timeout)


def _read_ports(config: Path) -> tuple[int, int, int]:
    """(PLAINTEXT, SASL, CONTROLLER) ports of a config; the SASL one is 0 in a config written before it existed."""
    text = config.read_text()
    port = re.search(r"\bPLAINTEXT://[^:]+:(\d+)", text).group(1)
    sasl = re.search(r"\bSASL://[^:]+:(\d+)", text)
    controller = re.search(r"CONTROLLER://[^:]+:(\d+)", text).group(1)
    return int(port), int(sasl.group(1)) if sasl else 0, int(controller)


def _free_ports(count: int, taken: Iterable[int] = ()) -> list[int]:
    """`count` distinct free ports, none of them in `taken`."""
    ports: list[int] = []
    while len(ports) < count:
        if (port := free_port()) not in (*taken, *ports):
            ports.append(port)
    return ports


def _prepare_directory(directory: Path, jars: Path) -> tuple[int, int, int]:
    """Reuse a formatted directory's ports (giving an older one its SASL listener), or write a config and format
    storage. Returns the PLAINTEXT, SASL and CONTROLLER ports."""
    config, data = directory / "server.properties", directory / "data"
    if config.is_file() and (data / "meta.properties").is_file():
        port, sasl_port, controller_port = _read_ports(config)
        if not sasl_port:
            [sasl_port] = _free_ports(1, taken=(port, controller_port))
            config.write_text(_properties(port, sasl_port, controller_port, data))
        return port, sasl_port, controller_port
    port, sasl_port, controller_port = _free_ports(3)
    shutil.rmtree(data, ignore_errors=True)
    config.write_text(_properties(port, sasl_port, controller_port, data))
    run_checked(_java(jars, "kafka.tools.StorageTool", "format", "-t", _cluster_id(),
                      "-c", str(config), "--standalone"), "Kafka storage format")
    return port, sasl_port, controller_port


def start_kafka(base_dir: Path, *, detach: bool = False, timeout: float = 90) -> KafkaServer:
    """Start a single-node Kafka: config and data in base_dir/kafka, log in base_dir/kafka.log.

    A fresh directory gets free loopback ports and formatted storage; an
    existing one is reused with its ports.  detach=True leaves the broker
    running after this process exits; otherwise it dies with this process.
    """
    jars = ensure_kafka_jars()
    directory = Path(base_dir).resolve() / "kafka"
    directory.mkdir(parents=True, exist_ok=True)
    port, sasl_port, controller_port = _prepare_directory(directory, jars)
    server = KafkaServer(directory, port, controller_port, jars, detach=detach, sasl_port=sasl_port)
    server.start(timeout)
    return server


def running_kafka(base_dir: Path) -> KafkaServer:
    """A handle on the broker that `start_kafka(base_dir, detach=True)` left running, for its listeners and its
    users (`python -m localinfra down` stops it, not this handle)."""
    directory = Path(base_dir).resolve() / "kafka"
    port, sasl_port, controller_port = _read_ports(directory / "server.properties")
    if not sasl_port:
        raise InfraError(f"the Kafka in {directory} has no SASL listener yet: restart it (`make down`, `make up`)")
    return KafkaServer(directory, port, controller_port, ensure_kafka_jars(), detach=True, sasl_port=sasl_port)


# -- users and ACLs ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """One ACL rule in Strimzi's terms (a KafkaUser's `spec.authorization.acls` item): `operations` allowed on the
    `resource` ("topic" or "group") called `name`, or on every one whose name starts with it (`pattern` "prefix")."""

    resource: str
    name: str
    operations: tuple[str, ...]
    pattern: str = "literal"


@dataclass(frozen=True)
class KafkaAccess:
    """What one principal may do: the topics it writes, the topics it reads and the consumer groups it reads with;
    `group_prefixes`: the groups of its one-off consumers (`<group>.<purpose>...`, e.g. reporting's rebuild)."""

    writes: frozenset[str] = frozenset()
    reads: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    group_prefixes: frozenset[str] = field(default=frozenset())

    def grants(self) -> list[Grant]:
        """The ACL rules, one per resource, sorted: Describe and Write on the topics it writes, Describe and Read on
        the ones it reads, Read on its groups (Read on a group lets a consumer join it, commit and describe it)."""
        rules: dict[tuple[str, str, str], set[str]] = {}
        for names, resource, pattern, operations in (
                (self.writes, "topic", "literal", {"Describe", "Write"}),
                (self.reads, "topic", "literal", {"Describe", "Read"}),
                (self.groups, "group", "literal", {"Read"}),
                (self.group_prefixes, "group", "prefix", {"Read"})):
            for name in names:
                rules.setdefault((resource, name, pattern), set()).update(operations)
        return [Grant(resource, name, tuple(sorted(ops)), pattern)
                for (resource, name, pattern), ops in sorted(rules.items())]


def access_of(service) -> KafkaAccess:
    """A service's access, from its declaration (`kit.service.Service`): it writes the topics of its own events
    (`<service>.*` in contracts) and the dead-letter topic of each topic it reads; it reads the topics its consumer
    subscribes to, with its consumer group, and its one-off consumers (reporting's rebuild) use groups under
    `<group>.`."""
    import contracts

    consumes = service.consumes
    reads = frozenset(consumes.topics if consumes else ())
    owned = {contracts.topic_of(t) for t, _version in contracts.REGISTRY if t.split(".", 1)[0] == service.name}
    return KafkaAccess(writes=frozenset(owned | {f"{topic}.dlq" for topic in reads}), reads=reads,
                       groups=frozenset({consumes.group} if consumes else ()),
                       group_prefixes=frozenset({f"{consumes.group}."} if consumes else ()))


def service_access() -> dict[str, KafkaAccess]:
    """Each installed service's access (`access_of`), by name."""
    from kit.service import load, service_names

    return {name: access_of(load(name)) for name in service_names()}


REPLAY_USER = "dlq-replay"  # tools/replay_dlq.py's user, and the prefix of its consumer groups


def replay_access(services: Mapping[str, KafkaAccess]) -> KafkaAccess:
    """tools/replay_dlq.py's access: it reads every dead-letter topic the services write and writes each back to
    its original topic, nothing else, in its own groups (`dlq-replay.<topic>[.<consumer>]`)."""
    dead = {topic for access in services.values() for topic in access.writes if topic.endswith(".dlq")}
    return KafkaAccess(writes=frozenset(topic.removesuffix(".dlq") for topic in dead), reads=frozenset(dead),
                       group_prefixes=frozenset({f"{REPLAY_USER}."}))


def platform_access() -> dict[str, KafkaAccess]:
    """Every Kafka user of the platform: each service (`service_access`) and the dead-letter replay tool."""
    services = service_access()
    return {**services, REPLAY_USER: replay_access(services)}


def _read_users(directory: Path) -> dict[str, str]:
    path = directory / USERS_FILE
    return json.loads(path.read_text()) if path.is_file() else {}


def add_users(server: KafkaServer, users: Iterable[str]) -> dict[str, str]:
    """Give each user a SCRAM-SHA-512 credential (a password made once and kept in the broker's directory, mode
    0600), through the super user's admin client; returns {user: password}."""
    from kafka import KafkaAdminClient
    from kafka.admin import ScramMechanism, UserScramCredentialUpsertion

    known = _read_users(server.directory)
    wanted = {user: known.get(user) or secrets.token_urlsafe(24) for user in users}
    path = server.directory / USERS_FILE
    path.touch(mode=0o600)
    path.write_text(json.dumps({**known, **wanted}, indent=1, sort_keys=True))
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap, client_id="localinfra-users")
    try:
        failed = {user: error for user, error in admin.alter_user_scram_credentials(
            [UserScramCredentialUpsertion(user, ScramMechanism.SCRAM_SHA_512, password)
             for user, password in wanted.items()]).items() if error}
    finally:
        admin.close()
    if failed:
        raise InfraError(f"Kafka SCRAM credentials not created: {failed}")
    return wanted


def allow(server: KafkaServer, access: Mapping[str, KafkaAccess]) -> None:
    """Create the ACLs of each user (`User:<name>`); ACLs already there stay as they are."""
    from kafka import KafkaAdminClient
    from kafka.admin import ACL, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePattern, ResourceType

    types = {"topic": ResourceType.TOPIC, "group": ResourceType.GROUP}
    patterns = {"literal": ACLResourcePatternType.LITERAL, "prefix": ACLResourcePatternType.PREFIXED}
    acls = [ACL(f"User:{user}", "*", ACLOperation[operation.upper()], ACLPermissionType.ALLOW,
                ResourcePattern(types[rule.resource], rule.name, patterns[rule.pattern]))
            for user, rules in access.items() for rule in rules.grants() for operation in rule.operations]
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap, client_id="localinfra-acls")
    try:
        failed = admin.create_acls(acls)["failed"]
    finally:
        admin.close()
    if failed:
        raise InfraError(f"Kafka ACLs not created: {failed[:3]}")


def lock_down(server: KafkaServer, access: Mapping[str, KafkaAccess] | None = None) -> dict[str, str]:
    """Each user of the platform (`platform_access`: the services and the replay tool), or of `access`, as a SCRAM
    user of the SASL listener with exactly its ACLs; returns {user: password}."""
    access = platform_access() if access is None else access
    passwords = add_users(server, access)
    allow(server, access)
    return passwords


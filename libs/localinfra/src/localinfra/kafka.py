"""A single-node Apache Kafka (KRaft, broker+controller) on loopback, run from Maven jars."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from ._proc import (
    LOOPBACK,
    InfraError,
    file_lock,
    free_port,
    port_accepts,
    run_checked,
    say,
    spawn,
    stop_process,
    wait_until,
)

POM = Path("deploy/local/kafka/pom.xml")
JAR_CACHE = Path("var/cache/kafka-jars")
ROOT_ENV = "LOCALINFRA_REPO_ROOT"
JAVA_OPTS_ENV = "LOCALINFRA_KAFKA_JAVA_OPTS"
JAVA_OPTS = [
    "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
    "-XX:-UsePerfData", "-Djava.awt.headless=true",
    "-Dorg.slf4j.simpleLogger.showDateTime=true",
    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
]


def repo_root() -> Path:
    """The repository holding deploy/local/kafka/pom.xml ($LOCALINFRA_REPO_ROOT,
    else the nearest ancestor of the working directory or of this package)."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / POM).is_file():
                return folder
    raise InfraError(f"cannot find {POM}: run from the repository or set {ROOT_ENV}")


def _require(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise InfraError(f"`{tool}` not found on PATH; {hint}")
    return path


def ensure_kafka_jars() -> Path:
    """Return the directory of Kafka's jars, copying them with Maven into
    var/cache/kafka-jars/<version>/ when that cache is missing or stale."""
    root = repo_root()
    pom = root / POM
    text = pom.read_text()
    version = re.search(r"<kafka\.version>\s*([^<\s]+)\s*<", text).group(1)
    stamp = hashlib.sha256(text.encode()).hexdigest()
    target = root / JAR_CACHE / version
    if (target / "pom.sha256").is_file() and (target / "pom.sha256").read_text() == stamp:
        return target
    with file_lock(root / JAR_CACHE / ".lock"):
        if (target / "pom.sha256").is_file() and (target / "pom.sha256").read_text() == stamp:
            return target
        mvn = _require("mvn", "install Maven (Debian: apt-get install -y maven)")
        say(f"fetching Kafka {version} jars with Maven into {target} (once)")
        partial = target.with_name(f".{version}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        run_checked([mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(pom),
                     "dependency:copy-dependencies", f"-DoutputDirectory={partial}"],
                    "Maven dependency:copy-dependencies")
        (partial / "pom.sha256").write_text(stamp)
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    return target


def _java(jars: Path, *args: str) -> list[str]:
    java = _require("java", "install Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless)")
    extra = os.environ.get(JAVA_OPTS_ENV, "").split()
    return [java, *JAVA_OPTS, *extra, "-cp", f"{jars}/*", *args]


def _properties(port: int, controller_port: int, data: Path) -> str:
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "listeners": f"PLAINTEXT://{LOOPBACK}:{port},CONTROLLER://{LOOPBACK}:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://{LOOPBACK}:{port}",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name": "PLAINTEXT",
        "controller.listener.names": "CONTROLLER",
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

    @property
    def bootstrap(self) -> str:
        """`127.0.0.1:PORT` for bootstrap_servers."""
        return f"{LOOPBACK}:{self.port}"

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
        for port in (self.port, self.controller_port):
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


def _read_ports(config: Path) -> tuple[int, int]:
    text = config.read_text()
    port = re.search(r"PLAINTEXT://[^:]+:(\d+)", text).group(1)
    controller = re.search(r"CONTROLLER://[^:]+:(\d+)", text).group(1)
    return int(port), int(controller)


def _prepare_directory(directory: Path, jars: Path) -> tuple[int, int]:
    """Reuse a formatted directory's ports, or write a config and format storage."""
    config, data = directory / "server.properties", directory / "data"
    if config.is_file() and (data / "meta.properties").is_file():
        return _read_ports(config)
    port, controller_port = free_port(), free_port()
    while controller_port == port:
        controller_port = free_port()
    shutil.rmtree(data, ignore_errors=True)
    config.write_text(_properties(port, controller_port, data))
    run_checked(_java(jars, "kafka.tools.StorageTool", "format", "-t", _cluster_id(),
                      "-c", str(config), "--standalone"), "Kafka storage format")
    return port, controller_port


def start_kafka(base_dir: Path, *, detach: bool = False, timeout: float = 90) -> KafkaServer:
    """Start a single-node Kafka: config and data in base_dir/kafka, log in base_dir/kafka.log.

    A fresh directory gets free loopback ports and formatted storage; an
    existing one is reused with its ports.  detach=True leaves the broker
    running after this process exits; otherwise it dies with this process.
    """
    jars = ensure_kafka_jars()
    directory = Path(base_dir).resolve() / "kafka"
    directory.mkdir(parents=True, exist_ok=True)
    port, controller_port = _prepare_directory(directory, jars)
    server = KafkaServer(directory, port, controller_port, jars, detach=detach)
    server.start(timeout)
    return server


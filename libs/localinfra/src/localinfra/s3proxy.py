"""A local S3 server: S3Proxy (from Maven Central) on loopback with the jclouds `filesystem` backend, so the
attachments are stored in an S3 API for real in `make up` and the tests (ADR 31).

Each start makes a new access key and secret (kept in the server's directory, mode 0600) and creates the bucket
(a folder of the backend's directory).
"""

from __future__ import annotations

import secrets
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ._proc import LOOPBACK, free_port, port_accepts, spawn, stop_process, wait_until
from .maven import ensure_jars, require

POM = Path("deploy/local/s3proxy/pom.xml")
JAR_CACHE = Path("var/cache/s3proxy-jars")
BUCKET = "iso-hcc-attachments"
REGION = "us-east-1"  # S3Proxy signs in any region; boto3 needs one
JAVA_OPTS = ["-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
             "-Djava.awt.headless=true"]
LOGBACK = """<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
"""


def ensure_s3proxy_jars() -> Path:
    """The directory of S3Proxy's jars, copied with Maven into var/cache/s3proxy-jars/<version>/ once."""
    return ensure_jars(POM, JAR_CACHE, "s3proxy.version", "S3Proxy")


@dataclass
class S3Server:
    """A running S3Proxy; `env` is what a service's S3 settings are set to (kit.attachments)."""

    process: subprocess.Popen
    port: int
    access_key: str
    secret_key: str = ""
    bucket: str = BUCKET

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        return {"S3_ENDPOINT_URL": self.endpoint, "S3_REGION": REGION, "S3_BUCKET": self.bucket,
                "S3_ACCESS_KEY_ID": self.access_key, "S3_SECRET_ACCESS_KEY": self.secret_key}

    def stop(self, timeout: float = 20) -> None:
        stop_process(self.process, signal.SIGTERM, timeout)


def properties(port: int, access_key: str, secret_key: str, data: Path) -> str:
    settings = {
        "s3proxy.endpoint": f"http://{LOOPBACK}:{port}",
        "s3proxy.authorization": "aws-v2-or-v4",
        "s3proxy.identity": access_key,
        "s3proxy.credential": secret_key,
        "jclouds.provider": "filesystem",
        "jclouds.filesystem.basedir": str(data),
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def _write_config(directory: Path, port: int, access_key: str, secret_key: str) -> Path:
    config = directory / "s3proxy.properties"
    config.touch(mode=0o600)
    config.write_text(properties(port, access_key, secret_key, directory / "data"))
    (directory / "logback.xml").write_text(LOGBACK)
    return config


def start_s3proxy(directory: Path, *, detach: bool = False, timeout: float = 60) -> S3Server:
    """Start S3Proxy on a free loopback port with a new key and secret, its objects under `directory`/data (kept
    across starts) and the bucket created; its log in `directory`/s3proxy.log."""
    jars = ensure_s3proxy_jars()
    java = require("java", "install Java 17+ (Debian: apt-get install -y openjdk-17-jre-headless)")
    directory = Path(directory).resolve()
    (directory / "data" / BUCKET).mkdir(parents=True, exist_ok=True)  # a bucket is a folder of the backend
    port, access_key, secret_key = free_port(), f"local{secrets.token_hex(8)}", secrets.token_urlsafe(24)
    config = _write_config(directory, port, access_key, secret_key)
    argv = [java, *JAVA_OPTS, f"-Dlogback.configurationFile={directory / 'logback.xml'}", "-cp", f"{jars}/*",
            "org.gaul.s3proxy.Main", "--properties", str(config)]
    log_path = directory / "s3proxy.log"
    process = spawn(argv, log_path, detach=detach, stop_signal=signal.SIGTERM, cwd=directory)
    wait_until(lambda: port_accepts(port), what="S3Proxy", timeout=timeout, proc=process, log_path=log_path)
    return S3Server(process, port, access_key, secret_key)

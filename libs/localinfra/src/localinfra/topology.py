"""The distributed topology on one machine: each service as gunicorn + relay + consumer, and the gateway.

Used by the end-to-end tests and by `make up`. Every process gets its own log file under `workdir`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from kit.service import service_names

SERVICES = service_names()
ISSUER = "iso-hcc-dev"


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


@dataclass
class Topology:
    """Starts and stops the processes; `database_urls` maps each service to its own database (the owner's URL,
    for migrations), `app_urls` to its application role's (ADR 10); a service without one runs as the owner."""

    workdir: Path
    database_urls: dict[str, str]
    kafka: str
    gateway_port: int = field(default_factory=free_port)
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    detached: bool = False
    app_urls: dict[str, str] = field(default_factory=dict)
    redis_url: str | None = None  # the gateway's shared rate-limit counters; None keeps them in memory

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "MIGRATION_DATABASE_URL", "DATABASE_APP_ROLE", "PORT", "BIND")}
        env.update(KAFKA_BOOTSTRAP_SERVERS=self.kafka, JWT_ISSUER=ISSUER, JWT_AUDIENCE="iso-hcc",
                   JWT_JWKS_URL=f"{self.gateway}/auth/jwks.json", WEB_CONCURRENCY="2", PYTHONUNBUFFERED="1")
        env.update(extra)
        return env

    def run(self, name: str, module: str, command: str, **extra: str) -> subprocess.Popen:
        if command == "api":
            extra.setdefault("PROMETHEUS_MULTIPROC_DIR", str(self.workdir / f"metrics-{name}"))
            # Before the child starts: a metric without labels opens its file there at import time.
            Path(extra["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115  (the child owns it)
        process = subprocess.Popen([sys.executable, "-m", module, command], env=self.env(**extra),
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=self.detached)
        self.processes[name] = process
        return process

    def start_service(self, service: str, roles=("api", "relay", "consume")) -> None:
        url = self.app_urls.get(service, self.database_urls[service])
        self.ports.setdefault(service, free_port())
        for role in roles:
            extra = {"DATABASE_URL": url, "BIND": f"127.0.0.1:{self.ports[service]}"}
            self.run(f"{service}-{role}", service, role, **extra)
        if "api" in roles:
            wait_http(f"http://127.0.0.1:{self.ports[service]}/readyz", log=self.workdir / f"{service}-api.log")

    def migrate(self, service: str, seed: bool = False) -> None:
        for command in ("migrate", "seed-demo") if seed else ("migrate",):
            done = subprocess.run([sys.executable, "-m", service, command], capture_output=True, text=True,
                                  env=self.env(MIGRATION_DATABASE_URL=self.database_urls[service],
                                               DATABASE_URL=self.app_urls.get(service, self.database_urls[service])))
            if done.returncode:
                raise RuntimeError(f"{service} {command} failed:\n{done.stderr[-3000:]}")

    def start_gateway(self) -> None:
        urls = {f"{s.upper()}_URL": f"http://127.0.0.1:{self.ports.setdefault(s, free_port())}" for s in SERVICES}
        if self.redis_url:
            urls["REDIS_URL"] = self.redis_url
        # The gateway verifies with its dev issuer's keys in memory; fetching its own JWKS over HTTP could queue
        # behind the requests it is serving.
        self.run("gateway", "gateway", "api", DEV_LOGIN="1", DEV_SIGNING_KEY=str(self.workdir / "dev-key.pem"),
                 BIND=f"127.0.0.1:{self.gateway_port}", JWT_JWKS_URL="", **urls)
        wait_http(f"{self.gateway}/livez", log=self.workdir / "gateway.log")

    def start_all(self, seed: bool = False) -> None:
        for service in SERVICES:
            self.migrate(service, seed)
        self.start_gateway()
        for service in SERVICES:
            self.start_service(service)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        process.send_signal(sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in list(self.processes):
            process = self.processes.pop(name)
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

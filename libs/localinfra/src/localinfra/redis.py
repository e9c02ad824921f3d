"""A throwaway redis-server on loopback (no persistence) for the gateway's shared rate limits."""

from __future__ import annotations

import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ._proc import LOOPBACK, free_port, port_accepts, spawn, stop_process, wait_until
from .debian import ensure_redis


@dataclass
class RedisServer:
    """A running redis-server; `url` is what REDIS_URL is set to."""

    process: subprocess.Popen
    port: int

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"

    def stop(self, timeout: float = 10) -> None:
        """SIGTERM (redis-server exits at once with nothing to save), SIGKILL after `timeout`."""
        stop_process(self.process, signal.SIGTERM, timeout)


def server_argv(binary: Path, directory: Path, port: int) -> list[str]:
    """Loopback only, no RDB snapshots and no append-only file: counters live for a minute anyway."""
    return [str(binary), "--bind", LOOPBACK, "--port", str(port), "--dir", str(directory), "--save", "",
            "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--logfile", ""]


def start_redis(directory: Path, *, detach: bool = False, timeout: float = 20) -> RedisServer:
    """Start redis-server on a free loopback port with its working files and log in `directory`."""
    binary = ensure_redis()
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = directory / "redis.log"
    process = spawn(server_argv(binary, directory, port), log_path, detach=detach, stop_signal=signal.SIGTERM)
    wait_until(lambda: port_accepts(port), what="redis-server", timeout=timeout, proc=process, log_path=log_path)
    return RedisServer(process, port)

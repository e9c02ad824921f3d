"""A throwaway SMTP server on loopback (aiosmtpd, no TLS, no login) that keeps every message it accepts in a
maildir: where the notifications scheduler's reminders go in `make up` and the end-to-end tests, so they are sent
for real and can be read (`<directory>/mail/new/`)."""

from __future__ import annotations

import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ._proc import LOOPBACK, free_port, port_accepts, spawn, stop_process, wait_until


@dataclass
class SmtpSink:
    """A running aiosmtpd; `env` is the notifications service's SMTP settings that reach it."""

    process: subprocess.Popen
    port: int
    maildir: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def env(self) -> dict[str, str]:
        return {"SMTP_HOST": LOOPBACK, "SMTP_PORT": str(self.port), "SMTP_STARTTLS": "0"}

    def stop(self, timeout: float = 10) -> None:
        stop_process(self.process, signal.SIGTERM, timeout)


def server_argv(maildir: Path, port: int) -> list[str]:
    """aiosmtpd's own command line with its Mailbox handler (a maildir), in the foreground."""
    return [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"{LOOPBACK}:{port}", "-c", "aiosmtpd.handlers.Mailbox",
            str(maildir)]


def start_smtp(directory: Path, *, detach: bool = False, timeout: float = 20) -> SmtpSink:
    """Start aiosmtpd on a free loopback port, its maildir and log in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    port, maildir, log_path = free_port(), directory / "mail", directory / "smtp.log"
    process = spawn(server_argv(maildir, port), log_path, detach=detach, stop_signal=signal.SIGTERM)
    wait_until(lambda: port_accepts(port), what="aiosmtpd", timeout=timeout, proc=process, log_path=log_path)
    return SmtpSink(process, port, maildir)

"""The machine and versions a run was measured on (recorded with the results)."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from datetime import UTC, datetime

from localinfra.maven import repo_root
from localinfra.postgres import find_bindir


def describe() -> dict:
    """Cores, memory, CPU, load, Python, OS, PostgreSQL and Kafka versions, and the time."""
    return {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "cpu": _cpu(),
        "load_average_1m": load(),
        "python": platform.python_version(),
        "os": platform.platform(),
        "postgresql": _postgres(),
        "kafka": _kafka(),
    }


def load() -> float:
    """The 1-minute load average: other work on the machine shows in the numbers."""
    return os.getloadavg()[0]


def _cpu() -> str:
    try:
        text = open("/proc/cpuinfo").read()  # noqa: SIM115
    except OSError:
        return platform.processor()
    found = re.search(r"model name\s*:\s*(.+)", text)
    return found.group(1).strip() if found else platform.processor()


def _postgres() -> str:
    bindir = find_bindir()
    if bindir is None:
        return "unknown"
    return subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True, text=True).stdout.strip()


def _kafka() -> str:
    found = re.search(r"<kafka\.version>\s*([^<\s]+)", (repo_root() / "deploy/local/kafka/pom.xml").read_text())
    return found.group(1) if found else "unknown"

"""Debian packages the tests need (fonts, Redis, Chromium), installed with apt-get when missing.

Installing needs root and apt-get; otherwise the error says which package to install.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ._proc import InfraError, file_lock, run_checked, say

APT_LOCK = Path(tempfile.gettempdir()) / "localinfra-apt.lock"

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
REDIS = Path("/usr/bin/redis-server")
CHROMIUM = Path("/usr/bin/chromium")


def apt_install(*packages: str) -> None:
    """Run apt-get install for PACKAGES (root only); one install at a time on the machine."""
    names = " ".join(packages)
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise InfraError(f"missing Debian packages; install them (`sudo apt-get install -y {names}`)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"running apt-get install {names} (once per machine)")
    run_checked(["apt-get", "update"], "apt-get update", env=env)
    run_checked(["apt-get", "install", "-y", "--no-install-recommends", *packages],
                f"apt-get install {names}", env=env)


def ensure_file(path: Path, *packages: str) -> Path:
    """Return PATH, installing PACKAGES first when it does not exist."""
    if path.exists():
        return path
    with file_lock(APT_LOCK):
        if not path.exists():
            apt_install(*packages)
    if not path.exists():
        raise InfraError(f"apt-get installed {' '.join(packages)} but {path} is still missing")
    return path


def ensure_fonts() -> Path:
    """DejaVu, so that PDF reports render Vietnamese diacritics."""
    return ensure_file(FONT, "fonts-dejavu-core").parent


def ensure_redis() -> Path:
    """redis-server, for the gateway's shared rate limits in the distributed mode."""
    return ensure_file(REDIS, "redis-server")


def ensure_chromium() -> Path:
    """Debian's Chromium, driven headless by the browser tests."""
    return ensure_file(CHROMIUM, "chromium", "fonts-dejavu-core")

"""Debian packages the tests need (fonts, Redis, Chromium, bubblewrap), installed with apt-get when missing.

Installing needs root and apt-get; otherwise the error says which package to install. When another program
(unattended-upgrades, another apt-get) holds apt's or dpkg's locks, each apt-get waits for them up to
APT_LOCK_TIMEOUT seconds (600 by default): for dpkg's with apt's own DPkg::Lock::Timeout (apt >= 1.9.11); for
the package lists' and the archives' locks, which apt (2.6) does not wait for, by trying again every few seconds.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from ._proc import InfraError, file_lock, run_checked, say

APT_LOCK = Path(tempfile.gettempdir()) / "localinfra-apt.lock"
APT_LOCK_TIMEOUT_ENV = "APT_LOCK_TIMEOUT"
APT_LOCK_TIMEOUT = 600  # seconds
APT_RETRY_SECONDS = 5
# apt names the lock it could not get in every language: dpkg's (lock, lock-frontend), the lists', the archives'
_LOCK_HELD = re.compile(r"/var/(?:lib/dpkg|lib/apt/lists|cache/apt/archives)/lock")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
REDIS = Path("/usr/bin/redis-server")
CHROMIUM = Path("/usr/bin/chromium")
BWRAP = Path("/usr/bin/bwrap")


def apt_lock_timeout() -> int:
    """Seconds apt-get waits for the dpkg lock: $APT_LOCK_TIMEOUT, else 600."""
    text = os.environ.get(APT_LOCK_TIMEOUT_ENV, "").strip()
    if not text:
        return APT_LOCK_TIMEOUT
    try:
        seconds = int(text)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise InfraError(f"{APT_LOCK_TIMEOUT_ENV}={text!r} is not a number of seconds (0 or more)")
    return seconds


def apt_install(*packages: str) -> None:
    """Run apt-get install for PACKAGES (root only); one install at a time on the machine."""
    names = " ".join(packages)
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise InfraError(f"missing Debian packages; install them (`sudo apt-get install -y {names}`)")
    timeout = apt_lock_timeout()
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"running apt-get install {names} (once per machine); it waits up to {timeout} s for the dpkg lock "
        f"if another program holds it ({APT_LOCK_TIMEOUT_ENV})")
    _apt_get(["update"], "apt-get update", env, timeout)
    _apt_get(["install", "-y", "--no-install-recommends", *packages], f"apt-get install {names}", env, timeout)


def _apt_get(args: list[str], what: str, env: dict[str, str], timeout: int) -> str:
    """apt-get ARGS, waiting up to TIMEOUT seconds for the locks another program holds."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = max(0, math.ceil(deadline - time.monotonic()))
        try:
            return run_checked(["apt-get", "-o", f"DPkg::Lock::Timeout={remaining}", *args], what, env=env)
        except InfraError as error:
            held = [line for line in str(error).splitlines()[1:] if _LOCK_HELD.search(line)]
            if not held:
                raise
            if time.monotonic() + APT_RETRY_SECONDS > deadline:
                raise InfraError(f"{what}: another program held a lock of apt for more than {timeout} s "
                                 f"({APT_LOCK_TIMEOUT_ENV}): {held[0].strip()}") from None
        time.sleep(APT_RETRY_SECONDS)


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


def ensure_bwrap() -> Path:
    """bubblewrap, which runs each container of the manifests with its pod's filesystem (tests/deploy)."""
    return ensure_file(BWRAP, "bubblewrap")

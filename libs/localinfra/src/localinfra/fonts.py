"""A Unicode font for the PDF reports (Debian's fonts-dejavu-core), installed when missing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ._proc import InfraError, file_lock, run_checked, say

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def ensure_fonts() -> Path:
    if FONT.exists():
        return FONT.parent
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise InfraError("DejaVu fonts not found; install them (Debian/Ubuntu: `sudo apt-get install -y "
                         "fonts-dejavu-core`)")
    with file_lock(Path(tempfile.gettempdir()) / "localinfra-apt.lock"):
        if not FONT.exists():
            say("DejaVu fonts not found: running apt-get install fonts-dejavu-core (once per machine)")
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            run_checked(["apt-get", "update"], "apt-get update", env=env)
            run_checked(["apt-get", "install", "-y", "--no-install-recommends", "fonts-dejavu-core"],
                        "apt-get install fonts-dejavu-core", env=env)
    return FONT.parent

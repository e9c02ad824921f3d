"""buildah as `make image` runs it: as root, its storage under var/image (so `make clean` removes it), builds run
with chroot isolation (no OCI runtime, no user namespaces needed: the machine has no container engine).

IMAGE_STORAGE_DRIVER picks the storage driver: overlay (the default) needs a kernel that mounts overlayfs, vfs
works everywhere but copies every layer.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from localinfra.debian import ensure_file

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "image"
BUILDAH = Path("/usr/bin/buildah")


def ensure_buildah() -> Path:
    """Debian's buildah, installed with apt-get when missing."""
    return ensure_file(BUILDAH, "buildah")


def storage_args() -> list[str]:
    driver = os.environ.get("IMAGE_STORAGE_DRIVER", "overlay")
    return ["--root", str(VAR / "storage"), "--runroot", str(VAR / "run"), "--storage-driver", driver]


def buildah(*args: str, capture: bool = False, cwd: Path = ROOT) -> str:
    """Run `buildah <storage> ARGS` in CWD; its output when CAPTURE, else it goes to the terminal."""
    argv = [str(ensure_buildah()), *storage_args(), *args]
    done = subprocess.run(argv, check=True, text=True, stdout=subprocess.PIPE if capture else None, cwd=cwd)
    return (done.stdout or "").strip()


def manifest_digest(image: str) -> str:
    """The digest of the image's manifest in buildah's storage (`sha256:...`)."""
    [found] = json.loads(buildah("images", "--json", "--digests", image, capture=True))
    return found["digest"]

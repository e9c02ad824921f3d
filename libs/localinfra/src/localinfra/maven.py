"""Jars from Maven Central for the local Java servers (Kafka, S3Proxy), copied once into var/cache."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from ._proc import InfraError, file_lock, run_checked, say

ROOT_ENV = "LOCALINFRA_REPO_ROOT"
ANCHOR = Path("deploy/local")


def repo_root() -> Path:
    """The repository holding deploy/local/ ($LOCALINFRA_REPO_ROOT, else the nearest ancestor of the working
    directory or of this package)."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / ANCHOR / "kafka" / "pom.xml").is_file():
                return folder
    raise InfraError(f"cannot find {ANCHOR}: run from the repository or set {ROOT_ENV}")


def require(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise InfraError(f"`{tool}` not found on PATH; {hint}")
    return path


def _fresh(target: Path, stamp: str) -> bool:
    return (target / "pom.sha256").is_file() and (target / "pom.sha256").read_text() == stamp


def ensure_jars(pom: Path, cache: Path, version_property: str, what: str) -> Path:
    """The directory of the jars `pom` (relative to the repository) depends on, copied with Maven into
    `cache`/<version>/ when that copy is missing or was made from another pom; `version_property` names the pom
    property whose value is the version."""
    root = repo_root()
    text = (root / pom).read_text()
    version = re.search(rf"<{re.escape(version_property)}>\s*([^<\s]+)\s*<", text).group(1)
    stamp = hashlib.sha256(text.encode()).hexdigest()
    target = root / cache / version
    if _fresh(target, stamp):
        return target
    with file_lock(root / cache / ".lock"):
        if _fresh(target, stamp):
            return target
        mvn = require("mvn", "install Maven (Debian: apt-get install -y maven)")
        say(f"fetching {what} {version} jars with Maven into {target} (once)")
        partial = target.with_name(f".{version}.partial-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        run_checked([mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(root / pom),
                     "dependency:copy-dependencies", f"-DoutputDirectory={partial}"],
                    "Maven dependency:copy-dependencies")
        (partial / "pom.sha256").write_text(stamp)
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    return target

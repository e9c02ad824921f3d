"""Packages from npm that the tests read: the AsyncAPI specification's JSON Schemas, and axe-core, the
accessibility rules the browser tests run in each page.

    schema = ensure_asyncapi_schema()    # var/cache/npm/asyncapi-specs-<version>/.../schemas/3.0.0.json
    script = ensure_axe_core()           # var/cache/npm/axe-core-<version>/node_modules/axe-core/axe.min.js

Installed once with `npm install` at a pinned version into var/cache/npm of the repository, without a lock file
(it would name the registry); npm comes with Node.js, or from Debian's `npm` package when missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ._proc import file_lock, run_checked, say
from .debian import ensure_file
from .maven import repo_root

ASYNCAPI_SPECS = "@asyncapi/specs"
ASYNCAPI_SPECS_VERSION = "6.11.1"  # carries schemas/3.0.0.json, the AsyncAPI 3.0 document schema
AXE_CORE = "axe-core"
AXE_CORE_VERSION = "4.14.1"
CACHE = Path("var/cache/npm")


def ensure_asyncapi_schema(version: str = "3.0.0") -> Path:
    """The JSON Schema of AsyncAPI documents of `version`, installing the specs package when it is missing."""
    return ensure_package_file(ASYNCAPI_SPECS, ASYNCAPI_SPECS_VERSION, Path("schemas") / f"{version}.json")


def ensure_axe_core() -> Path:
    """axe-core's browser script (it defines `window.axe`), installing the package when it is missing."""
    return ensure_package_file(AXE_CORE, AXE_CORE_VERSION, Path("axe.min.js"))


def ensure_package_file(package: str, version: str, inside: Path) -> Path:
    """The file `inside` of npm `package` at `version`, installed into its own folder of var/cache/npm."""
    target = repo_root() / CACHE / f"{package.lstrip('@').replace('/', '-')}-{version}"
    found = target / "node_modules" / package / inside
    if found.is_file():
        return found
    npm = shutil.which("npm") or str(ensure_file(Path("/usr/bin/npm"), "npm"))
    with file_lock(target.parent / ".lock"):
        if not found.is_file():
            say(f"installing {package}@{version} into {target}")
            target.mkdir(parents=True, exist_ok=True)
            run_checked([npm, "install", "--prefix", str(target), "--no-save", "--no-package-lock", "--no-audit",
                         "--no-fund", f"{package}@{version}"], "npm install")
    return found

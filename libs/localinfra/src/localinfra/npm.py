"""Packages from npm that the tests read (not run): the AsyncAPI specification's JSON Schemas.

    schema = ensure_asyncapi_schema()    # var/cache/npm/asyncapi-specs-<version>/.../schemas/3.0.0.json

Installed once with `npm install` at a pinned version into var/cache/npm of the repository, without a lock file
(it would name the registry); npm comes with Node.js, or from Debian's `npm` package when missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ._proc import file_lock, run_checked, say
from .debian import ensure_file
from .kafka import repo_root

ASYNCAPI_SPECS = "@asyncapi/specs"
ASYNCAPI_SPECS_VERSION = "6.11.1"  # carries schemas/3.0.0.json, the AsyncAPI 3.0 document schema
CACHE = Path("var/cache/npm")


def ensure_asyncapi_schema(version: str = "3.0.0") -> Path:
    """The JSON Schema of AsyncAPI documents of `version`, installing the specs package when it is missing."""
    target = repo_root() / CACHE / f"asyncapi-specs-{ASYNCAPI_SPECS_VERSION}"
    schema = target / "node_modules" / ASYNCAPI_SPECS / "schemas" / f"{version}.json"
    if schema.is_file():
        return schema
    npm = shutil.which("npm") or str(ensure_file(Path("/usr/bin/npm"), "npm"))
    with file_lock(target.parent / ".lock"):
        if not schema.is_file():
            say(f"installing {ASYNCAPI_SPECS}@{ASYNCAPI_SPECS_VERSION} into {target}")
            target.mkdir(parents=True, exist_ok=True)
            run_checked([npm, "install", "--prefix", str(target), "--no-save", "--no-package-lock", "--no-audit",
                         "--no-fund", f"{ASYNCAPI_SPECS}@{ASYNCAPI_SPECS_VERSION}"], "npm install")
    return schema

"""A Go toolchain at least as new as a given release, for `go install` of build tools (kustomize).

    go = ensure_go("1.22.7")     # the path of a `go` binary of Go 1.22.7 or newer

In order: the `go` on PATH when it is recent enough; else the Go release fetched before into
var/cache/go/mod; else the Go release fetched now. Fetching needs some `go` to start from: the one on PATH
however old, or, when there is none, Debian's golang-go, installed with apt-get (root only; otherwise the error
says what to install). Debian bookworm's golang-go is Go 1.19, older than GOTOOLCHAIN (Go 1.21), so the release
is fetched the way Go 1.21+ fetches toolchains itself, for every version alike: as the module
golang.org/toolchain at v0.0.1-go<version>.<GOOS>-<GOARCH>, with `go mod download` through Go's default
module proxy and checksum database, into var/cache/go/mod of the repository (writable, so `rm -rf var` works).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from ._proc import InfraError, file_lock, say
from .debian import ensure_file

MINIMUM = "1.22.7"  # kustomize v5.6.0's go.mod says `go 1.22.7`
TOOLCHAIN_MODULE = "golang.org/toolchain"
DEBIAN_GO = Path("/usr/bin/go")
CACHE = Path("var/cache/go")  # in the repository; the module cache is its mod/

_GOARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64", "i386": "386",
           "i686": "386", "armv6l": "arm", "armv7l": "arm", "ppc64le": "ppc64le", "s390x": "s390x",
           "riscv64": "riscv64", "loongarch64": "loong64"}
_VERSION = re.compile(r"(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(beta|rc)(\d+))?")
_STAGES = {"beta": 0, "rc": 1, None: 2}  # go1.21rc2 < go1.21.0


def parse_version(text: str) -> tuple[int, int, int, int, int] | None:
    """`go1.22.7`, `1.22.7`, `go1.21rc2`, `go1.19 X:boringcrypto` as a comparable tuple; None if it is none."""
    found = _VERSION.match(text.strip())
    if not found:
        return None
    major, minor, patch, stage, number = found.groups()
    return int(major), int(minor), int(patch or 0), _STAGES[stage], int(number or 0)


def version_at_least(found: str, minimum: str) -> bool:
    """Whether a Go version (as `go env GOVERSION` prints it) is MINIMUM or newer.

    A development build (`devel go1.25-1a2b3c4 ...`) counts as newer than any release, as the go command
    itself treats it; text that is no Go version at all does not.
    """
    wanted = parse_version(minimum)
    if wanted is None:
        raise ValueError(f"not a Go version: {minimum!r}")
    if found.strip().startswith("devel"):
        return True
    have = parse_version(found)
    return have is not None and have >= wanted


def go_platform() -> tuple[str, str]:
    """(GOOS, GOARCH) of this machine, as the Go distribution names them."""
    goos = sys.platform.rstrip("0123456789")  # linux, darwin, freebsd13 -> freebsd
    machine = platform.machine().lower()
    if machine not in _GOARCH:
        raise InfraError(f"no Go toolchain is published for this machine ({machine}): install Go >= {MINIMUM}")
    return goos, _GOARCH[machine]


def toolchain_module_version(version: str, goos: str | None = None, goarch: str | None = None) -> str:
    """The version of golang.org/toolchain holding Go VERSION for the platform (this machine's by default)."""
    if goos is None or goarch is None:
        goos, goarch = go_platform()
    return f"v0.0.1-go{version.removeprefix('go')}.{goos}-{goarch}"


def default_cache() -> Path:
    from .maven import repo_root

    return repo_root() / CACHE


def _go_env() -> dict[str, str]:
    """The environment for running a `go` binary: each finds its own GOROOT next to itself, so an
    inherited GOROOT (of some other installation) must not point it elsewhere."""
    env = {key: value for key, value in os.environ.items() if key != "GOROOT"}
    env["GOTOOLCHAIN"] = "local"  # the binary's own version, never a switch to another toolchain
    return env


def go_version(go: str) -> str:
    """`go env GOVERSION` of the binary GO, e.g. `go1.26.8`."""
    try:
        done = subprocess.run([go, "env", "GOVERSION"], env=_go_env(), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InfraError(f"cannot run {go} env GOVERSION: {error}") from None
    if done.returncode or not done.stdout.strip():
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise InfraError(f"{go} env GOVERSION failed: {reason}")
    return done.stdout.strip()


def _reason(error: Exception) -> str:
    """An error on one line: its first line, and its last (where apt-get says what went wrong)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if len(lines) < 2 else f"{lines[0]}: {lines[-1]}"


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _allow_exec(path: Path, pattern: str = "*") -> None:
    """Set the execute bits of PATH, or of every file under it matching PATTERN (module zips keep no modes)."""
    files = [path] if path.is_file() else [p for p in path.rglob(pattern) if p.is_file()]
    for file in files:
        mode = stat.S_IMODE(file.stat().st_mode)
        if mode & 0o111 != 0o111:
            file.chmod(mode | 0o111)


def _unpack(root: Path) -> None:
    """Make the downloaded toolchain runnable, as the go command does with one it fetches itself.

    Module zips cannot hold nested go.mod files, so the toolchain's are named _go.mod (src/_go.mod is the
    standard library's); and they keep no file modes. src/go.mod goes in before the execute bits, and bin/go
    gets them last: an executable bin/go marks a toolchain that is ready.
    """
    for renamed in sorted(root.rglob("_go.mod"), key=lambda p: p == root / "src" / "_go.mod"):
        target = renamed.with_name("go.mod")
        if not target.exists():
            shutil.copyfile(renamed, target)
    _allow_exec(root / "pkg" / "tool")
    _allow_exec(root / "lib", "go_?*_?*_exec")
    _allow_exec(root / "bin" / "gofmt")
    _allow_exec(root / "bin")


def _fetch(go: str, version: str, minimum: str, module_version: str, cache: Path) -> Path:
    """`go mod download` the toolchain module with GO; its directory in the module cache."""
    module = f"{TOOLCHAIN_MODULE}@{module_version}"
    say(f"{go} is Go {version.removeprefix('go')}, older than {minimum}: fetching Go {minimum} "
        f"(module {module}) into {cache / 'mod'}, once")
    env = {**_go_env(), "GOMODCACHE": str(cache / "mod"), "GOFLAGS": "-modcacherw", "GO111MODULE": "on"}
    try:
        done = subprocess.run([go, "mod", "download", "-json", module], cwd=cache, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InfraError(f"cannot fetch Go {minimum} with {go}: {error}") from None
    try:
        info = json.loads(done.stdout)
    except ValueError:
        info = {}
    if done.returncode or info.get("Error") or not info.get("Dir"):
        reason = info.get("Error") or (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise InfraError(f"cannot fetch Go {minimum} ({module}) through the Go module proxy with {go}: "
                         f"{reason}; put Go >= {minimum} on PATH instead")
    return Path(info["Dir"])


def ensure_go(minimum: str = MINIMUM, *, cache: Path | None = None) -> str:
    """The path of a `go` binary of Go MINIMUM (a release, e.g. "1.22.7") or newer.

    CACHE (default var/cache/go of the repository) holds the module cache the release is fetched into.
    Raises InfraError, with one line saying what to install, when there is none and none can be had.
    """
    found = shutil.which("go")
    version = go_version(found) if found else ""
    if found and version_at_least(version, minimum):
        return found
    cache = (cache or default_cache()).resolve()
    module_version = toolchain_module_version(minimum)
    home = cache / "mod" / f"{TOOLCHAIN_MODULE}@{module_version}"  # where the module cache unpacks it
    if _executable(home / "bin" / "go"):
        return str(home / "bin" / "go")
    if found is None:
        say(f"no `go` on PATH; Debian's golang-go provides one to fetch Go {minimum} with")
        try:
            found = str(ensure_file(DEBIAN_GO, "golang-go"))
        except InfraError as error:
            raise InfraError(f"no `go` on PATH, and Debian's golang-go (to fetch Go {minimum} with) cannot be "
                             f"installed: {_reason(error)}") from None
        version = go_version(found)
        if version_at_least(version, minimum):
            return found
    cache.mkdir(parents=True, exist_ok=True)
    with file_lock(cache / "toolchain.lock"):
        if not _executable(home / "bin" / "go"):
            home = _fetch(found, version, minimum, module_version, cache)
            _unpack(home)
    go = home / "bin" / "go"
    if not _executable(go):
        raise InfraError(f"fetched Go {minimum} into {home}, but {go} is not an executable file")
    fetched = go_version(str(go))
    if not version_at_least(fetched, minimum):
        raise InfraError(f"fetched Go {minimum} into {home}, but {go} says it is {fetched}")
    say(f"using {go} ({fetched})")
    return str(go)

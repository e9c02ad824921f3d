"""A throwaway PostgreSQL cluster on loopback, run from the distribution's server binaries."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._proc import LOOPBACK, InfraError, file_lock, free_port, run_checked, spawn, stop_process, wait_until
from .debian import APT_LOCK, apt_install

SUPERUSER = "postgres"
DEBIAN_LIB = Path("/usr/lib/postgresql")  # Debian/Ubuntu: <major>/bin per version
BINDIR_ENV = "LOCALINFRA_PG_BINDIR"
# Durability off: these clusters are disposable and tests want speed.
SETTINGS = {
    "listen_addresses": LOOPBACK,
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    # Segments as files in the data dir, not /dev/shm: nothing left behind after a SIGKILL.
    "dynamic_shared_memory_type": "mmap",
}
_SOCKET_PATH_MAX = 100  # unix socket paths are limited to 107 bytes


def _has_server(bindir: Path) -> bool:
    return (bindir / "postgres").is_file() and (bindir / "initdb").is_file()


def _major(bindir: Path) -> int:
    match = re.search(r"/(\d+)/bin$", str(bindir))
    return int(match.group(1)) if match else 0


def find_bindir() -> Path | None:
    """Locate PostgreSQL server binaries: $LOCALINFRA_PG_BINDIR, pg_config,
    Debian's /usr/lib/postgresql/<newest>/bin, then initdb on PATH."""
    candidates = [Path(p) for p in [os.environ.get(BINDIR_ENV)] if p]
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
            candidates.append(Path(out.stdout.strip()))
    candidates += sorted(DEBIAN_LIB.glob("*/bin"), key=_major, reverse=True)
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).resolve().parent)
    return next((c for c in candidates if _has_server(c)), None)


def ensure_postgres_binaries() -> Path:
    """Return the server bindir, installing Debian's `postgresql` package when
    absent and running as root; otherwise fail with instructions."""
    bindir = find_bindir()
    if bindir:
        return bindir
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise InfraError(
            "PostgreSQL server binaries (postgres, initdb) not found. Install them"
            " (Debian/Ubuntu: `sudo apt-get install -y postgresql`) or set"
            f" {BINDIR_ENV} to the directory that holds them.")
    with file_lock(APT_LOCK):
        if not find_bindir():
            apt_install("postgresql")
    bindir = find_bindir()
    if not bindir:
        raise InfraError("apt-get installed postgresql but no server binaries were found")
    return bindir


@dataclass
class PostgresServer:
    """A running cluster; superuser `postgres` with trust auth on 127.0.0.1."""

    port: int
    data_dir: Path
    log_path: Path
    process: subprocess.Popen
    user: str = SUPERUSER
    host: str = LOOPBACK
    cleanup_dir: Path | None = None

    @property
    def pid(self) -> int:
        """PID of the postmaster."""
        return self.process.pid

    @property
    def base_url(self) -> str:
        """SQLAlchemy URL without a database: append `/<dbname>`."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}"

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL of one database on this server."""
        return f"{self.base_url}/{dbname}"

    def connect(self, dbname: str = "postgres", **kwargs):
        """A psycopg connection to one database on this server."""
        import psycopg
        return psycopg.connect(host=self.host, port=self.port, user=self.user,
                               dbname=dbname, **kwargs)

    def create_database(self, name: str) -> str:
        """Create database `name` unless it exists; return its SQLAlchemy URL."""
        from psycopg import errors, sql
        with self.connect(autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                 (name,)).fetchone()
            if not found:
                with contextlib.suppress(errors.DuplicateDatabase, errors.UniqueViolation):
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def stop(self, timeout: float = 20) -> None:
        """Fast shutdown (SIGINT), SIGKILL after timeout; safe to call twice."""
        stop_process(self.process, signal.SIGINT, timeout)
        if self.cleanup_dir:
            shutil.rmtree(self.cleanup_dir, ignore_errors=True)
            self.cleanup_dir = None


def _server_os_user() -> str | None:
    """PostgreSQL refuses to run as root: use the `postgres` account then."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise InfraError("running as root but there is no `postgres` system user"
                         " to run the server as") from None
    return SUPERUSER


def _reachable(path: Path, os_user: str) -> bool:
    """True when os_user can traverse every directory down to path."""
    probe = subprocess.run(["test", "-x", str(path)], user=os_user, group=os_user,
                           extra_groups=[], stdin=subprocess.DEVNULL)
    return probe.returncode == 0


def _cluster_root(base_dir: Path, os_user: str | None) -> Path:
    """Create base_dir/postgres owned by the server user.  When that user
    cannot reach base_dir (e.g. a 0700 pytest temp dir owned by root), the
    directory lives in the system temp dir and base_dir/postgres links to it."""
    root = base_dir / "postgres"
    if root.is_symlink() and not root.exists():
        root.unlink()
    if not root.exists():
        if os_user is None or _reachable(base_dir, os_user):
            root.mkdir()
        else:
            root.symlink_to(tempfile.mkdtemp(prefix="localinfra-pg-"))
    root = root.resolve()
    (root / "run").mkdir(exist_ok=True)
    if os_user is not None:
        account = pwd.getpwnam(os_user)
        for path in (root, root / "run"):
            os.chown(path, account.pw_uid, account.pw_gid)
        if not _reachable(root / "run", os_user):
            raise InfraError(f"user {os_user} cannot reach {root}")
    return root


def _initdb(bindir: Path, data: Path, os_user: str | None) -> None:
    argv = [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]
    user = {"user": os_user, "group": os_user, "extra_groups": []} if os_user else {}
    run_checked(argv, "initdb", cwd=data.parent, **user)


def _server_argv(bindir: Path, data: Path, port: int) -> list[str]:
    socket_dir = data.parent / "run"
    if len(str(socket_dir)) > _SOCKET_PATH_MAX - len("/.s.PGSQL.65535"):
        socket_dir = ""  # path too long for a unix socket: TCP only
    settings = {**SETTINGS, "unix_socket_directories": str(socket_dir)}
    argv = [str(bindir / "postgres"), "-D", str(data), "-p", str(port)]
    for key, value in settings.items():
        argv += ["-c", f"{key}={value}"]
    return argv


def _launch(bindir: Path, data: Path, log_path: Path, os_user: str | None,
            detach: bool, timeout: float) -> tuple[int, subprocess.Popen]:
    """initdb if needed, start the postmaster on a free port, wait until it accepts."""
    if not (data / "PG_VERSION").is_file():
        _initdb(bindir, data, os_user)
    port = free_port()
    proc = spawn(_server_argv(bindir, data, port), log_path, detach=detach,
                 stop_signal=signal.SIGINT, user=os_user, cwd=data.parent)
    isready = [str(bindir / "pg_isready"), "-q", "-h", LOOPBACK, "-p", str(port),
               "-U", SUPERUSER, "-d", "postgres", "-t", "2"]
    wait_until(lambda: subprocess.run(isready).returncode == 0, what="PostgreSQL",
               timeout=timeout, proc=proc, log_path=log_path)
    return port, proc


def start_postgres(base_dir: Path, *, detach: bool = False, timeout: float = 60) -> PostgresServer:
    """Start PostgreSQL with its cluster under base_dir/postgres (initdb'd on
    first use, reused after) on a free loopback port; log in base_dir/postgres.log.

    detach=True leaves the server running after this process exits (see
    `python -m localinfra up`); otherwise it dies with this process.
    """
    bindir = ensure_postgres_binaries()
    base_dir = Path(base_dir).resolve()
    base_dir.mkdir(parents=True, exist_ok=True)
    os_user = _server_os_user()
    root = _cluster_root(base_dir, os_user)
    linked = (base_dir / "postgres").is_symlink()
    cleanup = root if linked and not detach else None
    try:
        port, proc = _launch(bindir, root / "data", base_dir / "postgres.log",
                             os_user, detach, timeout)
    except BaseException:
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
        raise
    return PostgresServer(port=port, data_dir=root / "data", log_path=base_dir / "postgres.log",
                          process=proc, cleanup_dir=cleanup)

"""Debian's PgBouncer on loopback in front of a local PostgreSQL, pooling in transaction mode as the
CloudNativePG `Pooler` does in the cluster (deploy/k8s/base/poolers.yaml).

    bouncer = start_pgbouncer(tmp_dir, pg.host, pg.port, users={"isohcc_app": "secret"}, pool_size=2)
    bouncer.url_for(app_url)    # the same database, user and password, through PgBouncer
    bouncer.stop()

Every database of the server is served (`* = host=... port=...`), each user/database pair gets `pool_size` server
connections, and a client's connection is tied to a server connection only for the length of one transaction:
what a transaction leaves on its session (a `SET`, a session advisory lock, a prepared statement) is seen by the
next client's transaction on that server connection, which is what the tests through it look for.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._proc import LOOPBACK, free_port, port_accepts, spawn, stop_process, wait_until
from .debian import ensure_file

PGBOUNCER = Path("/usr/sbin/pgbouncer")
OS_USER = "postgres"  # PgBouncer refuses to run as root; Debian's postgresql package creates this account


def ensure_pgbouncer() -> Path:
    """Debian's pgbouncer, installed with apt-get when missing."""
    return ensure_file(PGBOUNCER, "pgbouncer")


@dataclass
class PgBouncer:
    """A running PgBouncer: `port` on loopback, transaction pooling, `pool_size` server connections per pool."""

    port: int
    pool_size: int
    log_path: Path
    process: subprocess.Popen
    directory: Path
    host: str = LOOPBACK

    def url_for(self, url: str) -> str:
        """The SQLAlchemy URL `url` (of the PostgreSQL behind) with its host and port replaced by PgBouncer's."""
        from sqlalchemy.engine import make_url

        return make_url(url).set(host=self.host, port=self.port).render_as_string(hide_password=False)

    def stop(self, timeout: float = 10) -> None:
        """SIGINT (safe shutdown: wait for the transactions in flight), SIGKILL after timeout; safe to call twice."""
        stop_process(self.process, signal.SIGINT, timeout)
        shutil.rmtree(self.directory, ignore_errors=True)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def config(*, port: int, server_host: str, server_port: int, pool_size: int, auth_file: Path) -> str:
    """pgbouncer.ini: every database of the server, transaction pooling, no unix socket, logs on stderr."""
    settings = {
        "listen_addr": LOOPBACK,
        "listen_port": port,
        "unix_socket_dir": "",
        "auth_type": "scram-sha-256",
        "auth_file": auth_file,
        "pool_mode": "transaction",
        "default_pool_size": pool_size,
        "min_pool_size": 0,
        "reserve_pool_size": 0,
        "max_client_conn": 1000,
        # As in the cluster: nothing resets a server connection between two clients' transactions
        # (server_reset_query only runs in session mode).
        "server_reset_query_always": 0,
        "ignore_startup_parameters": "extra_float_digits,options",
        "syslog": 0,
        "log_connections": 0,
        "log_disconnections": 0,
    }
    lines = ["[databases]", f"* = host={server_host} port={server_port}", "", "[pgbouncer]"]
    lines += [f"{key} = {value}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def start_pgbouncer(base_dir: Path, server_host: str, server_port: int, *, users: dict[str, str],
                    pool_size: int = 2, timeout: float = 30) -> PgBouncer:
    """Start PgBouncer on a free loopback port in front of the PostgreSQL at server_host:server_port; `users`:
    name -> password of the roles clients log in as (SCRAM between client and PgBouncer; PgBouncer logs in to the
    server with the same password when the server asks for one). Its log is base_dir/pgbouncer-<port>.log; its
    configuration lives in a fresh directory of the system's temp dir (which the `postgres` account PgBouncer runs
    as under root can reach, unlike a 0700 pytest directory), removed by stop(); it dies with this process."""
    binary = ensure_pgbouncer()
    directory = Path(tempfile.mkdtemp(prefix="localinfra-pgbouncer-"))
    try:
        port = free_port()
        log_path = Path(base_dir) / f"pgbouncer-{port}.log"
        process = _launch(binary, directory, port, log_path, server_host, server_port, users, pool_size, timeout)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return PgBouncer(port=port, pool_size=pool_size, log_path=log_path, process=process, directory=directory)


def _launch(binary: Path, directory: Path, port: int, log_path: Path, server_host: str, server_port: int,
            users: dict[str, str], pool_size: int, timeout: float) -> subprocess.Popen:
    auth_file, ini = directory / "userlist.txt", directory / "pgbouncer.ini"
    auth_file.write_text("".join(f"{_quoted(name)} {_quoted(password)}\n" for name, password in users.items()))
    ini.write_text(config(port=port, server_host=server_host, server_port=server_port, pool_size=pool_size,
                          auth_file=auth_file))
    user = OS_USER if os.geteuid() == 0 else None
    if user is not None:
        account = pwd.getpwnam(user)
        for path in (directory, auth_file, ini):
            os.chown(path, account.pw_uid, account.pw_gid)
    process = spawn([str(binary), str(ini)], log_path, detach=False, stop_signal=signal.SIGINT, user=user,
                    cwd=directory)
    wait_until(lambda: port_accepts(port), what="PgBouncer", timeout=timeout, proc=process, log_path=log_path)
    return process

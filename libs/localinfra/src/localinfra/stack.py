"""`python -m localinfra.stack up|down`: the distributed topology for `make up` / `make down`.

`up` starts PostgreSQL, Kafka, Redis, an SMTP sink for the reminders and S3Proxy for the attachments (detached,
through `python -m localinfra up`), creates and migrates each service's database, creates the topics, starts every
service (gunicorn, relay, consumer, its own kinds such as the notifications scheduler) and the gateway on PORT
(default 8000), all detached, then writes the demo of `make run` through them and waits until every event is
applied; their PIDs go to var/local/stack.pids and logs to var/local/*.log. `down` stops them, then the servers.

As in production (ADR 10) the services log in as an application role that owns nothing and is bound by
row-level security; the migrations run as the cluster's superuser, which owns the tables here. As in production
(ADR 20) each service process signs in to Kafka as its service, a SCRAM user held by ACLs to its own topics; the
topics are created by the super user of the broker's PLAINTEXT listener.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from localinfra import __main__ as servers
from localinfra._proc import pid_alive, say, stop_pid
from localinfra.kafka import running_kafka
from localinfra.topology import SERVICES, KafkaLogins, Topology

PIDS = "stack.pids"


def create_database(base_url: str, name: str) -> str:
    engine = create_engine(f"{base_url}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{base_url}/{name}"


APP_ROLE, APP_PASSWORD = "isohcc_app", "isohcc-app-local"  # a throwaway cluster on loopback only


def create_app_role(base_url: str) -> None:
    """The services' login role: no superuser, no BYPASSRLS, owner of nothing (once per cluster)."""
    engine = create_engine(f"{base_url}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE}).first():
            connection.execute(text(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                                    f"NOBYPASSRLS NOINHERIT PASSWORD '{APP_PASSWORD}'"))
    engine.dispose()


def as_app_role(url: str) -> str:
    return make_url(url).set(username=APP_ROLE, password=APP_PASSWORD).render_as_string(hide_password=False)


def up(directory: Path) -> int:
    if (directory / PIDS).exists():
        say(f"already up (see {directory / PIDS}); `make down` first")
        return 1
    if servers.up(directory):
        return 1
    env = servers.read_env(directory / servers.ENV_FILE)
    urls = {name: create_database(env["DATABASE_URL_BASE"], f"isohcc_{name}") for name in SERVICES}
    create_app_role(env["DATABASE_URL_BASE"])
    topology = Topology(directory, urls, env["KAFKA_BOOTSTRAP_SERVERS"],
                        gateway_port=int(os.environ.get("PORT", "8000")), detached=True,
                        redis_url=env.get("REDIS_URL"), app_urls={n: as_app_role(u) for n, u in urls.items()},
                        logins=KafkaLogins.lock_down(running_kafka(directory)),
                        smtp_env={key: env[key] for key in ("SMTP_HOST", "SMTP_PORT")} | {"SMTP_STARTTLS": "0"},
                        s3_env={key: value for key, value in env.items() if key.startswith("S3_")})
    try:
        topology.start_all()
    finally:
        (directory / PIDS).write_text("".join(f"{p.pid}\n" for p in topology.processes.values()))
    say(f"ISO-HCC is up on {topology.gateway} (logs in {directory}); writing the demo data through it")
    say(f"reminder e-mails go to the local SMTP sink on {env['SMTP_HOST']}:{env['SMTP_PORT']}, kept in "
        f"{env['SMTP_MAILDIR']}/new/")
    topology.seed_demo(echo=True)
    say(f"demo ready: every demo record is in the read models; open {topology.gateway} (stop with `make down`)")
    return 0


def down(directory: Path) -> int:
    pids = directory / PIDS
    if pids.exists():
        for pid in map(int, pids.read_text().split()):
            if pid_alive(pid):
                stop_pid(pid, signal.SIGTERM, timeout=30)
        pids.unlink()
    return servers.down(directory)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m localinfra.stack", description=__doc__)
    parser.add_argument("command", choices=["up", "down"])
    parser.add_argument("--dir", type=Path, default=Path("var/local"))
    args = parser.parse_args()
    directory = args.dir.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    return (up if args.command == "up" else down)(directory)


if __name__ == "__main__":
    sys.exit(main())

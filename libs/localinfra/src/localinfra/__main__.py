"""Command line: `python -m localinfra {prepare,up,down,check} [--dir var/local]`."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from pathlib import Path

from ._proc import InfraError, pid_alive, pid_cmdline, say, stop_pid
from .debian import ensure_bwrap, ensure_chromium, ensure_fonts, ensure_redis
from .kafka import ensure_kafka_jars, start_kafka
from .npm import ensure_asyncapi_schema, ensure_axe_core
from .pgbouncer import ensure_pgbouncer
from .postgres import ensure_postgres_binaries, start_postgres
from .redis import start_redis
from .s3proxy import ensure_s3proxy_jars, start_s3proxy
from .smtp import start_smtp

ENV_FILE = "env"
# env key -> (text that must be in the process's command line, stop signal)
PID_KEYS = {
    "LOCALINFRA_KAFKA_PID": ("kafka.Kafka", signal.SIGTERM),
    "LOCALINFRA_POSTGRES_PID": ("postgres", signal.SIGINT),
    "LOCALINFRA_REDIS_PID": ("redis-server", signal.SIGTERM),
    "LOCALINFRA_SMTP_PID": ("aiosmtpd", signal.SIGTERM),
    "LOCALINFRA_S3PROXY_PID": ("org.gaul.s3proxy.Main", signal.SIGTERM),
}


def read_env(path: Path) -> dict[str, str]:
    """Parse the KEY=VALUE lines of an env file written by `up` ({} if absent)."""
    if not path.is_file():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text().splitlines()
             if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def prepare(_: Path) -> int:
    """Install what is missing (PostgreSQL, Kafka and S3Proxy jars, fonts, Redis, Chromium, bubblewrap, PgBouncer, the
    AsyncAPI schema, axe-core); start nothing."""
    say(f"PostgreSQL binaries: {ensure_postgres_binaries()}")
    say(f"Kafka jars: {ensure_kafka_jars()}")
    say(f"S3Proxy jars for the attachments' object store: {ensure_s3proxy_jars()}")
    say(f"Fonts for PDF reports: {ensure_fonts()}")
    say(f"Redis server: {ensure_redis()}")
    say(f"Chromium for browser tests: {ensure_chromium()}")
    say(f"PgBouncer for the transaction-pooling tests: {ensure_pgbouncer()}")
    say(f"bubblewrap for the manifest test: {ensure_bwrap()}")
    say(f"AsyncAPI schema for the event document's test: {ensure_asyncapi_schema()}")
    say(f"axe-core for the browser tests: {ensure_axe_core()}")
    return 0


def down(directory: Path) -> int:
    """Stop the servers recorded in DIR/env by `up` and remove the file."""
    env_path = directory / ENV_FILE
    env = read_env(env_path)
    for key, (marker, sig) in PID_KEYS.items():
        pid = int(env.get(key, "0"))
        if pid and pid_alive(pid) and marker in pid_cmdline(pid):
            say(f"stopping {marker} (pid {pid})")
            stop_pid(pid, sig, timeout=30)
    env_path.unlink(missing_ok=True)
    return 0


@contextlib.contextmanager
def _stopped_on_error(server):
    """`server`, stopped if the block raises (a later server failed to start)."""
    try:
        yield server
    except BaseException:
        server.stop()
        raise


def up(directory: Path) -> int:
    """Start PostgreSQL, Kafka, Redis, the SMTP sink and S3Proxy detached; write DIR/env; return at once."""
    env_path = directory / ENV_FILE
    env = read_env(env_path)
    if env and all(pid_alive(int(env.get(key, "0"))) for key in PID_KEYS):
        say(f"already running, see {env_path}")
        print(env_path.read_text(), end="")
        return 0
    down(directory)  # clear a half-dead previous run
    with contextlib.ExitStack() as started:  # a server that fails to start stops the ones before it
        pg = started.enter_context(_stopped_on_error(start_postgres(directory, detach=True)))
        kafka = started.enter_context(_stopped_on_error(start_kafka(directory, detach=True)))
        redis = started.enter_context(_stopped_on_error(start_redis(directory / "redis", detach=True)))
        smtp = started.enter_context(_stopped_on_error(start_smtp(directory / "smtp", detach=True)))
        s3 = start_s3proxy(directory / "s3proxy", detach=True)
    env_path.write_text(
        "# written by `python -m localinfra up`; stop with `python -m localinfra down`\n"
        f"DATABASE_URL_BASE={pg.base_url}\n"
        f"KAFKA_BOOTSTRAP_SERVERS={kafka.bootstrap}\n"
        f"LOCALINFRA_POSTGRES_PID={pg.pid}\n"
        f"REDIS_URL={redis.url}\n"
        f"LOCALINFRA_KAFKA_PID={kafka.pid}\n"
        f"LOCALINFRA_REDIS_PID={redis.pid}\n"
        f"SMTP_HOST={smtp.env['SMTP_HOST']}\n"
        f"SMTP_PORT={smtp.port}\n"
        f"SMTP_MAILDIR={smtp.maildir}\n"
        f"LOCALINFRA_SMTP_PID={smtp.pid}\n"
        + "".join(f"{key}={value}\n" for key, value in s3.env.items())
        + f"LOCALINFRA_S3PROXY_PID={s3.pid}\n")
    say(f"up; logs in {directory}, settings in {env_path}")
    print(env_path.read_text(), end="")
    return 0


def check(_: Path) -> int:
    """Self-check: start both in a temp dir, use them, stop them."""
    from .selfcheck import run
    return run()


COMMANDS = {"prepare": prepare, "up": up, "down": down, "check": check}


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m localinfra` and the `localinfra` script."""
    parser = argparse.ArgumentParser(prog="python -m localinfra", description=__doc__)
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("--dir", type=Path, default=Path("var/local"),
                        help="state directory for up/down (default: var/local)")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args.dir.resolve())
    except InfraError as error:
        print(f"localinfra: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

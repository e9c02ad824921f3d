"""Run a WSGI app under gunicorn from Python, so `python -m <service> api` is the one entry point."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import _DEFER, TConn, ThreadWorker

from kit import logs

# Seconds a client has to send one request (line, headers and body): a worker thread waits at most this long for
# a slow client, so a few clients sending a byte at a time cannot hold every thread for ever (issue 20).
READ_TIMEOUT = float(os.environ.get("REQUEST_READ_TIMEOUT_SECONDS", "20"))
# gunicorn answers a longer request line or header itself, in HTML; the gateway answers shorter ones it does not
# accept with a problem and its security headers. 8190 is the most gunicorn allows for the request line.
LIMIT_REQUEST_LINE = 8190
LIMIT_REQUEST_FIELD_SIZE = 16380


class _TimedSocket(socket.socket):
    """A client socket whose reads end READ_TIMEOUT seconds after the worker thread started on the request.

    gunicorn's thread sets the socket blocking (no timeout) before reading a request; here that starts the
    request's deadline instead. A client that has not sent its request by then is treated as gone (a reset, which
    gunicorn closes quietly). Writes are not limited."""

    _deadline: float | None = None

    def setblocking(self, flag: bool) -> None:
        self._deadline = time.monotonic() + READ_TIMEOUT if flag else None
        super().setblocking(flag)

    def recv(self, *args):
        self._arm()
        try:
            return super().recv(*args)
        except TimeoutError:
            raise ConnectionResetError(errno.ECONNRESET, "client too slow") from None

    def recv_into(self, *args):
        self._arm()
        try:
            return super().recv_into(*args)
        except TimeoutError:
            raise ConnectionResetError(errno.ECONNRESET, "client too slow") from None

    def _arm(self) -> None:
        if self._deadline is not None:
            super().settimeout(max(0.001, self._deadline - time.monotonic()))

    def settimeout(self, value) -> None:
        """gunicorn's own timed reads (draining a body, a graceful close) keep their own timeout."""
        self._deadline = None
        super().settimeout(value)

    def sendall(self, *args):
        if self._deadline is not None:
            super().settimeout(None)
        return super().sendall(*args)


def _head_incomplete(sock: socket.socket) -> bool:
    """Whether some of a request has arrived but not the end of its headers (a peek: nothing is consumed)."""
    try:
        seen = socket.socket.recv(sock, 65536, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except OSError:  # nothing yet (gunicorn waits for it), or gone: gunicorn's own handling
        return False
    return bool(seen) and b"\r\n\r\n" not in seen and len(seen) < 65536


class TimedThreadWorker(ThreadWorker):
    """gunicorn's gthread worker that gives a thread to a new connection only once its request's headers have
    arrived (until then it waits in the poller, at most READ_TIMEOUT seconds), and whose sockets' reads end at
    the request's deadline (`_TimedSocket`). So slow clients hold no thread while they send their headers, and
    a slow body or a slow next request on a kept-alive connection holds one READ_TIMEOUT seconds at most."""

    def handle(self, conn):
        if not conn.initialized and not self.cfg.is_ssl and _head_incomplete(conn.sock):
            started = conn.__dict__.setdefault("head_started", time.monotonic())
            if time.monotonic() - started > READ_TIMEOUT:
                return False  # closed by gunicorn
            conn.data_ready = False
            return _DEFER
        return super().handle(conn)

    def accept(self, listener):
        try:
            client, address = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        timed = _TimedSocket(client.family, client.type, client.proto, fileno=client.detach())
        timed.setblocking(True)
        self.enqueue_req(TConn(self.cfg, timed, address, listener.getsockname()))


class _Gunicorn(BaseApplication):
    def __init__(self, load: Callable[[], Flask], options: dict):
        self._load, self._options = load, options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self._options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return self._load()


def run_gunicorn(load: Callable[[], Flask], *, bind: str, workers: int = 2, threads: int = 4,
                 service: str = "app", log_format: str = "json") -> None:
    """Serve the app that `load()` builds in each worker (never at import, never in the master).

    With PROMETHEUS_MULTIPROC_DIR set (it must be set before the process starts), the directory is
    emptied at start and dead workers' files are marked, so `/metrics` sums all workers.
    """
    settings = options(bind=bind, workers=workers, threads=threads, service=service, log_format=log_format)
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if metrics_dir:
        shutil.rmtree(metrics_dir, ignore_errors=True)
        os.makedirs(metrics_dir, exist_ok=True)
        settings["child_exit"] = _mark_dead
    _Gunicorn(load, settings).run()


def options(*, bind: str, workers: int, threads: int, service: str, log_format: str) -> dict:
    """gunicorn's settings for one of our APIs."""
    return {
        "bind": bind, "workers": workers, "threads": threads, "worker_class": "kit.serve.TimedThreadWorker",
        "limit_request_line": LIMIT_REQUEST_LINE, "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
        "graceful_timeout": 25, "timeout": 60, "keepalive": 5, "accesslog": None,
        "logconfig_dict": _logging(service, log_format),
        # gunicorn 27's control socket has one default path per user: every API on a machine would
        # fight over it (and log an error). Processes are managed by signals and Kubernetes instead.
        "control_socket_disable": True,
    }


def _logging(service: str, log_format: str) -> dict:
    """gunicorn's own log lines in the application's format."""
    handler = {"class": "logging.StreamHandler", "formatter": log_format, "stream": "ext://sys.stderr"}
    formatter = logs.formatter_class(log_format)
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {log_format: {"()": f"kit.logs.{formatter.__name__}", "service": service}},
        "handlers": {"console": handler, "error_console": handler},
        "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False}},
        "root": {"level": logging.getLevelName(logging.getLogger().level), "handlers": ["console"]},
    }


def _mark_dead(_server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def stop_on_signals() -> threading.Event:
    """An event set on SIGTERM or SIGINT, for relay and consumer loops to finish the work in hand."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop

"""Run a WSGI app under gunicorn from Python, so `python -m <service> api` is the one entry point."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication

from kit import logs


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
        "bind": bind, "workers": workers, "threads": threads, "worker_class": "gthread",
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

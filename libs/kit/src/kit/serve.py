"""Run a WSGI app under gunicorn from Python, so `python -m <service> api` is the one entry point."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, load: Callable[[], Flask], options: dict):
        self._load, self._options = load, options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self._options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return self._load()


def run_gunicorn(load: Callable[[], Flask], *, bind: str, workers: int = 2, threads: int = 4) -> None:
    """Serve the app that `load()` builds in each worker (never at import, never in the master)."""
    _Gunicorn(load, {
        "bind": bind, "workers": workers, "threads": threads, "worker_class": "gthread",
        "graceful_timeout": 25, "timeout": 60, "keepalive": 5, "accesslog": None,
    }).run()


def stop_on_signals() -> threading.Event:
    """An event set on SIGTERM or SIGINT, for relay and consumer loops to finish the work in hand."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop

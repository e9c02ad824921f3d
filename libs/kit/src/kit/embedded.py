"""What a service hands to the embedded single-process mode."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask


@dataclass
class EmbeddedService:
    """The service's app, and the loops (relay, consumer) to run as threads until `stop` is set."""

    app: Flask
    workers: list[Callable[[threading.Event], None]] = field(default_factory=list)

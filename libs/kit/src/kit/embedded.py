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


GROUP = "iso_hcc.services"


def service_names() -> list[str]:
    """The installed services: each declares itself under the `iso_hcc.services` entry-point group.

    ISO_HCC_SERVICES (comma-separated) narrows the set, e.g. to run the topology with some services only.
    """
    import os
    from importlib.metadata import entry_points

    names = sorted(point.name for point in entry_points(group=GROUP))
    wanted = os.environ.get("ISO_HCC_SERVICES")
    return [name for name in names if name in wanted.split(",")] if wanted else names


def load(name: str):
    """The service's `embedded` module (it has `build(var_dir, verifier, broker) -> EmbeddedService`)."""
    from importlib.metadata import entry_points

    [point] = [p for p in entry_points(group=GROUP) if p.name == name]
    return point.load()

"""The registry's demo data, through the use cases (so events flow as for real data).

`sample`: four provinces and a few agencies each (`python -m registry seed-demo`); `figures`: provinces whose
records reproduce the figures of the seed articles, seeded by the embedded mode.
"""

from __future__ import annotations

import logging
import threading

from kit.runtime import Runtime
from registry.demo import figures, sample

log = logging.getLogger(__name__)


def command(runtime: Runtime) -> str:
    """`python -m registry seed-demo`."""
    return f"demo data: {sample.seed(runtime.uow)} agencies added"


def before_serving(runtime: Runtime) -> None:
    """The embedded mode: the demo provinces exist before the app answers (their agencies come in the background)."""
    figures.seed_provinces(runtime.uow)


def in_background(runtime: Runtime, _stop: threading.Event) -> None:
    """The embedded mode: the seed articles' agencies, so the dashboards fill within seconds."""
    added = figures.seed(runtime.uow, progress=log.info)
    log.info("demo provinces ready: %d agencies added", added)

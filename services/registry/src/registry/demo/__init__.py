"""The registry's demo data, through the use cases (so events flow as for real data).

`figures`: provinces whose records reproduce the figures of the seed articles, the demo of every mode (`make run`,
`make up`: `python -m registry seed-demo`); `sample`: four provinces and a few agencies each, the tests' data set
(`seed-demo --sample`).
"""

from __future__ import annotations

import logging
import threading

from kit.runtime import Runtime
from registry.demo import figures, sample

log = logging.getLogger(__name__)


def seed_sample(runtime: Runtime) -> str:
    """`python -m registry seed-demo --sample`: the tests' data set."""
    return f"demo data: {sample.seed(runtime.uow)} agencies added"


def before_serving(runtime: Runtime) -> None:
    """The demo provinces exist before the app answers (their agencies come in the background)."""
    figures.seed_provinces(runtime.uow)


def in_background(runtime: Runtime, _stop: threading.Event) -> None:
    """The seed articles' agencies, so the dashboards fill within a minute."""
    added = figures.seed(runtime.uow, runtime.across_tenants, progress=log.info)
    log.info("demo provinces ready: %d agencies added", added)

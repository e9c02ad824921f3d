"""Reporting, declared once: kit builds its API, relay, consumer, migrations, embedded mode and command line."""

from __future__ import annotations

from kit.service import Consumes, Service
from reporting import cli, consumers, rebuild
from reporting.api import BLUEPRINTS
from reporting.messages import MESSAGES
from reporting.orm import Base

SERVICE = Service(
    name="reporting",
    port=8105,
    blueprints=BLUEPRINTS,
    metadata=Base.metadata,
    consumes=Consumes(group="reporting.read-models", handlers=consumers.HANDLERS),
    # Projections are rebuilt from events; the events are their audit trail, so no row-level audit here.
    audited=False,
    messages=MESSAGES,
    commands={"rebuild": rebuild.run, "check-figures": cli.check_figures},
    arguments=cli.figures_arguments,
)

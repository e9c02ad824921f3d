"""The training service, declared once: kit builds its API, relay, consumer, migrations, embedded mode and
command line."""

from __future__ import annotations

from kit.service import Consumes, Demo, Service
from training import api, consumers, demo
from training.messages import MESSAGES
from training.orm import Base
from training.services import reference

SERVICE = Service(
    name="training",
    port=8103,
    blueprints=api.BLUEPRINTS,
    metadata=Base.metadata,
    consumes=Consumes(group="training.registry", handlers=consumers.HANDLERS),
    # The demo classes wait for the registry's agencies and ISO secretaries; the tests' sample is reference data
    # only (course types, default settings).
    demo=Demo(in_background=demo.in_background,
              sample=lambda runtime: f"reference data: {reference.seed(runtime.engine)} row(s) added"),
    messages=MESSAGES,
)

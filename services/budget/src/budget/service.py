"""The budget service, declared once: kit builds its API, relay, consumer, migrations, embedded mode and
command line."""

from __future__ import annotations

from budget import consumers, demo
from budget.api import BLUEPRINTS
from budget.messages import MESSAGES
from budget.orm import Base
from kit.service import Consumes, Demo, Service

SERVICE = Service(
    name="budget",
    port=8104,
    blueprints=BLUEPRINTS,
    metadata=Base.metadata,
    consumes=Consumes(group="budget.costs", handlers=consumers.HANDLERS),
    # The cost norms are seeded by the migrations; agencies and costs arrive as events. The demo lines settle
    # a past year's training once training's class costs have arrived.
    demo=Demo(in_background=demo.in_background),
    messages=MESSAGES,
)

"""The inspections service, declared once: kit builds its API, relay, consumer, migrations, embedded mode and
command line."""

from __future__ import annotations

from inspections import consumers, demo, jobs
from inspections.api import BLUEPRINTS
from inspections.messages import MESSAGES
from inspections.orm import Base
from kit.service import Consumes, Demo, Service

SERVICE = Service(
    name="inspections",
    port=8102,
    blueprints=BLUEPRINTS,
    metadata=Base.metadata,
    consumes=Consumes(group="inspections.agencies", handlers=consumers.HANDLERS),
    # The criteria library and the reference values come with the migrations; agencies arrive as events.
    demo=Demo(in_background=demo.in_background),
    messages=MESSAGES,
    workers={"attachments-purge": jobs.purge_attachments},
)

"""The notifications service, declared once: kit builds its API, relay, consumer, migrations and command line;
it adds the scheduler process kind (`python -m notifications scheduler`)."""

from __future__ import annotations

from kit.service import Consumes, Service
from notifications import consumers, jobs
from notifications.api import BLUEPRINTS
from notifications.messages import MESSAGES
from notifications.orm import Base

SERVICE = Service(
    name="notifications",
    port=8106,
    blueprints=BLUEPRINTS,
    metadata=Base.metadata,
    consumes=Consumes(group="notifications.reminders", handlers=consumers.HANDLERS),
    messages=MESSAGES,
    commands=jobs.COMMANDS,
    kinds=jobs.KINDS,
)

"""The registry, declared once: kit builds its API, relay, consumer, migrations, embedded mode and command line."""

from __future__ import annotations

from kit.service import Consumes, Demo, Service
from registry import cli, consumers, demo, jobs
from registry.api import BLUEPRINTS
from registry.messages import MESSAGES
from registry.orm import Base

SERVICE = Service(
    name="registry",
    port=8101,
    blueprints=BLUEPRINTS,
    metadata=Base.metadata,
    consumes=Consumes(group="registry.history", handlers=consumers.HANDLERS),
    demo=Demo(before_serving=demo.before_serving, in_background=demo.in_background, sample=demo.seed_sample),
    messages=MESSAGES,
    commands={"import-xlsx": cli.import_xlsx},
    arguments=cli.arguments,
    workers={"imports": jobs.work_on_imports, "attachments-purge": jobs.purge_attachments},
)

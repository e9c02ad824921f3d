"""The registry, declared once: kit builds its API, relay, consumer, migrations, embedded mode and command line."""

from __future__ import annotations

from kit.service import Consumes, Demo, Service
from registry import api, api_io, api_oversight, api_records, cli, consumers, demo, demo_figures
from registry.orm import Base

SERVICE = Service(
    name="registry",
    port=8101,
    blueprints=(api.blp, api_records.blp, api_oversight.blp, api_io.blp),
    metadata=Base.metadata,
    consumes=Consumes(group="registry.history", handlers=consumers.HANDLERS),
    demo=Demo(command=lambda runtime: f"demo data: {demo.seed(runtime.uow)} agencies added",
              before_serving=demo_figures.before_serving, in_background=demo_figures.in_background),
    commands={"import-xlsx": cli.import_xlsx},
    arguments=cli.arguments,
)

"""`python -m inspections api|relay|consume|migrate|seed-demo`."""

from __future__ import annotations

from inspections import consumers, migrate
from inspections.config import DEFAULT_BIND, SERVICE
from inspections.runtime import Runtime, create_app
from kit.service import Service

INSPECTIONS = Service(
    name=SERVICE, runtime=Runtime, create_app=create_app, migrate=migrate.upgrade, topics=consumers.TOPICS,
    default_bind=DEFAULT_BIND,
    # The criteria library and the reference values come with the migrations; agencies arrive as events.
    seed=lambda _runtime: "demo data: nothing to add (reference data comes with the migrations)",
)

if __name__ == "__main__":
    INSPECTIONS.main()

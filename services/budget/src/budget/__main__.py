"""`python -m budget api|relay|consume|migrate|seed-demo`."""

from __future__ import annotations

from budget import consumers, migrate
from budget.config import DEFAULT_BIND, SERVICE
from budget.runtime import Runtime, create_app
from kit.service import Service

BUDGET = Service(
    name=SERVICE, runtime=Runtime, create_app=create_app, migrate=migrate.upgrade, topics=consumers.TOPICS,
    default_bind=DEFAULT_BIND,
    # The cost norms are seeded by the migrations; agencies and costs arrive as events.
    seed=lambda _runtime: "demo data: nothing to add (reference data comes with the migrations)",
)

if __name__ == "__main__":
    BUDGET.main()

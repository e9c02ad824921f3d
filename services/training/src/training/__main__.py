"""`python -m training api|relay|consume|migrate|seed-demo`."""

from __future__ import annotations

from kit.service import Service
from training import consumers, migrate, reference
from training.config import DEFAULT_BIND, SERVICE
from training.runtime import Runtime, create_app

TRAINING = Service(
    name=SERVICE, runtime=Runtime, create_app=create_app, migrate=migrate.upgrade, topics=consumers.TOPICS,
    default_bind=DEFAULT_BIND,
    # Reference data only (course types, default settings): training has no demo business data.
    seed=lambda runtime: f"reference data: {reference.seed(runtime.engine)} row(s) added",
)

if __name__ == "__main__":
    TRAINING.main()

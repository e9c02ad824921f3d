"""Use cases of the inspections service: one function per verb; each owns its transaction."""

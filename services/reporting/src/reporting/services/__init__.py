"""Reporting's use cases: a province's figures, the national view across provinces, the read models' freshness
and the periodic reports. The only place that commits (with projections/, which applies events)."""

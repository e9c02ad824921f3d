"""Benchmarks of the platform on its real parts, measured side by side as ratios (`python -m bench`).

Each benchmark starts from what `bench.stack` started (PostgreSQL, Kafka, the service processes and the
gateway), runs several times and reports numbers; `bench.table` turns the runs into medians, min, max and
ratios. bench/RESULTS.md records a full run and how to reproduce it.
"""

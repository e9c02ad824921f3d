"""Prometheus metrics shared by every process; multiprocess-safe under gunicorn.

With PROMETHEUS_MULTIPROC_DIR set (before import), values are written to files there and
`/metrics` aggregates them across workers.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# A client chooses the method name: any other word would be a new series (unbounded memory in every process and
# in Prometheus), so it is counted as OTHER. The route label is the route's rule (or "unmatched"), never the path.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str) -> str:
    return method if method in METHODS else "OTHER"


class _ClosedMethods:
    """A request metric whose `labels(service, route, method, ...)` takes the method from METHODS."""

    def __init__(self, metric):
        self.metric = metric

    def labels(self, service: str, route: str, method: str, *rest):
        return self.metric.labels(service, route, method_label(method), *rest)

    def __getattr__(self, name: str):
        return getattr(self.metric, name)


HTTP_REQUESTS = _ClosedMethods(Counter("http_requests_total", "HTTP requests",
                                       ["service", "route", "method", "status"]))
HTTP_LATENCY = _ClosedMethods(Histogram(
    "http_request_duration_seconds", "HTTP request latency", ["service", "route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
))
OUTBOX_PUBLISHED = Counter("outbox_published_total", "Outbox rows published", ["service"])
OUTBOX_BACKLOG = Gauge("outbox_backlog", "Outbox rows not yet published", ["service"], multiprocess_mode="max")
CONSUMED = Counter("consumer_messages_total", "Messages consumed, by outcome", ["consumer", "outcome"])
CONSUMER_RETRIES = Counter("consumer_retries_total", "Handler attempts that failed and were retried", ["consumer"])
CONSUMER_BATCHES = Counter("consumer_batches_total", "Poll batches, applied in one transaction or redone one message "
                           "at a time", ["consumer", "path"])
CONSUMER_BATCH_SIZE = Histogram("consumer_batch_size", "Messages of the poll batches applied in one transaction",
                                ["consumer"], buckets=(2, 5, 10, 25, 50, 100, 250, 500, 1000))
DEAD_LETTERED = Counter("consumer_dead_lettered_total", "Messages sent to a dead-letter topic", ["consumer", "topic"])


def serve(port: int) -> None:
    """Expose `/metrics` of a process that has no web app (relay, consumer) on `port`."""
    from prometheus_client import start_http_server

    start_http_server(port, addr="0.0.0.0")  # noqa: S104  (scraped from inside the cluster)


def exposition() -> tuple[bytes, str]:
    """The body and content type for `/metrics`."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST

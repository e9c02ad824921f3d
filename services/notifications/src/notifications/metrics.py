"""The scheduler's metrics (on its METRICS_PORT, beside kit's): what each pass did with the e-mails, and whether
this process leads. The alerts IsoHccNotificationsNotSent and IsoHccNotificationsNoLeader read them."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

DELIVERIES = Counter("notifications_deliveries_total",
                     "E-mail deliveries the scheduler finished a step of, by outcome: sent, retried, failed, "
                     "uncertain", ["outcome"])
LEADER = Gauge("notifications_scheduler_leader", "1 while this scheduler holds the leader lock, else 0",
               multiprocess_mode="max")

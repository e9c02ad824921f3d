"""`python -m reporting api|relay|consume|migrate|seed-demo|rebuild`."""

from __future__ import annotations

import time

from kit.messaging import KafkaConsumerAdapter, KafkaProducerAdapter
from kit.service import Service
from reporting import consumers, migrate, rebuild
from reporting.config import DEFAULT_BIND, SERVICE
from reporting.runtime import Runtime, create_app


def run_rebuild(service: Service, settings, _args) -> None:
    """Empty the read models and replay every topic from the start (stop the consumer first)."""
    runtime = service.build(settings)
    rebuild.clear(runtime)
    consumer = KafkaConsumerAdapter(settings.kafka(), group_id=f"{consumers.GROUP}.rebuild-{int(time.time())}",
                                    topics=consumers.TOPICS)
    dead_letters = KafkaProducerAdapter(settings.kafka(), client_id=f"{consumers.GROUP}-rebuild-dlq")
    try:
        rebuild.replay(runtime, consumer, dead_letters)
    finally:
        consumer.close()
        dead_letters.close()


REPORTING = Service(
    name=SERVICE, runtime=Runtime, create_app=create_app, migrate=migrate.upgrade, topics=consumers.TOPICS,
    default_bind=DEFAULT_BIND, seed=lambda _runtime: "reporting: nothing to seed; read models come from events",
    commands={"rebuild": run_rebuild},
)

if __name__ == "__main__":
    REPORTING.main()

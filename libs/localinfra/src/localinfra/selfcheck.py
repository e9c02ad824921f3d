"""`python -m localinfra check`: start both servers in a temp dir, use them, stop them."""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path

from ._proc import pid_alive, say
from .kafka import KafkaServer, start_kafka
from .postgres import PostgresServer, start_postgres


def _timed(label: str, action):
    started = time.monotonic()
    result = action()
    say(f"{label}: {time.monotonic() - started:.2f}s")
    return result


def check_postgres(pg: PostgresServer) -> None:
    """Create a database twice (idempotent) and round-trip a row through it."""
    pg.create_database("selfcheck")
    url = pg.create_database("selfcheck")
    with pg.connect("selfcheck", autocommit=True) as conn:
        conn.execute("CREATE TABLE t (v text)")
        conn.execute("INSERT INTO t VALUES ('ok')")
        assert conn.execute("SELECT v FROM t").fetchone() == ("ok",)
    say(f"postgres ok: {url}")


def check_kafka(kafka: KafkaServer) -> None:
    """Produce one message to a new topic and consume it in a consumer group."""
    from kafka import KafkaConsumer, KafkaProducer
    topic, payload = f"selfcheck-{uuid.uuid4().hex[:8]}", uuid.uuid4().bytes
    producer = KafkaProducer(bootstrap_servers=kafka.bootstrap)
    producer.send(topic, payload).get(timeout=30)
    producer.close()
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka.bootstrap, group_id="selfcheck",
                             auto_offset_reset="earliest", consumer_timeout_ms=30000)
    found = any(message.value == payload for message in consumer)  # stops at the match
    consumer.close()
    assert found, f"message not consumed from {topic}"
    say(f"kafka ok: {kafka.bootstrap} {topic}")


def run() -> int:
    """Run the whole check; return 0 on success (raises on failure)."""
    with tempfile.TemporaryDirectory(prefix="localinfra-check-") as tmp:
        base = Path(tmp)
        pg = _timed("postgres start (initdb included)", lambda: start_postgres(base))
        kafka = _timed("kafka start (format included)", lambda: start_kafka(base))
        pids = [pg.pid, kafka.pid]
        try:
            check_postgres(pg)
            check_kafka(kafka)
            kafka.kill()
            _timed("kafka restart after SIGKILL", kafka.restart)
            pids.append(kafka.pid)
            check_kafka(kafka)
            _timed("kafka stop", kafka.stop)
            _timed("postgres stop", pg.stop)
        finally:
            kafka.stop()
            pg.stop()
        left = [pid for pid in pids if pid_alive(pid)]
        assert not left, f"processes still alive: {left}"
    say("check passed: both servers stopped, no process left")
    return 0

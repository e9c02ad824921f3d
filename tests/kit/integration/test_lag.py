"""Consumer lag read from a real Kafka broker, and from the in-memory broker of the embedded mode."""

import uuid

from kafka import KafkaConsumer, KafkaProducer

from kit.kafka import kafka_lag
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing


def test_lag_counts_what_the_group_has_not_committed(kafka):
    topic, quiet, group = f"lag-{uuid.uuid4().hex[:8]}", f"quiet-{uuid.uuid4().hex[:8]}", f"g-{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(bootstrap_servers=kafka)
    for n in range(5):
        producer.send(topic, f"{n}".encode())
    producer.send(quiet, b"x")
    producer.flush()
    producer.close()

    before = kafka_lag(kafka, group, [topic])
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka, group_id=group, auto_offset_reset="earliest",
                             enable_auto_commit=False, max_poll_records=3)
    taken = 0
    while taken < 3:
        taken += sum(len(batch) for batch in consumer.poll(2000, max_records=3 - taken).values())
    consumer.commit()
    consumer.close()

    assert before == {topic: 5}
    assert kafka_lag(kafka, group, [topic, quiet]) == {topic: 2, quiet: 1}


def test_the_in_memory_broker_reports_the_same_lag():
    broker = InMemoryBroker()
    broker.send_all([Outgoing("t", b"k", b"v", []) for _ in range(4)])
    consumer = broker.consumer("g", ["t", "u"])
    first, *_ = consumer.poll(timeout_ms=0, max_records=1)
    consumer.commit(first)

    assert broker.lag("g", ["t", "u"]) == {"t": 3, "u": 0}

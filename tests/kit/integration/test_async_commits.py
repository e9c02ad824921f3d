"""Offsets committed without waiting (ADR 26) on a real Kafka broker, and in the in-memory broker."""

import uuid

from kafka import KafkaProducer

from kit.kafka import KafkaClients, kafka_lag
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing


def produced(kafka: str, count: int) -> str:
    topic = f"async-{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(bootstrap_servers=kafka)
    for n in range(count):
        producer.send(topic, key=b"k", value=f"{n}".encode())
    producer.flush()
    producer.close()
    return topic


def polled(consumer, count: int) -> list:
    taken = []
    while len(taken) < count:
        taken += consumer.poll(timeout_ms=2000, max_records=count - len(taken))
    return taken


def test_an_async_commit_covers_the_messages_it_names_and_no_more(kafka):
    topic, group = produced(kafka, 5), f"g-{uuid.uuid4().hex[:8]}"
    consumer = KafkaClients(kafka).consumer(group, [topic])
    try:
        first = polled(consumer, 3)
        consumer.commit_async(first)
        rest = polled(consumer, 2)  # the acknowledgement arrives with a poll; the two others are not committed
        for _ in range(3):
            assert consumer.poll(timeout_ms=200, max_records=10) == []
        lag = kafka_lag(kafka, group, [topic])
    finally:
        consumer.close()

    assert [m.offset for m in first + rest] == [0, 1, 2, 3, 4]
    assert lag == {topic: 2}


def test_a_consumer_closed_right_after_an_async_commit_still_commits_it(kafka):
    topic, group = produced(kafka, 4), f"g-{uuid.uuid4().hex[:8]}"
    consumer = KafkaClients(kafka).consumer(group, [topic])
    try:
        batch = polled(consumer, 4)
        consumer.commit_async(batch[:3])
    finally:
        consumer.close()

    assert kafka_lag(kafka, group, [topic]) == {topic: 1}


def test_the_in_memory_broker_commits_the_last_offset_of_each_topic():
    broker = InMemoryBroker()
    broker.send_all([Outgoing(t, b"k", b"v", []) for t in ("t", "t", "t", "u", "u")])
    consumer = broker.consumer("g", ["t", "u"])
    t1, t2, _t3, u1, _u2 = consumer.poll(timeout_ms=0, max_records=10)

    consumer.commit_async([t1, u1, t2])

    assert broker.lag("g", ["t", "u"]) == {"t": 1, "u": 1}

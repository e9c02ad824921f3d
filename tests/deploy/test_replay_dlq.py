"""tools/replay_dlq.py on a real broker: dead letters go back to their topic once, without the x- headers."""

from __future__ import annotations

import uuid

from kafka import KafkaConsumer, KafkaProducer

from tools import replay_dlq


def dead_letter(producer, topic: str, event_id: str, consumer: str) -> None:
    headers = [("ce_id", event_id.encode()), ("ce_type", b"test.thing.happened"),
               ("x-original-topic", topic.encode()), ("x-consumer", consumer.encode()), ("x-error", b"boom")]
    producer.send(f"{topic}.dlq", key=b"k1", value=event_id.encode(), headers=headers).get(timeout=30)


def read_all(kafka: str, topic: str) -> list:
    consumer = KafkaConsumer(topic, bootstrap_servers=kafka, group_id=None, auto_offset_reset="earliest",
                             consumer_timeout_ms=3000)
    try:
        return list(consumer)
    finally:
        consumer.close()


def test_dead_letters_are_replayed_once_each_and_only_once(kafka, capsys):
    topic = f"replay-{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(bootstrap_servers=kafka, acks="all")
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    dead_letter(producer, topic, first, "a.group")
    dead_letter(producer, topic, first, "b.group")  # two consumers failed on the same event
    dead_letter(producer, topic, second, "a.group")
    producer.send(topic, key=b"k0", value=b"already there").get(timeout=30)

    assert replay_dlq.main([topic, "--bootstrap", kafka]) == 0  # dry run: nothing moves
    assert [m.value for m in read_all(kafka, topic)] == [b"already there"]
    assert replay_dlq.main([topic, "--bootstrap", kafka, "--apply"]) == 0
    assert replay_dlq.main([topic, "--bootstrap", kafka, "--apply"]) == 0  # nothing new since

    replayed = read_all(kafka, topic)[1:]
    assert [m.value.decode() for m in replayed] == [first, second]
    assert all(m.key == b"k1" for m in replayed)
    assert all(not key.startswith("x-") for m in replayed for key, _ in m.headers)
    assert "0 dead letter(s) replayed" in capsys.readouterr().err


def test_one_consumers_dead_letters_only(kafka):
    topic = f"replay-{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(bootstrap_servers=kafka, acks="all")
    mine, theirs = str(uuid.uuid4()), str(uuid.uuid4())
    dead_letter(producer, topic, mine, "a.group")
    dead_letter(producer, topic, theirs, "b.group")

    assert replay_dlq.main([topic, "--bootstrap", kafka, "--consumer", "a.group", "--apply"]) == 0

    assert [m.value.decode() for m in read_all(kafka, topic)] == [mine]


def test_a_dead_letter_naming_another_topic_is_not_replayed(kafka, capsys):
    """Any consumer of a topic may write its `.dlq`; the replay tool may write every replayed topic: a dead letter
    claiming another original topic must not borrow the tool's rights to publish there."""
    topic, elsewhere = f"replay-{uuid.uuid4().hex[:8]}", f"replay-{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(bootstrap_servers=kafka, acks="all")
    genuine, forged = str(uuid.uuid4()), str(uuid.uuid4())
    dead_letter(producer, topic, genuine, "a.group")
    headers = [("ce_id", forged.encode()), ("x-original-topic", elsewhere.encode()), ("x-consumer", b"a.group")]
    producer.send(f"{topic}.dlq", key=b"k1", value=forged.encode(), headers=headers).get(timeout=30)
    producer.send(elsewhere, key=b"k0", value=b"already there").get(timeout=30)

    assert replay_dlq.main([topic, "--bootstrap", kafka, "--apply"]) == 0

    assert [m.value.decode() for m in read_all(kafka, topic)] == [genuine]
    assert [m.value for m in read_all(kafka, elsewhere)] == [b"already there"]
    err = capsys.readouterr().err
    assert f"not replayed, it names another topic ({elsewhere})" in err
    assert "1 dead letter(s) replayed" in err


def test_dead_letters_in_every_partition_are_replayed_and_none_is_skipped(kafka, capsys):
    """A poll answers for every assigned partition; records of one not being read were once dropped, and the run
    then committed past them."""
    from kafka.admin import KafkaAdminClient, NewTopic

    topic = f"replay-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=kafka)
    try:
        admin.create_topics([NewTopic(f"{topic}.dlq", 3, 1), NewTopic(topic, 3, 1)])
    finally:
        admin.close()
    producer = KafkaProducer(bootstrap_servers=kafka, acks="all")
    events = [str(uuid.uuid4()) for _ in range(60)]
    for number, event_id in enumerate(events):
        headers = [("ce_id", event_id.encode()), ("x-original-topic", topic.encode()), ("x-consumer", b"a.group")]
        producer.send(f"{topic}.dlq", key=f"k{number}".encode(), value=event_id.encode(), headers=headers,
                      partition=number % 3).get(timeout=30)

    assert replay_dlq.main([topic, "--bootstrap", kafka, "--apply"]) == 0
    assert "60 dead letter(s) replayed" in capsys.readouterr().err
    assert sorted(m.value.decode() for m in read_all(kafka, topic)) == sorted(events)

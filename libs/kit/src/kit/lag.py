"""Consumer lag: how many messages of each topic a consumer group has not committed yet, read from Kafka.

Used to show how far behind a read model is. A group that has not committed on a partition yet is behind by
everything the partition still holds.
"""

from __future__ import annotations

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import CoordinatorNotAvailableError


def kafka_lag(bootstrap: str, group: str, topics: list[str], timeout_ms: int = 5000) -> dict[str, int]:
    """{topic: messages not yet committed by `group`}, summed over the topic's partitions."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms,
                             client_id=f"{group}-lag")
    reader = KafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms, client_id=f"{group}-lag",
                           enable_auto_commit=False)
    try:
        committed = _committed(admin, group)
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(reader.partitions_for_topic(t) or ())]
        ends, starts = reader.end_offsets(partitions), reader.beginning_offsets(partitions)
        lag = dict.fromkeys(topics, 0)
        for partition in partitions:
            done = committed.get(partition)
            position = done.offset if done is not None and done.offset >= 0 else starts[partition]
            lag[partition.topic] += max(0, ends[partition] - position)
        return lag
    finally:
        reader.close()
        admin.close()


def _committed(admin: KafkaAdminClient, group: str) -> dict:
    """The group's committed offsets; none while the group has no coordinator yet (it never committed), which
    shows the whole topic as lag rather than hiding it."""
    try:
        return admin.list_group_offsets({group: None}).get(group, {})
    except CoordinatorNotAvailableError:
        return {}

"""Replay dead letters: copy the messages of `<topic>.dlq` back to their original topic, each event once.

    python tools/replay_dlq.py registry.agency                      # list what would be replayed
    python tools/replay_dlq.py registry.agency --apply              # replay, and remember how far
    python tools/replay_dlq.py registry.agency --consumer registry.history --apply

Reads from where the last replay of that topic stopped (consumer group `dlq-replay.<topic>[.<consumer>]`)
up to the end the topic had when the run started. The key, value and CloudEvents headers go back unchanged
(the `x-` headers the dead-lettering added are dropped), so every consumer group sees the event again, and
those that had already handled it skip it through their inbox (same `ce_id`). When several consumers failed
on one event, each dead-lettered its own copy; the event is replayed once. A dead letter whose `x-original-topic`
names another topic is not replayed, only reported: `<topic>.dlq` holds `<topic>`'s alone, and any consumer of
`<topic>` may write there, while the tool may write every topic that has dead letters.

KAFKA_BOOTSTRAP_SERVERS names the brokers; the sign-in comes from the same variables as the services'
(KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_USERNAME, KAFKA_PASSWORD, KAFKA_CA_CERT or KAFKA_CA_FILE:
kit.settings). In the cluster the tool signs in as its own KafkaUser `dlq-replay` (ADR 20), allowed to read the
`.dlq` topics, write their original topics and use the groups `dlq-replay.*`, nothing else.
Runbook: docs/operations/replay-dlq.md.
"""

from __future__ import annotations

import argparse
import os
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata

from kit.config import MissingSetting
from kit.settings import kafka_security_from_env

POLL_MS = 10_000  # a poll returns as soon as records come; this long only when the broker is slow to answer
GROUP_PREFIX = "dlq-replay."  # its KafkaUser may use only these groups (localinfra.kafka.REPLAY_USER)


def headers_of(message) -> dict[str, str]:
    return {key: value.decode(errors="replace") for key, value in message.headers or []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topic", help="the original topic, e.g. registry.agency (reads registry.agency.dlq)")
    parser.add_argument("--consumer", help="only the dead letters of this consumer group (header x-consumer)")
    parser.add_argument("--apply", action="store_true", help="replay (without it: list only)")
    parser.add_argument("--bootstrap", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS"))
    args = parser.parse_args(argv)
    if not args.bootstrap:
        parser.error("set KAFKA_BOOTSTRAP_SERVERS or --bootstrap")
    try:
        security = kafka_security_from_env(os.environ).options()
    except MissingSetting as error:
        parser.error(str(error))
    dlq = f"{args.topic}.dlq"
    group = f"{GROUP_PREFIX}{args.topic}" + (f".{args.consumer}" if args.consumer else "")
    reader = KafkaConsumer(bootstrap_servers=args.bootstrap, group_id=group, enable_auto_commit=False,
                           auto_offset_reset="earliest", consumer_timeout_ms=5000, **security)
    partitions = [TopicPartition(dlq, p) for p in sorted(reader.partitions_for_topic(dlq) or [])]
    if not partitions:
        print(f"no topic {dlq}", file=sys.stderr)
        return 2
    reader.assign(partitions)
    ends = reader.end_offsets(partitions)
    producer = KafkaProducer(bootstrap_servers=args.bootstrap, acks="all", enable_idempotence=True,
                             **security) if args.apply else None
    seen, reached = set(), {}
    try:
        for tp in partitions:
            reader.assign([tp])  # one partition at a time: a poll then answers for this one only, none is dropped
            while reader.position(tp) < ends[tp]:
                batch = reader.poll(timeout_ms=POLL_MS).get(tp, [])
                if not batch:
                    break
                for message in batch:
                    if message.offset >= ends[tp]:
                        break
                    attributes = headers_of(message)
                    event_id = attributes.get("ce_id") or f"{tp.partition}@{message.offset}"
                    if (args.consumer and attributes.get("x-consumer") != args.consumer) or event_id in seen:
                        continue
                    target = attributes.get("x-original-topic", args.topic)
                    if target != args.topic:
                        print(f"{dlq}/{tp.partition}@{message.offset}: not replayed, it names another topic "
                              f"({target})", file=sys.stderr)
                        continue
                    seen.add(event_id)
                    print(f"{dlq}/{tp.partition}@{message.offset} -> {target}: {attributes.get('ce_type')} "
                          f"{event_id} ({attributes.get('x-consumer')}: {attributes.get('x-error', '')[:120]})")
                    if producer is not None:
                        headers = [(k, v) for k, v in message.headers or [] if not k.startswith("x-")]
                        producer.send(target, key=message.key, value=message.value, headers=headers).get(timeout=30)
            reached[tp] = min(reader.position(tp), ends[tp])  # what was read, not what should have been
        if producer is not None:
            producer.flush()
            reader.commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in reached.items()})
    finally:
        if producer is not None:
            producer.close()
        reader.close()
    short = {f"{tp.partition}": f"{reached[tp]}/{ends[tp]}" for tp in partitions if reached.get(tp, 0) < ends[tp]}
    if short:  # the broker stopped answering: the rest stays for the next run, which starts where this one stopped
        print(f"{dlq}: stopped before the end of partition(s) {short} (offset reached/end); run again",
              file=sys.stderr)
    print(f"{len(seen)} dead letter(s) {'replayed' if args.apply else 'to replay (dry run; --apply to replay)'}",
          file=sys.stderr)
    return 1 if short else 0


if __name__ == "__main__":
    raise SystemExit(main())

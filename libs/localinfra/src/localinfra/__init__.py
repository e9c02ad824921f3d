"""Real PostgreSQL and Apache Kafka on loopback, without Docker.

    from localinfra import start_postgres, start_kafka
    pg = start_postgres(tmp_dir)          # .url(db), .create_database(db), .stop()
    kafka = start_kafka(tmp_dir)          # .bootstrap, .stop(), .kill(), .restart()

`python -m localinfra {prepare,up,down,check}` is the command line.
"""

from ._proc import InfraError
from .kafka import KafkaServer, ensure_kafka_jars, start_kafka
from .postgres import PostgresServer, ensure_postgres_binaries, start_postgres

__all__ = [
    "InfraError", "KafkaServer", "PostgresServer", "ensure_kafka_jars",
    "ensure_postgres_binaries", "start_kafka", "start_postgres",
]

"""Creating the topics the contracts name, with partitions and replication from configuration."""
from __future__ import annotations

import logging
import time

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from edu71.config import KafkaSettings
from edu71.contracts import Contracts

log = logging.getLogger(__name__)


def ensure_topics(kafka: KafkaSettings, contracts: Contracts, timeout: float = 60.0) -> list[str]:
    """Create every topic of the AsyncAPI document that does not exist yet; return those created."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            admin = KafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers.split(","),
                                     client_id=f"{kafka.client_id}-admin", request_timeout_ms=10_000)
            break
        except KafkaError as exc:
            if time.monotonic() > deadline:
                raise
            log.info("waiting for Kafka at %s: %s", kafka.bootstrap_servers, exc)
            time.sleep(1)
    try:
        existing = set(admin.list_topics())
        missing = [t for t in contracts.all_topics if t not in existing]
        created = []
        for topic in missing:
            try:
                admin.create_topics(
                    [NewTopic(topic, kafka.topic_partitions, kafka.topic_replication,
                              topic_configs={"min.insync.replicas": str(min(2, kafka.topic_replication))})]
                )
                created.append(topic)
            except TopicAlreadyExistsError:
                pass  # created concurrently by another service's worker
        if created:
            log.info("created topics %s", created)
        return created
    finally:
        admin.close()

"""When to refresh a live dashboard: as soon as the reports service publishes RollupUpdated for its round.

Each portal process follows the reports topic by itself, from the end and
without a consumer group: every process must hear every event, and none needs
what happened before it started. The event only says *when*; the dashboard
then reads its figures from the reports API, scoped to the user as always.
When Kafka is away the dashboards lose nothing but speed: they also look
every ``live_interval`` seconds.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from edu71.config import KafkaSettings
from edu71.contracts import Contracts, ContractViolation

log = logging.getLogger(__name__)

EVENT = "RollupUpdated"
#: A projector batch publishes one RollupUpdated per changed figure; a dashboard waits this long after
#: the first so that it re-reads once per batch, not once per figure.
SETTLE_SECONDS = 0.15


class RollupSignal:
    """A counter of RollupUpdated events per round, which dashboards wait on."""

    def __init__(self, kafka: KafkaSettings, contracts: Contracts, retry_seconds: float = 5.0):
        self.kafka = kafka
        self.contracts = contracts
        self.topic = contracts.topic_for(EVENT)
        self.retry_seconds = retry_seconds
        #: Set once the consumer has its partitions and stands at their end.
        self.listening = threading.Event()
        self._changed = threading.Condition()
        self._counts: dict[str, int] = defaultdict(int)
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Start following the topic, once per process (lazily: gunicorn forks its workers after create_app)."""
        with self._started:
            if self._thread is None:
                self._thread = threading.Thread(target=self._follow, name="rollup-signal", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def count(self, round_id: str) -> int:
        with self._changed:
            return self._counts[round_id]

    def wait(self, round_id: str, seen: int, timeout: float) -> int:
        """Wait until the round's count differs from ``seen`` (or ``timeout``); return the count then."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._counts[round_id] != seen, timeout):
                return seen
        time.sleep(SETTLE_SECONDS)
        return self.count(round_id)

    def _heard(self, round_id: str) -> None:
        with self._changed:
            self._counts[round_id] += 1
            self._changed.notify_all()

    def _follow(self) -> None:
        while not self._stop.is_set():
            consumer = None
            try:
                consumer = KafkaConsumer(bootstrap_servers=self.kafka.bootstrap_servers, group_id=None,
                                         client_id=f"{self.kafka.client_id}-live", enable_auto_commit=False)
                partitions = consumer.partitions_for_topic(self.topic) or set()
                if not partitions:
                    raise KafkaError(f"the topic {self.topic} has no partitions yet")
                assigned = [TopicPartition(self.topic, p) for p in sorted(partitions)]
                consumer.assign(assigned)
                consumer.seek_to_end(*assigned)
                for tp in assigned:
                    consumer.position(tp)  # resolve the end now, so nothing published from here is missed
                self.listening.set()
                while not self._stop.is_set():
                    for records in consumer.poll(timeout_ms=1000).values():
                        for record in records:
                            self._handle(record.value)
            except KafkaError as exc:
                self.listening.clear()
                log.warning("live dashboards fall back to polling: %s", exc)
                self._stop.wait(self.retry_seconds)
            finally:
                if consumer is not None:
                    consumer.close()

    def _handle(self, raw: bytes) -> None:
        try:
            event = self.contracts.parse(raw)
        except ContractViolation as exc:
            log.warning("ignored a message on %s: %s", self.topic, exc)
            return
        if event.name == EVENT:
            self._heard(event.data["round_id"])

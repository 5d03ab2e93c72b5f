"""When to refresh a live dashboard: as soon as the reports service announces that its area's figures changed.

The reports service publishes one DashboardUpdated per projection batch for a
round's province and for each commune whose figures changed, with the version
of the area's figures. Each portal process follows the reports topic by itself,
from the end and without a consumer group: every process must hear every event,
and none needs what happened before it started. A dashboard waits on its own
area only (a commune's stream wakes on its commune's events, never another's)
and then fetches everything it shows in one call to the reports API, scoped to
the user as always; an event whose version the dashboard already shows (a
redelivery, a replay) costs nothing. When Kafka is away the dashboards lose
nothing but speed: they also look every ``live_interval`` seconds.
"""
from __future__ import annotations

import logging
import threading
from typing import NamedTuple

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from edu71.config import KafkaSettings
from edu71.contracts import Contracts, ContractViolation

log = logging.getLogger(__name__)

EVENT = "DashboardUpdated"
#: How the event's type appears in a message (bytes): a message without it is not one.
TYPE = f'"vn.edu71.{EVENT}.'.encode()


class Area(NamedTuple):
    """A round's dashboard of one area: ``kind`` is ``province`` or ``commune``."""
    round_id: str
    kind: str
    code: str


class Heard(NamedTuple):
    """How many DashboardUpdated of an area this process has heard, and the version the last one announced."""
    count: int = 0
    version: str | None = None


class DashboardSignal:
    """The DashboardUpdated events heard per area, which the dashboards of that area wait on."""

    def __init__(self, kafka: KafkaSettings, contracts: Contracts, retry_seconds: float = 5.0):
        self.kafka = kafka
        self.contracts = contracts
        self.topic = contracts.topic_for(EVENT)
        self.retry_seconds = retry_seconds
        #: Set once the consumer has its partitions and stands at their end.
        self.listening = threading.Event()
        self._changed = threading.Condition()
        self._heard: dict[Area, Heard] = {}
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Start following the topic, once per process (lazily: gunicorn forks its workers after create_app)."""
        with self._started:
            if self._thread is None:
                self._thread = threading.Thread(target=self._follow, name="dashboard-signal", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def heard(self, area: Area) -> Heard:
        with self._changed:
            return self._heard.get(area, Heard())

    def wait(self, area: Area, seen: int, timeout: float) -> Heard:
        """Wait until the area's count differs from ``seen`` (or ``timeout``); return what was heard then."""
        with self._changed:
            self._changed.wait_for(lambda: self._heard.get(area, Heard()).count != seen, timeout)
            return self._heard.get(area, Heard())

    def _announce(self, area: Area, version: str) -> None:
        with self._changed:
            self._heard[area] = Heard(self._heard.get(area, Heard()).count + 1, version)
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
        if TYPE not in raw:
            return  # another event of the topic (a RollupUpdated per figure): not worth checking its contract
        try:
            event = self.contracts.parse(raw)
        except ContractViolation as exc:
            log.warning("ignored a message on %s: %s", self.topic, exc)
            return
        if event.name == EVENT:
            data = event.data
            self._announce(Area(data["round_id"], data["scope"]["kind"], data["scope"]["code"]), data["version"])

"""Publishing CloudEvents to Kafka (structured mode) with acks=all and idempotence."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kafka import KafkaProducer
from kafka.errors import KafkaError

from edu71 import metrics
from edu71.config import KafkaSettings
from edu71.contracts import Contracts, Event

if TYPE_CHECKING:
    from edu71.store.versioned import StoredEvent

log = logging.getLogger(__name__)

CONTENT_TYPE = ("content-type", b"application/cloudevents+json; charset=utf-8")


@dataclass(frozen=True)
class Delivery:
    """The outcome of one send. ``retriable`` is False when sending it again cannot succeed
    (too large for the broker, an event type no topic carries): the relay quarantines it."""

    event_id: str
    ok: bool
    error: str | None = None
    retriable: bool = True


class EventProducer:
    """One long-lived idempotent producer per process.

    ``acks="all"`` waits for every in-sync replica; idempotence makes the
    producer's own retries unable to write a message twice.
    """

    def __init__(self, kafka: KafkaSettings, contracts: Contracts, service: str):
        self.contracts = contracts
        self.service = service
        self.kafka = kafka
        self._final_wait = kafka.delivery_timeout_ms / 1000 + 5
        self._lock = threading.Lock()
        self._producer: KafkaProducer | None = None

    def _client(self) -> KafkaProducer:
        """The Kafka client, made on first use: kafka-python reaches the broker as it is built, and a
        worker started during a broker outage must wait for it, not exit (its events wait in the outbox)."""
        with self._lock:
            if self._producer is None:
                self._producer = KafkaProducer(
                    bootstrap_servers=self.kafka.bootstrap_servers.split(","),
                    client_id=self.kafka.client_id,
                    acks="all",
                    enable_idempotence=True,
                    max_in_flight_requests_per_connection=5,
                    # publish() flushes once it has queued a batch's events: they leave in one produce request
                    # (where a short linger let the sender drain a relay pass in several, each waking every
                    # consumer's fetch); the linger only bounds a record queued by a publish still queueing.
                    linger_ms=50,
                    # Fail fast when the broker is unreachable: the outbox keeps the event.
                    max_block_ms=5_000,
                    delivery_timeout_ms=self.kafka.delivery_timeout_ms,
                    request_timeout_ms=min(15_000, self.kafka.delivery_timeout_ms // 2),
                )
            return self._producer

    def publish(self, events: list[Event | StoredEvent]) -> list[Delivery]:
        """Send ``events`` in order and wait for each one's final outcome (an outbox's events as they were stored).

        Waiting for the outcome (acknowledged, or expired after the delivery
        timeout) rather than a shorter deadline matters: a message still queued
        in the client could otherwise be delivered later *and* be sent again by
        the relay. Stops at the first event that cannot even be queued (no
        metadata: the broker is unreachable); the caller keeps the rest. An event
        that can never be sent (refused by the client or the broker for what it
        is, not for the broker's state) is answered as not retriable and the
        others go on.
        """
        sent, deliveries = [], []
        try:
            producer = self._client()
        except KafkaError as exc:
            log.warning("cannot reach Kafka to send %d event(s): %s", len(events), exc)
            return []
        for event in events:
            try:
                future = producer.send(
                    self.contracts.topic_for(event.name),
                    key=event.key.encode("utf-8"),
                    value=event.to_json().encode("utf-8"),
                    headers=[CONTENT_TYPE],
                )
            except KafkaError as exc:
                log.warning("cannot queue event %s (%s): %s", event.id, event.name, exc)
                metrics.EVENTS_PRODUCE_FAILED.labels(self.service, event.name).inc()
                if exc.retriable:
                    break
                deliveries.append(Delivery(event.id, False, f"{type(exc).__name__}: {exc}", retriable=False))
                continue
            except (KeyError, TypeError, ValueError, AttributeError) as exc:  # no topic, cannot be encoded
                log.warning("cannot encode event %s (%s): %r", event.id, event.name, exc)
                metrics.EVENTS_PRODUCE_FAILED.labels(self.service, event.name).inc()
                deliveries.append(Delivery(event.id, False, f"{type(exc).__name__}: {exc}", retriable=False))
                continue
            sent.append((event, future))
        if sent:
            try:
                producer.flush(timeout=self._final_wait)
            except KafkaError as exc:  # each future below tells its own outcome
                log.warning("flushing %d event(s) did not complete: %s", len(sent), exc)
        for event, future in sent:
            try:
                future.get(timeout=self._final_wait)
            except KafkaError as exc:
                metrics.EVENTS_PRODUCE_FAILED.labels(self.service, event.name).inc()
                log.warning("event %s (%s) not delivered: %s", event.id, event.name, exc)
                deliveries.append(Delivery(event.id, False, f"{type(exc).__name__}: {exc}", retriable=exc.retriable))
            else:
                metrics.EVENTS_PRODUCED.labels(self.service, event.name).inc()
                deliveries.append(Delivery(event.id, True))
        return deliveries

    def close(self) -> None:
        with self._lock:
            if self._producer is not None:
                self._producer.close(timeout=10)
                self._producer = None

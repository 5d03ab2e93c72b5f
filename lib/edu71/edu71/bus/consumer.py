"""Consuming events: validate, de-duplicate, handle, retry, dead-letter, then commit.

Offsets are committed only after every earlier message of the partition was
handled or dead-lettered, so a crash re-delivers rather than skips. They are
committed at most every ``commit_every`` seconds (and when the consumer stops):
each commit is a write to the broker, and under load a poll brings a few
messages; a crash re-delivers at most that much more. Each
handled event id is recorded per consumer group (the *inbox*), so a re-delivery
is recognised and skipped. Handlers should still make their effect idempotent
(upsert, compare revisions): the inbox record is written after the effect.
A handler marked :func:`idempotent` is one whose effect a replay or a reordering
cannot change; its events skip the inbox (two store commands each). A
:class:`Staged` handler (idempotent too) gathers its events' effects in memory
and writes them together just before each commit, so an offset is never
committed over an effect that was only staged.

Two kinds of failure are told apart:
- the infrastructure is down (store or broker unreachable): retried without
  limit, because an outage must delay work, never drop it;
- the handler itself fails on this event: retried a bounded number of times
  with backoff, then sent to the dead-letter topic with the error, and the
  consumer goes on with the next message.
"""
from __future__ import annotations

import base64
import logging
import math
import threading
import time
from datetime import datetime, timezone
from typing import Callable, Mapping

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import CommitFailedError, KafkaError, RebalanceInProgressError
from kafka.structs import MemberState, OffsetAndMetadata
from mongoengine.connection import get_db
from pymongo.errors import ConnectionFailure, DuplicateKeyError

from edu71 import logs, metrics
from edu71.bus.producer import EventProducer
from edu71.config import PlatformSettings
from edu71.contracts import ContractViolation, Contracts, Event

log = logging.getLogger(__name__)

Handler = Callable[[Event], None]
DEAD_LETTER_EVENT = "DeadLettered"
#: Failures that mean "try again later", not "this event is bad".
TRANSIENT = (ConnectionFailure, KafkaError)
#: How often a consumer commits what it handled (seconds).
COMMIT_EVERY = 1.0
#: How often a consumer sets its lag gauges (seconds); Prometheus scrapes them every 15.
LAG_EVERY = 1.0


def idempotent(handler: Handler) -> Handler:
    """Mark ``handler`` as idempotent by construction: the consumer keeps no inbox record of its events.

    Only for a handler whose effect is the same however often and in whatever
    order its events come (it keeps the highest revision per key and writes
    nothing when it has it already, or inserts by a ``_id`` the event fixes):
    then the inbox, a read and an insert per event, would only repeat that check.
    """
    handler.idempotent = True
    return handler


class Staged:
    """A handler that stages its events' effects in memory and writes them together: one write of a document many
    events change, where a write per event would repeat it (the peer index: one bucket, a dozen schools a second).

    ``stage(event)`` does the event's share of the work without writing (and fails, like any handler, on an event
    it cannot take: retried, then dead-lettered); ``flush()`` writes what was staged and forgets only what it
    wrote; ``discard()`` forgets the rest; ``apply(event)`` is the plain handler, one write per event.

    The consumer flushes before every commit (at most every ``commit_every`` seconds, and when it stops): a crash
    loses only staged work whose offsets were not committed, so its events come again. A flush that meets an
    outage keeps everything staged and the offsets uncommitted, and the consumer waits for the infrastructure
    and tries again before it reads anything more; a flush that fails otherwise
    is discarded and its events are handled again one by one through ``apply``, with the usual retries and dead
    letters, so no single bad event stops the consumer. Its effect must be idempotent by construction (the
    consumer keeps no inbox record of its events): a replay or a reordering changes nothing.
    """

    idempotent = True

    def __init__(self, stage: Handler, flush: Callable[[], None], discard: Callable[[], None], apply: Handler):
        self.stage, self.flush, self.discard, self.apply = stage, flush, discard, apply

    def __call__(self, event: Event) -> None:
        self.stage(event)


class Inbox:
    """Ids of the events a consumer group has handled, in the consuming service's own database."""

    def __init__(self, alias: str, group: str):
        self.alias = alias
        self.group = group

    @property
    def _coll(self):
        return get_db(self.alias)["inbox"]

    def seen(self, event_id: str) -> bool:
        # A lookup by _id: a count is an aggregation, which the store answers with more work.
        return self._coll.find_one({"_id": f"{self.group}:{event_id}"}, {"_id": 1}) is not None

    def record(self, event: Event) -> None:
        try:
            self._coll.insert_one(
                {"_id": f"{self.group}:{event.id}", "type": event.type, "at": datetime.now(timezone.utc)}
            )
        except DuplicateKeyError:
            pass


class EventConsumer:
    def __init__(
        self,
        settings: PlatformSettings,
        contracts: Contracts,
        producer: EventProducer,
        group: str,
        handlers: Mapping[str, Handler],
        *,
        max_attempts: int = 5,
        backoff: tuple[float, float] = (0.2, 5.0),
        topics: list[str] | None = None,
        commit_every: float = COMMIT_EVERY,
    ):
        self.settings = settings
        self.contracts = contracts
        self.producer = producer
        self.group = group
        self.handlers = dict(handlers)
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.inbox = Inbox(settings.service, group)
        self.topics = topics or sorted({contracts.topic_for(name) for name in self.handlers})
        self.commit_every = commit_every
        self._consumer: KafkaConsumer | None = None
        #: Offsets handled and not committed yet, and when the last commit was.
        self._handled: dict[TopicPartition, OffsetAndMetadata] = {}
        self._committed_at = time.monotonic()
        self._lag_reported_at = -math.inf
        self._staged_handlers = list({id(h): h for h in self.handlers.values() if isinstance(h, Staged)}.values())
        #: Records whose effect a :class:`Staged` handler holds unwritten (handled again if its flush fails).
        self._staged: list[tuple[object, Event, Staged]] = []

    # -- Kafka ---------------------------------------------------------------
    def _connect(self) -> KafkaConsumer:
        consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka.bootstrap_servers.split(","),
            client_id=f"{self.settings.kafka.client_id}-{self.group}",
            group_id=self.group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=500,
            # A handler may wait out a database outage; do not let the group
            # evict us for that (the outage, not this consumer, is the problem).
            max_poll_interval_ms=900_000,
            session_timeout_ms=self.settings.kafka.session_timeout_ms,
            heartbeat_interval_ms=self.settings.kafka.heartbeat_interval_ms,
        )
        try:
            # Know the topics' partitions before joining: a group assigned while the metadata is
            # still empty gets no partitions ("No partition metadata") until the next refresh, minutes later.
            # Subscribed first, so that the metadata this brings is also what the leader's first assignment is
            # measured against: read before, it left that measure empty, and the refresh after the first join
            # made every new consumer rejoin at once, a second rebalance (see _rejoin_if_abandoned).
            consumer.subscribe(list(self.topics))
            for topic in self.topics:
                consumer.partitions_for_topic(topic)
        except BaseException:
            consumer.close(autocommit=False)
            raise
        return consumer

    def run(self, stop: threading.Event) -> None:
        """Consume until ``stop`` is set, then commit what was handled and leave the group."""
        while not stop.is_set():
            try:
                self._consumer = self._consumer or self._connect()
                self._poll_once(stop)
            except KafkaError as exc:
                log.warning("consumer %s: broker unavailable (%s); retrying", self.group, exc)
                stop.wait(1.0)
        if self._consumer is not None:
            try:
                self._commit(self._consumer, stop)
            except KafkaError as exc:
                log.warning("consumer %s: last commit failed (%s)", self.group, exc)
            if self._handled:
                log.warning("consumer %s: leaving with the offsets of %d partition(s) uncommitted; their messages "
                            "will come again", self.group, len(self._handled))
            self._consumer.close(autocommit=False)  # leaves the group at once
            self._consumer = None

    def _commit(self, consumer: KafkaConsumer, stop: threading.Event) -> None:
        """Write what :class:`Staged` handlers hold, then commit the offsets handled since the last commit, of the
        partitions this consumer still holds; nothing is committed while the staged effects cannot be written.

        The offsets are forgotten only once committed, or once their partition is no longer held (its new owner
        reads on from the last commit): a commit the group refuses while it rebalances, or that meets another
        passing refusal, leaves them to the next commit, with no pause (the consumer must go on polling to finish
        the rebalance). Any other failure is raised, the offsets still kept.
        """
        self._committed_at = time.monotonic()
        if not self._flush(stop):
            return
        held = consumer.assignment()
        self._handled = {tp: offset for tp, offset in self._handled.items() if tp in held}
        if not self._handled:
            return
        try:
            consumer.commit(dict(self._handled))
        except (CommitFailedError, RebalanceInProgressError) as exc:
            log.warning("consumer %s: the group refused the commit while its members change (%s); the offsets of %d "
                        "partition(s) wait for the next commit", self.group, exc, len(self._handled))
            return
        except KafkaError as exc:
            if not exc.retriable:
                raise
            log.warning("consumer %s: commit failed for now (%s); the offsets of %d partition(s) wait for the next "
                        "commit", self.group, exc, len(self._handled))
            return
        self._handled = {}

    def _poll_once(self, stop: threading.Event) -> int:
        consumer = self._consumer
        batch = consumer.poll(timeout_ms=200)
        stable = consumer.group_metadata().state == MemberState.STABLE
        if not stable:
            self._rejoin_if_abandoned(consumer)
        if not batch and not stable:
            # Straight back into poll while the group (re)forms: kafka-python 3.0.12 forgets a join that ends while
            # we are out of poll() and sends a new one (BaseCoordinator.join_group_async replaces a finished join
            # task), a new rebalance each time, so any pause here (a lag report, a commit, which would be refused
            # anyway) let a loaded host's group rebalance on and on.
            return 0
        handled: dict[TopicPartition, OffsetAndMetadata] = {}
        count = 0
        try:
            for tp, records in batch.items():
                for record in records:
                    if stop.is_set():
                        # Finish with the message in hand only; the rest is re-delivered.
                        break
                    try:
                        self.process(record, stop)
                    except _Interrupted:
                        return count
                    handled[tp] = OffsetAndMetadata(record.offset + 1, "", -1)
                    count += 1
                if stop.is_set():
                    break
        finally:
            self._handled.update(handled)
            if self._handled and (stop.is_set() or time.monotonic() - self._committed_at >= self.commit_every):
                self._commit(consumer, stop)
        self._report_lag(consumer)
        return count

    def _rejoin_if_abandoned(self, consumer: KafkaConsumer) -> None:
        """Ask again for the join of a member left rebalancing that kafka-python no longer means to rejoin.

        A rejoin the group's leader starts itself, because its topics' partitions changed (partitions added; until
        _connect subscribed first, every new consumer's first assignment), stops being wanted as soon as the leader
        has computed the new assignment, before the join has ended. If it ends while we are out of poll() (a poll
        whose time ran out on a loaded machine), kafka-python 3.0.12 never takes its result: the member stays
        rebalancing with its heartbeat off, and each poll's fetch waits no time (no heartbeat was sent since, so one
        counts as due), so this loop spun its thread and the client's I/O thread for good, every commit was refused,
        and the broker dropped the member after the session timeout. Asked again, the next poll waits for the join
        still in flight, or sends a new one.
        """
        coordinator = consumer._coordinator  # noqa: SLF001 - kafka-python has no public way to ask for a rejoin
        if not coordinator.need_rejoin():
            log.warning("consumer %s: the member was left rebalancing with no rejoin under way; joining again",
                        self.group)
            coordinator.request_rejoin()

    def _flush(self, stop: threading.Event) -> bool:
        """Write every staged effect; False (commit nothing) when the consumer stops before they are written."""
        if not self._staged:
            return True
        for handler in self._staged_handlers:
            try:
                self._flush_through_outages(handler, stop)
            except _Interrupted:
                return False
            except Exception as exc:  # noqa: BLE001 - one bad staged effect must not stop the consumer
                log.error("consumer %s: writing staged effects failed (%r); handling their events one by one",
                          self.group, exc)
                handler.discard()
                try:
                    for record, event, owner in self._staged:
                        if owner is handler:
                            self._handle(record, event, handler.apply, stop, checked=False)
                except _Interrupted:
                    return False
                self._staged = [kept for kept in self._staged if kept[2] is not handler]
        self._staged = []
        return True

    def _flush_through_outages(self, handler: Staged, stop: threading.Event) -> None:
        """Flush ``handler``, waiting out an outage as :meth:`_handle` does (consuming on would only stage more)."""
        delay = self.backoff[0]
        while True:
            try:
                handler.flush()
                return
            except TRANSIENT as exc:
                log.warning("consumer %s: staged effects wait for the infrastructure (%s)", self.group, exc)
                if stop.wait(delay):
                    raise _Interrupted() from exc
                delay = min(delay * 2, self.backoff[1])

    def _report_lag(self, consumer: KafkaConsumer) -> None:
        """Set the lag gauge of every assigned partition, at most every :data:`LAG_EVERY` seconds: a poll ends
        every 200 ms when idle and a dozen times a second under load, and a report asks the client for each
        partition's position (6 % of a loaded indicators worker's CPU when every poll reported)."""
        now = time.monotonic()
        if now - self._lag_reported_at < LAG_EVERY:
            return
        self._lag_reported_at = now
        for tp in consumer.assignment():
            high = consumer.highwater(tp)
            if high is None:
                continue
            try:
                position = consumer.position(tp, timeout_ms=100)
            except KafkaError:
                continue
            if position is None:
                continue
            metrics.CONSUMER_LAG.labels(self.settings.service, self.group, tp.topic, str(tp.partition)).set(
                max(0, high - position)
            )

    # -- one message ---------------------------------------------------------
    def process(self, record, stop: threading.Event | None = None) -> None:
        """Handle one Kafka record, dead-lettering it if it is invalid or keeps failing."""
        stop = stop or threading.Event()
        try:
            event = self.contracts.parse(record.value)
        except ContractViolation as exc:
            self._dead_letter(record, "invalid", str(exc), attempts=1, type_="unknown", stop=stop)
            return
        handler = self.handlers.get(event.name)
        if handler is None:
            return  # another consumer's event on a shared topic
        token = logs.correlation_id.set(event.id)
        try:
            self._handle(record, event, handler, stop)
        finally:
            logs.correlation_id.reset(token)

    def _handle(self, record, event: Event, handler: Handler, stop: threading.Event, *,
                checked: bool | None = None) -> None:
        """Handle one event (``checked``: through the inbox; by default unless the handler is idempotent)."""
        labels = (self.settings.service, self.group, event.name)
        checked = not getattr(handler, "idempotent", False) if checked is None else checked
        delay, attempt = self.backoff[0], 0
        while True:
            try:
                if checked and self.inbox.seen(event.id):
                    metrics.EVENTS_DUPLICATE.labels(*labels).inc()
                    return
                handler(event)
                if checked:
                    self.inbox.record(event)
                elif isinstance(handler, Staged):
                    self._staged.append((record, event, handler))
                break
            except TRANSIENT as exc:
                # Not the event's fault: wait for the store or broker to come back.
                log.warning("event %s: infrastructure unavailable (%s); waiting", event.id, exc)
                if stop.wait(delay):
                    raise _Interrupted() from exc
            except Exception as exc:  # noqa: BLE001 - any handler bug must not stop the consumer
                attempt += 1
                metrics.EVENTS_FAILED.labels(*labels).inc()
                log.warning("event %s (%s) failed, attempt %d/%d: %r",
                            event.id, event.name, attempt, self.max_attempts, exc)
                if attempt >= self.max_attempts:
                    self._dead_letter(record, "failed", repr(exc), attempts=attempt, type_=event.name, stop=stop)
                    return
                stop.wait(delay)
            delay = min(delay * 2, self.backoff[1])
        metrics.EVENTS_CONSUMED.labels(*labels).inc()
        metrics.LAST_EVENT_PROCESSED.labels(self.settings.service, self.group).set(time.time())

    def _dead_letter(self, record, reason: str, error: str, *, attempts: int, type_: str,
                     stop: threading.Event) -> None:
        raw: bytes = record.value or b""
        try:
            value, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            value, encoding = base64.b64encode(raw).decode("ascii"), "base64"
        key = record.key.decode("utf-8", "replace") if record.key is not None else None
        data = {
            "original_topic": record.topic,
            "original_partition": record.partition,
            "original_offset": record.offset,
            "original_key": key,
            "consumer_group": self.group,
            "error": error[:2000],
            "attempts": attempts,
            "original_value": value,
            "original_encoding": encoding,
            "dead_lettered_at": datetime.now(timezone.utc).isoformat(),
        }
        letter = self.contracts.new_event(
            DEAD_LETTER_EVENT, data, subject=key or "unknown", source=f"/edu71/{self.settings.service}"
        )
        delay = self.backoff[0]
        # The offset is committed only once the dead letter is safely in Kafka.
        while True:
            deliveries = self.producer.publish([letter])
            if deliveries and deliveries[0].ok:
                break
            if deliveries and not deliveries[0].retriable and data["original_value"]:
                # Too large once wrapped (base64 grows a message by a third): park it without its value,
                # which stays readable at its original offset.
                data = {**data, "original_value": "", "error": f"{error[:1500]} (original value omitted: "
                                                               f"{deliveries[0].error})"}
                letter = self.contracts.new_event(DEAD_LETTER_EVENT, data, subject=key or "unknown",
                                                  source=f"/edu71/{self.settings.service}")
                continue
            if deliveries and not deliveries[0].retriable:
                # Refused even without its value: retrying cannot help, and waiting would stop the group.
                # The message stays readable at its offset; the log line and the counter say where.
                metrics.EVENTS_DEAD_LETTERED.labels(self.settings.service, self.group, type_, "unsendable").inc()
                log.error("cannot dead-letter %s/%d@%d (%s): %s; skipped", record.topic, record.partition,
                          record.offset, deliveries[0].error, error)
                return
            if stop.wait(delay):
                raise _Interrupted()
            delay = min(delay * 2, self.backoff[1])
        metrics.EVENTS_DEAD_LETTERED.labels(self.settings.service, self.group, type_, reason).inc()
        log.error("dead-lettered %s/%d@%d (%s): %s", record.topic, record.partition, record.offset, reason, error)


class _Interrupted(Exception):
    """Shutdown requested while waiting for the infrastructure: leave the message uncommitted."""

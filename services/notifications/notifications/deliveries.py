"""The durable delivery queue of e-mails and webhook calls, and the worker loop that sends them.

Each delivery is a :class:`~notifications.adapters.documents.Delivery`, inserted once (its id
is the dedupe key, so a redelivered event never queues a second one). A small ``delivery_queue``
collection lists the pending ones. Before each attempt a worker *claims* it by inserting
``<delivery>:<version>`` into ``delivery_claims``: inserts are atomic on FerretDB, so with several
worker processes exactly one makes the attempt. The attempt's outcome is a new version of the
delivery; the final one (delivered, or failed after the retries) carries NotificationDelivered.

At-least-once window, stated honestly: a recipient can get a message twice in two cases.
(1) A worker dies (or loses the store) after the SMTP server or webhook accepted the call and
before the outcome is written: the claim goes stale and, ``claim_timeout`` later, another
worker sends it again. (2) The server accepted the message but its answer did not reach us
within the SMTP/webhook timeout: we count a failed attempt and retry after the backoff. Both
are inherent to SMTP and HTTP (no two-phase commit with a mail server); the e-mail keeps its
Message-ID and the webhook call its ``X-Edu71-Delivery`` id, so the receiver can tell. An unreachable server only delays: the delivery waits in the queue with
its backoff, and after ``max_attempts`` it is recorded as failed.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone
from typing import Callable, Mapping

from mongoengine import NotUniqueError
from pymongo.errors import DuplicateKeyError, PyMongoError

from edu71.bus.outbox import StaleDocument, load, save_with_events
from edu71.contracts import Contracts
from notifications import metrics
from notifications.adapters.documents import Delivery
from notifications.adapters.mail import SendFailed
from notifications.config import DeliverySettings
from notifications.domain.delivery import backoff

log = logging.getLogger(__name__)

QUEUE = "delivery_queue"
CLAIMS = "delivery_claims"
SOURCE = "/edu71/notifications"

Sender = Callable[[Delivery], None]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def delivered_event(contracts: Contracts, *, notification_id: str, source_event_id: str, kind: str, user_id: str,
                    org_unit: str, role: str, channel: str, status: str, attempts: int, at: datetime,
                    error: str | None = None):
    data = {"notification_id": notification_id, "source_event_id": source_event_id, "kind": kind,
            "recipient": {"user_id": user_id, "org_unit": org_unit, "role": role}, "channel": channel,
            "status": status, "attempts": attempts, "at": iso(at)}
    if error:
        data["error"] = error[:500]
    return contracts.new_event("NotificationDelivered", data, subject=org_unit, source=SOURCE)


class DeliveryQueue:
    def __init__(self, contracts: Contracts, settings: DeliverySettings, senders: Mapping[str, Sender],
                 clock: Clock = utc_now, batch: int = 50):
        self.contracts = contracts
        self.settings = settings
        self.senders = dict(senders)
        self.clock = clock
        self.batch = batch

    @staticmethod
    def _queue():
        return Delivery._get_db()[QUEUE]

    @staticmethod
    def _claims():
        return Delivery._get_db()[CLAIMS]

    # -- enqueue (called by the event handlers) ----------------------------------
    def enqueue(self, delivery: Delivery) -> bool:
        """Queue ``delivery`` unless its dedupe key is already known; return whether it is new."""
        delivery.status, delivery.attempts, delivery.created_at = "pending", 0, self.clock()
        try:
            save_with_events(delivery)
        except NotUniqueError:
            existing = load(Delivery, delivery.id)
            if existing is None or existing.status != "pending":
                return False
            new = False  # the handler died before queueing it last time: queue it now
        else:
            new = True
        try:
            self._queue().insert_one({"_id": delivery.id, "channel": delivery.channel, "due": delivery.created_at,
                                      "at": delivery.created_at})
        except DuplicateKeyError:
            pass
        return new

    # -- sending (the worker's loop) ----------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Send what is due until ``stop`` is set; a store outage only pauses the loop."""
        while not stop.is_set():
            try:
                busy = self.run_once()
            except PyMongoError as exc:
                log.warning("delivery queue: store unavailable (%s); retrying", exc)
                busy = 0
            if not busy:
                stop.wait(self.settings.poll_seconds)

    def run_once(self) -> int:
        """Make every attempt that is due now; return how many were made."""
        now = self.clock()
        entries = sorted(self._queue().find({"due": {"$lte": now}}).limit(self.batch),
                         key=lambda e: (e["due"], e["_id"]))
        made = sum(1 for entry in entries if self._process(entry, now))
        self.report_depth()
        return made

    def report_depth(self) -> None:
        depth: dict[str, int] = {channel: 0 for channel in self.senders}
        for entry in self._queue().find({}, {"channel": 1}):
            depth[entry.get("channel", "email")] = depth.get(entry.get("channel", "email"), 0) + 1
        for channel, count in depth.items():
            metrics.QUEUE_DEPTH.labels(channel).set(count)

    def _process(self, entry: dict, now: datetime) -> bool:
        delivery = load(Delivery, entry["_id"])
        if delivery is None:
            # Only while its handler is between the two inserts; an entry that stays orphaned is dropped.
            if now - entry["at"] > timedelta(seconds=self.settings.claim_timeout):
                self._queue().delete_one({"_id": entry["_id"]})
            return False
        if delivery.status != "pending":
            self._queue().delete_one({"_id": delivery.id})
            return False
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            self._queue().update_one({"_id": delivery.id}, {"$set": {"due": delivery.next_attempt_at}})
            return False
        if not self._claim(delivery, now):
            return False
        self._attempt(delivery)
        return True

    def _claim(self, delivery: Delivery, now: datetime) -> bool:
        """Win the right to make this attempt (one insert); a claim older than ``claim_timeout`` is taken over."""
        base = f"{delivery.id}:{delivery.doc_version}"
        for retake in range(1000):
            claim_id = base if retake == 0 else f"{base}:r{retake}"
            try:
                self._claims().insert_one({"_id": claim_id, "at": now})
                if retake:
                    log.warning("delivery %s: an attempt claimed earlier never finished; retrying it", delivery.id)
                return True
            except DuplicateKeyError:
                existing = self._claims().find_one({"_id": claim_id})
                if existing is not None and now - existing["at"] < timedelta(seconds=self.settings.claim_timeout):
                    return False
        return False

    def _attempt(self, delivery: Delivery) -> None:
        attempt = delivery.attempts + 1
        error, permanent = None, False
        try:
            self.senders[delivery.channel](delivery)
        except SendFailed as exc:
            error, permanent = str(exc), exc.permanent
        except Exception as exc:  # noqa: BLE001 - a sender bug must fail this delivery, not the loop
            log.exception("delivery %s: unexpected error", delivery.id)
            error = f"Lỗi không mong muốn: {exc.__class__.__name__}"
        finished = self.clock()
        expected = delivery.doc_version
        delivery.attempts = attempt
        delivery.last_error = error
        if error is not None:
            metrics.ATTEMPTS_FAILED.labels(delivery.channel).inc()
            log.warning("delivery %s (%s to %s), attempt %d/%d failed: %s", delivery.id, delivery.channel,
                        delivery.address, attempt, self.settings.max_attempts, error)
        if error is not None and not permanent and attempt < self.settings.max_attempts:
            delivery.next_attempt_at = finished + backoff(attempt, self.settings.backoff_base,
                                                          self.settings.backoff_max)
            self._save(delivery, expected)
            self._queue().update_one({"_id": delivery.id}, {"$set": {"due": delivery.next_attempt_at}})
            return
        status = "delivered" if error is None else "failed"
        delivery.status, delivery.finished_at, delivery.next_attempt_at = status, finished, None
        event = delivered_event(self.contracts, notification_id=delivery.id, source_event_id=delivery.source_event_id,
                                kind=delivery.kind, user_id=delivery.recipient_user_id,
                                org_unit=delivery.recipient_org_unit, role=delivery.recipient_role,
                                channel=delivery.channel, status=status, attempts=attempt, at=finished, error=error)
        if self._save(delivery, expected, event):
            metrics.outcome(delivery.channel, status)
            created = delivery.created_at if delivery.created_at.tzinfo else \
                delivery.created_at.replace(tzinfo=timezone.utc)
            metrics.LATENCY.labels(delivery.channel).observe(max((finished - created).total_seconds(), 0.0))
        self._queue().delete_one({"_id": delivery.id})

    @staticmethod
    def _save(delivery: Delivery, expected: int, *events) -> bool:
        try:
            save_with_events(delivery, *events, expected_version=expected)
        except StaleDocument:
            # Only after a claim was taken over while its first holder was still sending.
            log.warning("delivery %s: another worker recorded this attempt first", delivery.id)
            return False
        return True

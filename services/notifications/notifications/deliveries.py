"""Deliveries (use cases): the durable queue of e-mails and webhook calls, the sending of what is due, and the
log of what was sent as far as the caller may see.

Each delivery is a :class:`~notifications.adapters.documents.Delivery`, inserted once (its id is the dedupe key,
so a redelivered event never queues a second one). The queue (:class:`~notifications.adapters.deliveries.Deliveries`)
holds one entry per attempt to make: the first is put when the delivery is created, each retry is a new entry
``<delivery>#<attempts so far>`` due after the backoff. Before an attempt a worker *claims* its entry, so with
several worker processes exactly one makes it. The attempt's outcome is a new version of the delivery; the final
one (delivered, or failed after the retries) carries NotificationDelivered. An entry that lags behind its delivery
(a worker died between recording an attempt and queueing the next) is replaced by the entry it should have been.

At-least-once window, stated honestly: a recipient can get a message twice in two cases.
(1) A worker dies (or loses the store) after the SMTP server or webhook accepted the call and
before the outcome is written: the claim goes stale and, ``claim_timeout`` later, another
worker sends it again. (2) The server accepted the message but its answer did not reach us
within the SMTP/webhook timeout: we count a failed attempt and retry after the backoff. Both
are inherent to SMTP and HTTP (no two-phase commit with a mail server); the e-mail keeps its
Message-ID and the webhook call its ``X-Edu71-Delivery`` id, so the receiver can tell. An unreachable server only
delays: the delivery waits in the queue with its backoff, and after ``max_attempts`` it is recorded as failed.

The delivery log: a school sees what was sent to itself; a commune what was sent to itself and to its schools
(not what the city received about them); a city everything within its province; an admin everything. Each is read
from lists kept per unit and status (:mod:`notifications.adapters.delivery_lists`), never from the collection.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Callable, Mapping

from edu71.auth import Principal, Role
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Forbidden
from edu71.store.queue import attempt_of, key_of
from notifications import metrics
from notifications.adapters.deliveries import Deliveries, DeliveryExists
from notifications.adapters.documents import Delivery
from notifications.adapters.mail import SendFailed
from notifications.config import DeliverySettings
from notifications.domain.delivery import backoff

log = logging.getLogger(__name__)

SOURCE = "/edu71/notifications"

Sender = Callable[[Delivery], None]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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
                 deliveries: Deliveries, clock: Clock = utc_now, batch: int = 50):
        self.contracts = contracts
        self.settings = settings
        self.senders = dict(senders)
        self.deliveries = deliveries
        self.clock = clock
        self.batch = batch

    # -- enqueue (called by the dispatcher) ----------------------------------------
    def enqueue(self, delivery: Delivery) -> bool:
        """Queue ``delivery`` unless its dedupe key is already known, or its event is older than the retention;
        return whether it is new.

        Why the age: a delivery is forgotten once its retention is over (:meth:`forget_delivered`), and with it
        the dedupe key. Kafka keeps every event (a new consumer group reads them all), so an event replayed
        after its delivery was forgotten would otherwise be sent a second time; no delivery of an event that
        recent can have been forgotten, since it was made after the event.
        """
        now = self.clock()
        occurred = delivery.occurred_at
        if occurred is not None and _aware(occurred) < now - timedelta(days=self.settings.retention_days):
            log.info("delivery %s: its event is older than the retention; not sent", delivery.id)
            return False
        delivery.status, delivery.attempts, delivery.created_at = "pending", 0, now
        try:
            self.deliveries.add(delivery)
        except DeliveryExists:
            existing = self.deliveries.get(delivery.id)
            if existing is None or existing.status != "pending":
                return False
            new = False  # the handler died before queueing (and perhaps listing) it last time: do it now
            self.deliveries.relist(existing)
        else:
            new = True
        self.deliveries.put(delivery.id, at=delivery.created_at, due=delivery.created_at, channel=delivery.channel)
        return new

    # -- sending (the worker's loop) ----------------------------------------------
    def run_once(self) -> int:
        """Make every attempt that is due now; return how many were made."""
        now = self.clock()
        entries = self.deliveries.ready(self.batch, now)
        made = sum(1 for entry in entries if self._process(entry, now))
        self.report_depth()
        return made

    def report_depth(self) -> None:
        depth: dict[str, int] = {channel: 0 for channel in self.senders}
        depth.update(self.deliveries.waiting())
        for channel, count in depth.items():
            metrics.QUEUE_DEPTH.labels(channel).set(count)

    def _process(self, entry: dict, now: datetime) -> bool:
        delivery = self.deliveries.get(key_of(entry))
        if delivery is None:
            # Only while its handler is between the two inserts; an entry that stays orphaned is dropped.
            if now - entry["at"] > timedelta(seconds=self.settings.claim_timeout):
                self.deliveries.done([entry["_id"]])
            return False
        if delivery.status != "pending":
            # Its outcome was stored but the worker died before it let go of the entry, perhaps before listing it.
            self.deliveries.relist(delivery)
            self.deliveries.done([entry["_id"]])
            return False
        if delivery.attempts > attempt_of(entry):
            # The attempt this entry stands for was recorded; make sure the next one waits, then drop this.
            self.deliveries.put(delivery.id, attempt=delivery.attempts, due=delivery.next_attempt_at or now,
                                channel=delivery.channel)
            self.deliveries.done([entry["_id"]])
            return False
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            return False
        # Named after the delivery's version, so two entries of one attempt (see retry) share one claim.
        if not self.deliveries.claim(f"{delivery.id}:{delivery.doc_version}", now, self.settings.claim_timeout):
            return False
        self._attempt(delivery, entry)
        return True

    def _attempt(self, delivery: Delivery, entry: dict) -> None:
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
            if self._save(delivery, expected):
                self.deliveries.retry(entry, delivery.next_attempt_at)
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
        self.deliveries.done([entry["_id"]])

    # -- retention (the worker's job) --------------------------------------------------
    def forget_delivered(self) -> int:
        """Forget the deliveries delivered longer ago than the retention period; how many it forgot. Failed ones
        are kept for the operators; pending ones are still being sent."""
        before = self.clock() - timedelta(days=self.settings.retention_days)
        forgotten = self.deliveries.forget_delivered(before)
        if forgotten:
            log.info("delivery log: forgot %d deliveries delivered before %s", forgotten, iso(before))
        return forgotten

    def _save(self, delivery: Delivery, expected: int, *events) -> bool:
        try:
            self.deliveries.save(delivery, *events, expected_version=expected)
        except StaleDocument:
            # Only after a claim was taken over while its first holder was still sending.
            log.warning("delivery %s: another worker recorded this attempt first", delivery.id)
            return False
        return True


class DeliveryLog:
    """Which e-mails and webhook calls were made, are waiting or failed, as far as the caller may see."""

    def __init__(self, deliveries: Deliveries):
        self.deliveries = deliveries

    @staticmethod
    def _scope(principal: Principal) -> dict:
        match principal.role:
            case Role.ADMIN:
                return {}
            case Role.CITY:
                return {"province_code": principal.province_code}
            case Role.COMMUNE:
                return {"commune_code": principal.commune_code,
                        "recipient_role": (Role.COMMUNE.value, Role.SCHOOL.value)}
            case Role.SCHOOL:
                return {"recipient_org_unit": principal.org_unit, "recipient_role": Role.SCHOOL.value}
        raise Forbidden("Vai trò vận hành theo dõi việc gửi thông báo qua số liệu Prometheus, "
                        "không xem nội dung thông báo.")

    def list(self, principal: Principal, page: int, page_size: int, status: str | None,
             channel: str | None, province_code: str | None = None) -> tuple[int, list[Delivery]]:
        restriction = self._scope(principal)
        if province_code:
            if principal.role == Role.ADMIN:
                restriction["province_code"] = province_code
            elif province_code != principal.province_code:
                raise Forbidden("Chỉ xem được nhật ký gửi trong tỉnh/thành phố của mình.")
        if status:
            restriction["status"] = status
        if channel:
            restriction["channel"] = channel
        return self.deliveries.page(restriction, page, page_size)

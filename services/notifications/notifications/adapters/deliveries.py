"""Where e-mails and webhook calls to make are kept, with the queue of their attempts: in the store, or in memory
for tests. Both pass the same contract suite (tests/integration/test_repositories.py).

A :class:`~notifications.adapters.documents.Delivery` is a versioned aggregate: inserted once (its id is the
dedupe key), each attempt's outcome a new version. The queue (``delivery_queue``, a
:class:`~edu71.store.queue.WorkQueue`) holds one entry per attempt to make, and its claims say which worker
makes it; entries are inserted and deleted, never updated. The delivery log reads the lists
:mod:`notifications.adapters.delivery_lists` keeps, which each change refreshes right after it is stored.
"""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

from mongoengine import NotUniqueError

from edu71.bus.outbox import load, save_with_events
from edu71.contracts import Event
from edu71.store.memory import InMemoryVersioned
from edu71.store.queue import WorkQueue, attempt_of, entry_id, key_of
from notifications.adapters import delivery_lists
from notifications.adapters.documents import Delivery

QUEUE = "delivery_queue"
CLAIMS = "delivery_claims"

#: What the delivery log may be restricted by: a field and the value it must have (a tuple: one of them).
Restriction = Mapping[str, Any]


class DeliveryExists(Exception):
    """A delivery with this id (derived from its dedupe key) is stored already."""


class Deliveries:
    def __init__(self):
        self.queue = WorkQueue(QUEUE, Delivery._get_db, claims=CLAIMS)

    # -- the deliveries ------------------------------------------------------------
    def get(self, delivery_id: str) -> Delivery | None:
        return load(Delivery, delivery_id)

    def add(self, delivery: Delivery, *events: Event) -> Delivery:
        """Store a new delivery, then list it; :class:`DeliveryExists` if its id is taken."""
        try:
            saved = save_with_events(delivery, *events)
        except NotUniqueError:
            raise DeliveryExists(delivery.pk) from None
        delivery_lists.record(saved)
        return saved

    def save(self, delivery: Delivery, *events: Event, expected_version: int | None = None) -> Delivery:
        """Store an attempt's outcome as the delivery's next version, then list that version;
        :class:`StaleDocument` if another came first."""
        saved = save_with_events(delivery, *events, expected_version=expected_version)
        delivery_lists.record(saved)
        return saved

    def relist(self, delivery: Delivery) -> None:
        """List the stored ``delivery`` again (a writer may have died between storing a change and listing it)."""
        delivery_lists.record(delivery)

    def page(self, restriction: Restriction, page: int, page_size: int) -> tuple[int, list[Delivery]]:
        """How many deliveries match ``restriction`` and one page of them, newest first, from the delivery log's
        lists (:mod:`notifications.adapters.delivery_lists`), never from the collection."""
        return delivery_lists.page(restriction, page, page_size)

    def backfill(self) -> int:
        """List the deliveries stored before the log's lists existed (once); how many entries it added."""
        return delivery_lists.backfill()

    # -- the queue of attempts (edu71.store.queue) --------------------------------------
    def put(self, key: str, *, attempt: int = 0, at: datetime | None = None, due: datetime | None = None,
            channel: str) -> bool:
        return self.queue.put(key, attempt=attempt, at=at, due=due, channel=channel)

    def ready(self, limit: int, now: datetime) -> list[dict]:
        return self.queue.ready(limit, now)

    def claim(self, work: str, now: datetime, timeout: float) -> bool:
        return self.queue.claim(work, now, timeout)

    def retry(self, entry: dict, due: datetime) -> None:
        self.queue.retry(entry, due)

    def done(self, ids: Iterable[str]) -> None:
        self.queue.done(ids)

    def waiting(self) -> dict[str, int]:
        """How many attempts wait, by channel."""
        out: dict[str, int] = {}
        for entry in self.queue.scan({"channel": 1}):
            out[entry.get("channel", "email")] = out.get(entry.get("channel", "email"), 0) + 1
        return out


def _matches(delivery: Delivery, restriction: Restriction) -> bool:
    return all(getattr(delivery, name) in value if isinstance(value, tuple) else getattr(delivery, name) == value
               for name, value in restriction.items())


class InMemoryDeliveries(InMemoryVersioned[Delivery]):
    def __init__(self):
        super().__init__(DeliveryExists)
        self.entries: dict[str, dict] = {}
        self.claims: dict[str, datetime] = {}

    def add(self, delivery: Delivery, *events: Event) -> Delivery:
        return self.save(delivery, *events)

    def relist(self, delivery: Delivery) -> None:
        pass  # the log below reads the deliveries themselves

    def page(self, restriction: Restriction, page: int, page_size: int) -> tuple[int, list[Delivery]]:
        found = sorted((d for d in self.docs.values() if _matches(d, restriction)),
                       key=lambda d: (d.created_at, d.pk), reverse=True)
        return len(found), [copy.deepcopy(d) for d in found[(page - 1) * page_size:page * page_size]]

    def put(self, key: str, *, attempt: int = 0, at: datetime | None = None, due: datetime | None = None,
            channel: str) -> bool:
        entry = {"_id": entry_id(key, attempt), "at": at or datetime.now(timezone.utc), "channel": channel}
        if attempt:
            entry.update({"key": key, "try": attempt})
        if due is not None:
            entry["due"] = due
        if entry["_id"] in self.entries:
            return False
        self.entries[entry["_id"]] = entry
        return True

    def ready(self, limit: int, now: datetime) -> list[dict]:
        found = [dict(e) for e in self.entries.values() if "due" in e and e["due"] <= now][:limit]
        return sorted(found, key=lambda e: (e.get("due", e["at"]), e["_id"]))

    def claim(self, work: str, now: datetime, timeout: float) -> bool:
        for retake in range(1000):
            claim_id = work if retake == 0 else f"{work}:r{retake}"
            if claim_id not in self.claims:
                self.claims[claim_id] = now
                return True
            if now - self.claims[claim_id] < timedelta(seconds=timeout):
                return False
        return False

    def retry(self, entry: dict, due: datetime) -> None:
        self.put(key_of(entry), attempt=attempt_of(entry) + 1, due=due, channel=entry["channel"])
        self.done([entry["_id"]])

    def done(self, ids: Iterable[str]) -> None:
        for entry in ids:
            self.entries.pop(entry, None)

    def waiting(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for entry in self.entries.values():
            out[entry["channel"]] = out.get(entry["channel"], 0) + 1
        return out

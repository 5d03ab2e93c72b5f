"""Where e-mails and webhook calls to make are kept, with the queue of their attempts: in the store, or in memory
for tests. Both pass the same contract suite (tests/integration/test_repositories.py).

A :class:`~notifications.adapters.documents.Delivery` is a versioned aggregate: inserted once (its id is the
dedupe key), each attempt's outcome a new version. The queue (``delivery_queue``, a
:class:`~edu71.store.queue.WorkQueue`) holds one entry per attempt to make, and its claims say which worker
makes it; entries are inserted and deleted, never updated. The delivery log reads the lists
:mod:`notifications.adapters.delivery_lists` keeps, which each change refreshes right after it is stored.

Delivered deliveries are kept for a retention period, then forgotten (:meth:`Deliveries.forget_delivered`); failed
ones are kept for the operators.
"""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

from mongoengine import NotUniqueError

from edu71.bus.outbox import load, save_with_events
from edu71.contracts import Event
from edu71.db import delete_ids
from edu71.store import blob
from edu71.store.memory import InMemoryVersioned
from edu71.store.queue import WorkQueue, attempt_of, entry_id, key_of
from edu71.store.versioned import PUBLISHED, change_id, load_many
from notifications.adapters import delivery_lists
from notifications.adapters.documents import Delivery

QUEUE = "delivery_queue"
CLAIMS = "delivery_claims"
#: Deliveries being forgotten: each stays here until its lists and its documents are gone (a job killed half-way
#: leaves them for the next run to finish).
FORGETTING = "delivery_forgetting"

#: What the delivery log may be restricted by: a field and the value it must have (a tuple: one of them).
Restriction = Mapping[str, Any]


class DeliveryExists(Exception):
    """A delivery with this id (derived from its dedupe key) is stored already."""


class Deliveries:
    def __init__(self):
        self.queue = WorkQueue(QUEUE, Delivery._get_db, claims=CLAIMS)
        self.forgetting = WorkQueue(FORGETTING, Delivery._get_db)

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

    # -- retention ---------------------------------------------------------------------------
    def forget_delivered(self, before: datetime, batch: int = 500) -> int:
        """Forget the deliveries delivered before ``before``; how many it forgot. Failed ones are kept.

        Each is first noted in the ``delivery_forgetting`` queue, then taken out of its delivered lists, then its
        documents are deleted (changes, head, the relay's published marks, the sender's claims), then its note:
        a list never shows a delivery that is gone, and a run killed at any point leaves notes that the next run
        (which starts with them) finishes. Every step done again changes nothing. Candidates come from the
        provinces' delivered lists by the time they were queued; the head decides (delivered, finished before
        ``before``), so a delivery sent late is kept until its own time comes.
        """
        forgotten = self._finish(before, self.forgetting.ready(batch))
        while candidates := delivery_lists.delivered_before(before, batch):
            for delivery_id, version, units in candidates:
                self.forgetting.put(delivery_id, v=version, units=units)
            done = self._finish(before, self.forgetting.ready(batch))
            forgotten += done
            if not done:
                break  # every candidate was finished after ``before``: kept for a later run
        return forgotten

    def _finish(self, before: datetime, notes: list[dict]) -> int:
        if not notes:
            return 0
        heads = {head.pk: head for head in load_many(Delivery, [key_of(note) for note in notes])}
        doomed: list[tuple[str, int, list[str]]] = []
        for note in notes:
            head = heads.get(key_of(note))
            if head is None:  # a run died after deleting it: finish with what the note says
                doomed.append((key_of(note), note["v"], note["units"]))
            elif head.status == "delivered" and _aware(head.finished_at or head.created_at) < before and \
                    self._published(head):
                doomed.append((head.pk, head.doc_version, delivery_lists.units_of(head.to_mongo())))
        delivery_lists.unlist_delivered(doomed)
        changes = [change_id(pk, v) for pk, version, _ in doomed for v in range(1, version + 1)]
        # Changes before the head: the relay's sweep would rebuild a deleted head from a change still there.
        delete_ids(Delivery.changes(), changes)
        delete_ids(Delivery._get_collection(), [pk for pk, _, _ in doomed])
        delete_ids(Delivery._get_db()[PUBLISHED], changes)
        delete_ids(self.queue.claims, [f"{pk}:{v}" for pk, version, _ in doomed for v in range(1, version + 1)])
        self.forgetting.done([note["_id"] for note in notes])
        return len(doomed)

    @staticmethod
    def _published(head: Delivery) -> bool:
        """Whether the relay published the events of the delivery's last change (NotificationDelivered): an event
        still waiting (or set aside by the relay) keeps its delivery."""
        last = change_id(head.pk, head.doc_version)
        change = Delivery.changes().find_one({"_id": last}, {"events": 1})
        if change is None or not blob.unpack(change["events"]):
            return True
        return Delivery._get_db()[PUBLISHED].find_one({"_id": last}, {"_id": 1}) is not None

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


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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

    def forget_delivered(self, before: datetime, batch: int = 500) -> int:
        doomed = [pk for pk, d in self.docs.items()
                  if d.status == "delivered" and _aware(d.finished_at or d.created_at) < before]
        for pk in doomed:
            del self.docs[pk]
            self.events.pop(pk, None)
        return len(doomed)

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

"""Transactional outbox on single-document atomicity.

FerretDB (and a MongoDB without a replica set) has no multi-document
transactions, so an event is stored *inside* the document whose change caused
it: one write carries both the new state and the pending event. A relay then
publishes pending events and removes each one (``$pull``) only after Kafka has
acknowledged it. A failed write stores neither; Kafka being down only lets the
outbox grow until it returns.

Writers never overwrite the ``outbox`` array (``$push`` only) and the relay
never touches anything else, so the two cannot lose each other's changes.
Updates are conditional on ``doc_version``: a concurrent edit is refused
(:class:`StaleDocument`) instead of silently overwritten.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Iterable

from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentListField,
    IntField,
    StringField,
)
from mongoengine.connection import get_db
from pymongo import UpdateOne
from pymongo.errors import DuplicateKeyError, PyMongoError

from edu71 import metrics
from edu71.bus.producer import EventProducer
from edu71.contracts import Event

log = logging.getLogger(__name__)


class StaleDocument(Exception):
    """The document changed since it was read (optimistic concurrency)."""


class OutboxEntry(EmbeddedDocument):
    id = StringField(required=True)
    name = StringField(required=True)
    key = StringField(required=True)
    envelope = StringField(required=True)  # the CloudEvent exactly as it will be published
    created_at = DateTimeField(required=True)

    @classmethod
    def of(cls, event: Event) -> "OutboxEntry":
        return cls(id=event.id, name=event.name, key=event.key, envelope=event.to_json(),
                   created_at=datetime.now(timezone.utc))

    def event(self) -> Event:
        env = json.loads(self.envelope)
        return Event(
            id=env["id"], type=env["type"], source=env["source"], subject=env["subject"],
            time=env["time"], data=env["data"], dataschema=env["dataschema"],
            partitionkey=env.get("partitionkey"),
        )


class OutboxDocument(Document):
    """Base of every aggregate whose changes publish events."""

    meta = {"abstract": True}

    outbox = EmbeddedDocumentListField(OutboxEntry)
    #: True while ``outbox`` may hold events: the relay's indexed way to find them
    #: without scanning every document.
    outbox_pending = BooleanField(db_field="_pending")
    doc_version = IntField(db_field="_v", default=0)

    @classmethod
    def ensure_outbox_index(cls) -> None:
        cls._get_collection().create_index("_pending", sparse=True)


_RESERVED = {"_id", "outbox", "_pending", "_v"}
PENDING = {"_pending": True}


def save_with_events(doc: OutboxDocument, *events: Event, expected_version: int | None = None) -> OutboxDocument:
    """Store ``doc`` and its ``events`` in one atomic write.

    A new document is inserted with its events; an existing one is updated only
    if its version is still ``expected_version`` (default: the version it was
    read at), else :class:`StaleDocument` is raised and nothing is written.
    """
    entries = [OutboxEntry.of(e) for e in events]
    if doc.pk is None or doc._created:
        doc.outbox = entries
        doc.outbox_pending = True if entries else None
        doc.doc_version = 1
        doc.save(force_insert=True)
        doc._created = False
        return doc
    doc.validate()
    expected = doc.doc_version if expected_version is None else expected_version
    state = doc.to_mongo().to_dict()
    sets = {k: v for k, v in state.items() if k not in _RESERVED}
    unsets = {
        f.db_field: ""
        for name, f in doc._fields.items()
        if f.db_field not in _RESERVED and f.db_field not in state
    }
    update: dict = {"$set": sets, "$inc": {"_v": 1}}
    if unsets:
        update["$unset"] = unsets
    if entries:
        update["$push"] = {"outbox": {"$each": [e.to_mongo().to_dict() for e in entries]}}
        update["$set"]["_pending"] = True
    result = doc._get_collection().update_one({"_id": doc.pk, "_v": expected}, update)
    if result.matched_count != 1:
        raise StaleDocument(f"{type(doc).__name__} {doc.pk} is no longer at version {expected}")
    doc.doc_version = expected + 1
    doc.outbox = list(doc.outbox or []) + entries
    doc._clear_changed_fields()
    return doc


class OutboxRelay:
    """Publishes what the outboxes of ``documents`` hold, oldest documents first.

    Only one relay per service publishes at a time (a lease in the service's own
    database), so several worker processes never race to send the same event.
    An event can be sent twice only if a relay dies between Kafka's
    acknowledgement and the ``$pull``; it keeps its id, and consumers drop
    ids they have already handled.
    """

    LEASE_ID = "outbox-relay"

    def __init__(self, service: str, alias: str, producer: EventProducer,
                 documents: Iterable[type[OutboxDocument]], *, batch_size: int = 500,
                 lease_seconds: float = 60.0, idle_sleep: float = 0.05, max_idle_sleep: float = 0.5):
        self.service = service
        self.alias = alias
        self.producer = producer
        self.documents = list(documents)
        self.batch_size = batch_size
        self.lease_seconds = lease_seconds
        self.idle_sleep = idle_sleep
        self.max_idle_sleep = max_idle_sleep
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._backlog_checked = 0.0
        self._lease_renew_at = 0.0

    # -- leadership ---------------------------------------------------------
    def _acquire_lease(self) -> bool:
        # Renew only when a third of the lease is gone: a write every pass would
        # cost the store a write per poll interval for nothing.
        if time.monotonic() < self._lease_renew_at:
            return True
        now = datetime.now(timezone.utc)
        leases = get_db(self.alias)["outbox_leases"]
        try:
            leases.find_one_and_update(
                {"_id": self.LEASE_ID, "$or": [{"holder": self.holder}, {"until": {"$lt": now}}]},
                {"$set": {"holder": self.holder, "until": now + timedelta(seconds=self.lease_seconds)}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False  # another live relay holds it
        self._lease_renew_at = time.monotonic() + self.lease_seconds / 3
        return True

    def release(self) -> None:
        try:
            get_db(self.alias)["outbox_leases"].delete_one({"_id": self.LEASE_ID, "holder": self.holder})
        except PyMongoError:
            pass

    # -- relaying -----------------------------------------------------------
    def run_once(self) -> int:
        """Publish one batch; return how many events Kafka acknowledged."""
        if not self._acquire_lease():
            return 0
        published = 0
        for cls in self.documents:
            published += self._relay(cls)
        self._report_backlog()
        return published

    def _relay(self, cls: type[OutboxDocument]) -> int:
        coll = cls._get_collection()
        pending = list(
            coll.find(PENDING, {"outbox": 1}).limit(self.batch_size)
        )
        if not pending:
            return 0
        emptied = [doc["_id"] for doc in pending if not doc.get("outbox")]
        stored: dict[str, tuple[object, dict]] = {}  # event id → (document id, entry exactly as stored)
        events: list[Event] = []
        for doc in pending:
            for raw in doc["outbox"]:
                entry = OutboxEntry._from_son(raw)
                stored[entry.id] = (doc["_id"], raw)
                events.append(entry.event())
        events.sort(key=lambda e: e.time)
        deliveries = self.producer.publish(events)
        done: dict[object, list[dict]] = {}
        for d in deliveries:
            if d.ok:
                owner, raw = stored[d.event_id]
                done.setdefault(owner, []).append(raw)
        # $pullAll removes entries equal to those read (FerretDB's $pull takes no conditions).
        ops = [UpdateOne({"_id": _id}, {"$pullAll": {"outbox": raws}}) for _id, raws in done.items()]
        # Clear the flag only where the outbox is really empty now: a writer that
        # pushed meanwhile keeps it set.
        ops += [
            UpdateOne({"_id": _id, "outbox": {"$size": 0}}, {"$unset": {"_pending": ""}})
            for _id in list(done) + emptied
        ]
        if ops:
            coll.bulk_write(ops, ordered=True)
        return sum(len(raws) for raws in done.values())

    def backlog_stats(self) -> tuple[int, datetime | None]:
        """Events waiting in every outbox, and when the oldest of them was written."""
        count, oldest = 0, None
        for cls in self.documents:
            for doc in cls._get_collection().find(PENDING, {"outbox.created_at": 1}):
                for entry in doc.get("outbox", []):
                    count += 1
                    created = entry["created_at"]
                    oldest = created if oldest is None or created < oldest else oldest
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=timezone.utc)
        return count, oldest

    def backlog(self) -> int:
        return self.backlog_stats()[0]

    def _report_backlog(self, every: float = 2.0) -> None:
        now = time.monotonic()
        if now - self._backlog_checked < every:
            return
        self._backlog_checked = now
        count, oldest = self.backlog_stats()
        metrics.OUTBOX_BACKLOG.labels(self.service).set(count)
        age = (datetime.now(timezone.utc) - oldest).total_seconds() if oldest else 0.0
        metrics.OUTBOX_OLDEST_AGE.labels(self.service).set(age)

    def run(self, stop: threading.Event) -> None:
        """Relay until ``stop`` is set; a store or broker outage only slows the loop down.

        Polling backs off while the outboxes stay empty (up to ``max_idle_sleep``)
        and returns to full speed as soon as something was published: each poll
        is a query the store has to answer.
        """
        idle, failing = self.idle_sleep, self.idle_sleep
        while not stop.is_set():
            try:
                sent = self.run_once()
                failing = self.idle_sleep
                if sent:
                    idle = self.idle_sleep
                else:
                    stop.wait(idle)
                    idle = min(idle * 2, self.max_idle_sleep)
            except PyMongoError as exc:
                log.warning("outbox relay: store unavailable (%s); retrying in %.1fs", exc, failing)
                stop.wait(failing)
                failing = min(failing * 2, 5.0)
        self.release()

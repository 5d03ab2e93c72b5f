"""Transactional outbox on insert-only versions.

Every change of an aggregate (a plan, a round, a submission…) is stored as one
new, immutable *change* document, ``<collection>_changes/<id>:<version>``,
carrying the aggregate's new state **and** the events the change causes. One
insert is atomic on every MongoDB-compatible store — including FerretDB's
SQLite backend, which applies updates as a read followed by a write and so
cannot make a conditional update atomic (FerretDB issue #3040). The unique
``_id`` is also the optimistic-concurrency check: two writers of the same
version cannot both succeed.

After the insert the writer leaves a small *hint* for the relay and refreshes
the aggregate's *head* document (the current state, used by list queries). If
the writer dies in between, nothing is lost: the relay's periodic sweep finds
unpublished changes without a hint, and the relay rewrites heads that lag.

The relay publishes the events of hinted changes with an idempotent producer,
marks each change published (only the relay ever updates a change), and
deletes the hint. An event can be sent twice only if a relay dies between
Kafka's acknowledgement and that mark; it keeps its id, and consumers drop ids
they have already handled.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from datetime import datetime, timezone
from typing import Iterable

from bson import ObjectId
from mongoengine import Document, IntField, NotUniqueError
from mongoengine.connection import get_db
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from edu71 import metrics
from edu71.bus.producer import EventProducer
from edu71.contracts import Event

log = logging.getLogger(__name__)

HINTS = "outbox_hints"
LEASES = "outbox_leases"


class StaleDocument(Exception):
    """The aggregate changed since it was read (optimistic concurrency)."""


class VersionedDocument(Document):
    """Base of every aggregate whose changes are versioned and may publish events.

    The mongoengine collection holds the *head* (current state, for queries);
    ``<collection>_changes`` holds every version with its events.
    """

    meta = {"abstract": True}

    doc_version = IntField(db_field="_v", default=0)

    @classmethod
    def changes(cls) -> Collection:
        return cls._get_db()[f"{cls._get_collection_name()}_changes"]

    @classmethod
    def ensure_store_indexes(cls) -> None:
        # Useful on MongoDB; FerretDB's SQLite backend keeps it but scans anyway.
        cls.changes().create_index("_pending", sparse=True)


def change_id(pk, version: int) -> str:
    return f"{pk}:{version:010d}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _entry(event: Event) -> dict:
    return {"id": event.id, "name": event.name, "key": event.key, "envelope": event.to_json()}


def _event(entry: dict) -> Event:
    env = json.loads(entry["envelope"])
    return Event(id=env["id"], type=env["type"], source=env["source"], subject=env["subject"], time=env["time"],
                 data=env["data"], dataschema=env["dataschema"], partitionkey=env.get("partitionkey"))


def _write_head(cls: type[VersionedDocument], state: dict, version: int) -> None:
    """Make the head show ``version`` unless it already shows a later one."""
    head = {**state, "_v": version}
    try:
        cls._get_collection().replace_one({"_id": state["_id"], "_v": {"$lt": version}}, head, upsert=True)
    except DuplicateKeyError:
        pass  # the head is already at this version or later


def save_with_events(doc: VersionedDocument, *events: Event, expected_version: int | None = None):
    """Store the new state of ``doc`` and its ``events`` in one insert.

    A new aggregate (never saved) becomes version 1, and :class:`NotUniqueError`
    means it already exists. An existing one becomes ``expected_version + 1``
    (default: the version it was loaded at); :class:`StaleDocument` means
    another change got there first, and nothing was written.
    """
    cls = type(doc)
    new = doc._created
    if doc.pk is None:
        doc.pk = ObjectId()
    doc.validate()
    base = 0 if new else (doc.doc_version if expected_version is None else expected_version)
    version = base + 1
    state = doc.to_mongo().to_dict()
    state.pop("_v", None)
    now = _now()
    change = {"_id": change_id(doc.pk, version), "agg": str(doc.pk), "v": version, "at": now,
              "state": state, "events": [_entry(e) for e in events], "_pending": True}
    try:
        cls.changes().insert_one(change)
    except DuplicateKeyError:
        if new:
            raise NotUniqueError(f"{cls.__name__} {doc.pk} already exists") from None
        raise StaleDocument(f"{cls.__name__} {doc.pk} is no longer at version {base}") from None
    # Both writes below are repaired by the relay if this process dies first.
    try:
        cls._get_db()[HINTS].insert_one({"_id": change["_id"], "c": cls.changes().name, "at": now})
    except DuplicateKeyError:
        pass
    _write_head(cls, state, version)
    doc.doc_version = version
    doc._created = False
    doc._clear_changed_fields()
    return doc


def load(cls: type[VersionedDocument], pk):
    """The latest version of an aggregate, read from its changes (the head may lag a moment)."""
    head = cls._get_collection().find_one({"_id": pk})
    version = head["_v"] if head else 0
    latest = None
    while (following := cls.changes().find_one({"_id": change_id(pk, version + 1)})) is not None:
        latest, version = following, version + 1
    if latest is not None:
        doc = cls._from_son({**latest["state"], "_v": version})
    elif head is not None:
        doc = cls._from_son(head)
    else:
        return None
    doc._created = False
    return doc


def history(cls: type[VersionedDocument], pk) -> list[dict]:
    """Every change of an aggregate, oldest first: ``{"version", "at", "state", "events"}``."""
    out, version = [], 1
    while (change := cls.changes().find_one({"_id": change_id(pk, version)})) is not None:
        out.append({"version": version, "at": change["at"], "state": change["state"],
                    "events": [_event(e) for e in change["events"]]})
        version += 1
    return out


def recorded_events(cls: type[VersionedDocument], pk) -> list[Event]:
    """All events the aggregate's changes carried, in order (published or not)."""
    return [event for change in history(cls, pk) for event in change["events"]]


class WindowLease:
    """Leadership in fixed time windows, taken by *inserting* the window's document.

    Inserts with a unique key are atomic on every store, updates are not on
    FerretDB's SQLite backend. The holder claims the next window ahead of time,
    so it keeps the lease; if it dies, someone else claims the next window that
    nobody claimed ahead.
    """

    def __init__(self, coll: Collection, name: str, window: float = 10.0):
        self.coll = coll
        self.name = name
        self.window = window
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._mine: set[int] = set()

    def _claim(self, k: int) -> bool:
        try:
            self.coll.insert_one({"_id": f"{self.name}:{k}", "holder": self.holder, "at": _now()})
        except DuplicateKeyError:
            return False
        self._mine.add(k)
        return True

    def held(self) -> bool:
        now = time.time()
        k = int(now // self.window)
        if k not in self._mine and not self._claim(k):
            return False
        if now - k * self.window > self.window * 2 / 3 and k + 1 not in self._mine:
            self._claim(k + 1)
        for old in [w for w in self._mine if w < k - 1]:
            self._mine.discard(old)
            self.coll.delete_one({"_id": f"{self.name}:{old}"})
        return True

    def release(self) -> None:
        for k in list(self._mine):
            self.coll.delete_one({"_id": f"{self.name}:{k}"})
        self._mine.clear()


class OutboxRelay:
    """Publishes the events of the changes of ``documents``, oldest first.

    Only one relay per service publishes at a time (a :class:`WindowLease` in
    the service's own database), so several workers do not race on the same
    events; if two ever overlap, the worst outcome is a duplicate that
    consumers drop.
    """

    def __init__(self, service: str, alias: str, producer: EventProducer,
                 documents: Iterable[type[VersionedDocument]], *, batch_size: int = 500,
                 idle_sleep: float = 0.05, max_idle_sleep: float = 0.5, sweep_every: float = 300.0):
        self.service = service
        self.alias = alias
        self.producer = producer
        self.documents = {cls.changes().name: cls for cls in documents}
        self.batch_size = batch_size
        self.idle_sleep = idle_sleep
        self.max_idle_sleep = max_idle_sleep
        self.sweep_every = sweep_every
        self.lease = WindowLease(get_db(alias)[LEASES], "relay")
        self._swept = 0.0
        self._backlog_checked = 0.0

    @property
    def _hints(self) -> Collection:
        return get_db(self.alias)[HINTS]

    def sweep(self) -> int:
        """Re-hint unpublished changes whose hint was never written (a writer died); return how many."""
        restored = 0
        for name in self.documents:
            for change in get_db(self.alias)[name].find({"_pending": True}, {"_id": 1, "at": 1}):
                try:
                    self._hints.insert_one({"_id": change["_id"], "c": name, "at": change["at"]})
                    restored += 1
                except DuplicateKeyError:
                    pass
        if restored:
            log.warning("outbox relay: restored %d lost hints", restored)
        self._swept = time.monotonic()
        return restored

    def run_once(self) -> int:
        """Publish one batch; return how many events Kafka acknowledged."""
        if not self.lease.held():
            return 0
        if time.monotonic() - self._swept > self.sweep_every:
            self.sweep()
        hints = list(self._hints.find().limit(self.batch_size))
        changes = []
        for hint in hints:
            change = get_db(self.alias)[hint["c"]].find_one({"_id": hint["_id"]}) if hint["c"] in self.documents else None
            if change is None or not change.get("_pending"):
                self._hints.delete_one({"_id": hint["_id"]})  # stale hint: nothing to do
                continue
            changes.append((hint["c"], change))
        changes.sort(key=lambda c: (c[1]["at"], c[1]["v"]))
        events = [_event(e) for _, change in changes for e in change["events"]]
        delivered = {d.event_id for d in self.producer.publish(events) if d.ok} if events else set()
        published = 0
        for name, change in changes:
            ids = [e["id"] for e in change["events"]]
            if not all(i in delivered for i in ids):
                continue  # stays hinted; tried again on the next pass
            coll = get_db(self.alias)[name]
            coll.update_one({"_id": change["_id"]}, {"$unset": {"_pending": ""}, "$set": {"published_at": _now()}})
            _write_head(self.documents[name], change["state"], change["v"])
            self._hints.delete_one({"_id": change["_id"]})
            published += len(ids)
        self._report_backlog()
        return published

    def backlog_stats(self) -> tuple[int, datetime | None]:
        """Changes waiting to be relayed, and when the oldest of them was written."""
        count, oldest = 0, None
        for hint in self._hints.find({}, {"at": 1}):
            count += 1
            oldest = hint["at"] if oldest is None or hint["at"] < oldest else oldest
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
        metrics.OUTBOX_OLDEST_AGE.labels(self.service).set((_now() - oldest).total_seconds() if oldest else 0.0)

    def run(self, stop: threading.Event) -> None:
        """Relay until ``stop`` is set; a store or broker outage only slows the loop down.

        Polling backs off while nothing is waiting (up to ``max_idle_sleep``) and
        returns to full speed as soon as something was published.
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
        try:
            self.lease.release()
        except PyMongoError:
            pass


def pending_events(cls: type[VersionedDocument], pk) -> list[Event]:
    """Events of the aggregate's changes that the relay has not published yet."""
    out, version = [], 1
    while (change := cls.changes().find_one({"_id": change_id(pk, version)})) is not None:
        if change.get("_pending"):
            out.extend(_event(e) for e in change["events"])
        version += 1
    return out

"""Transactional outbox on insert-only versions.

Every change of an aggregate (a plan, a round, a submission…) is stored as one
new, immutable *change* document, ``<collection>_changes/<id>:<version>``,
carrying the aggregate's new state **and** the events the change causes. One
insert is atomic on every MongoDB-compatible store — including FerretDB's
SQLite backend, which applies updates as a read followed by a write and so
cannot make a conditional update atomic (FerretDB issue #3040). The unique
``_id`` is also the optimistic-concurrency check: two writers of the same
version cannot both succeed.

After the insert the writer leaves a *hint* for the relay (a copy of the
change's events in a small collection) and refreshes the aggregate's *head*
document (the current state, read by queries). If the writer dies in between,
nothing is lost: the relay's periodic sweep re-hints unpublished changes and
repairs heads that lag, and a writer that meets a lagging head repairs it.

The relay reads only the small hints collection, publishes with an idempotent
producer, records each published change by *inserting* a marker, and deletes
the hint. An event can be sent twice only if a relay dies between Kafka's
acknowledgement and that marker; it keeps its id, and consumers drop ids they
have already handled.

FerretDB's SQLite backend answers only single-key ``_id`` filters without
decoding every document, so the hot paths here use nothing else. It also
converts every field of a document on each write and read, so a change's state
and events, and a hint's events, which are only ever read whole, are stored as
one BSON blob each (:func:`_pack`); documents written before that are read as
they are.
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

import bson
from bson import ObjectId
from bson.binary import Binary, UuidRepresentation
from bson.codec_options import CodecOptions
from mongoengine import Document, IntField, NotUniqueError
from mongoengine.connection import get_db
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from edu71 import metrics
from edu71.bus.producer import EventProducer
from edu71.contracts import Event
from edu71.db import delete_ids

log = logging.getLogger(__name__)

HINTS = "outbox_hints"
PUBLISHED = "outbox_published"
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
        """Indexes the store needs beyond ``_id`` (none yet: every hot path reads by ``_id``)."""


def change_id(pk, version: int) -> str:
    return f"{pk}:{version:010d}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


_CODEC = CodecOptions(uuid_representation=UuidRepresentation.STANDARD)


def _pack(value) -> Binary:
    return Binary(bson.encode({"v": value}, codec_options=_CODEC))


def _unpack(stored):
    """What :func:`_pack` stored; a document written before packing holds the value itself."""
    if isinstance(stored, bytes):
        return bson.decode(stored, codec_options=_CODEC)["v"]
    return stored


def _entry(event: Event) -> dict:
    return {"id": event.id, "name": event.name, "key": event.key, "envelope": event.to_json()}


def _event(entry: dict) -> Event:
    env = json.loads(entry["envelope"])
    return Event(id=env["id"], type=env["type"], source=env["source"], subject=env["subject"], time=env["time"],
                 data=env["data"], dataschema=env["dataschema"], partitionkey=env.get("partitionkey"))


def _write_head(cls: type[VersionedDocument], state: dict, version: int) -> None:
    """Make the head show ``version`` unless it already shows a later one.

    A read then a write by ``_id``: FerretDB would do the same inside a
    conditional update, only slower. Two writers racing here can leave the
    head a version behind; :func:`repair_head` and the relay's sweep fix that.
    """
    coll = cls._get_collection()
    head = {**state, "_v": version}
    # A first version almost never finds a head: try the insert before paying for a read.
    current = None if version == 1 else coll.find_one({"_id": state["_id"]}, {"_v": 1})
    if current is None:
        try:
            coll.insert_one(head)
            return
        except DuplicateKeyError:
            current = coll.find_one({"_id": state["_id"]}, {"_v": 1})
    if current is not None and current.get("_v", 0) < version:
        coll.replace_one({"_id": state["_id"]}, head)


def repair_head(cls: type[VersionedDocument], pk) -> int:
    """Bring the head up to the latest change (after a writer died or lost a race); return that version."""
    head = cls._get_collection().find_one({"_id": pk}, {"_v": 1})
    version = head.get("_v", 0) if head else 0
    latest = None
    while (following := cls.changes().find_one({"_id": change_id(pk, version + 1)})) is not None:
        latest, version = following, version + 1
    if latest is not None:
        _write_head(cls, _unpack(latest["state"]), version)
    return version


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
    entries = [_entry(e) for e in events]
    change = {"_id": change_id(doc.pk, version), "agg": doc.pk, "v": version, "at": now,
              "state": _pack(state), "events": _pack(entries)}
    try:
        cls.changes().insert_one(change)
    except DuplicateKeyError:
        if new:
            raise NotUniqueError(f"{cls.__name__} {doc.pk} already exists") from None
        repair_head(cls, doc.pk)  # so that the caller's retry reads the version that won
        raise StaleDocument(f"{cls.__name__} {doc.pk} is no longer at version {base}") from None
    # Both writes below are repaired by the relay's sweep if this process dies first.
    if entries:
        try:
            cls._get_db()[HINTS].insert_one({"_id": change["_id"], "at": now, "n": len(entries),
                                             "events": change["events"]})
        except DuplicateKeyError:
            pass
    _write_head(cls, state, version)
    doc.doc_version = version
    doc._created = False
    doc._clear_changed_fields()
    return doc


def load(cls: type[VersionedDocument], pk):
    """The current state of an aggregate (its head), or ``None``."""
    head = cls._get_collection().find_one({"_id": pk})
    if head is None:
        return None
    doc = cls._from_son(head)
    doc._created = False
    return doc


def state_at(cls: type[VersionedDocument], pk, version: int) -> dict | None:
    """The aggregate's state as of ``version``, or ``None`` when there is no such version."""
    change = cls.changes().find_one({"_id": change_id(pk, version)}, {"state": 1})
    return _unpack(change["state"]) if change else None


def history(cls: type[VersionedDocument], pk) -> list[dict]:
    """Every change of an aggregate, oldest first: ``{"version", "at", "state", "events"}``."""
    out, version = [], 1
    while (change := cls.changes().find_one({"_id": change_id(pk, version)})) is not None:
        out.append({"version": version, "at": change["at"], "state": _unpack(change["state"]),
                    "events": [_event(e) for e in _unpack(change["events"])]})
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

    def __init__(self, alias: str, name: str, window: float = 10.0):
        self.alias = alias
        self.name = name
        self.window = window
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._mine: set[int] = set()

    @property
    def coll(self) -> Collection:
        # Resolved on each use: the connection behind an alias can be replaced.
        return get_db(self.alias)[LEASES]

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
    """Publishes hinted events, oldest first, and keeps the outboxes of ``documents`` honest.

    Only one relay per service publishes at a time (a :class:`WindowLease` in
    the service's own database), so several workers do not race on the same
    events; if two ever overlap, the worst outcome is a duplicate that
    consumers drop.
    """

    def __init__(self, service: str, alias: str, producer: EventProducer,
                 documents: Iterable[type[VersionedDocument]], *, batch_size: int = 500,
                 idle_sleep: float = 0.05, max_idle_sleep: float = 0.1, sweep_every: float = 300.0):
        self.service = service
        self.alias = alias
        self.producer = producer
        self.documents = list(documents)
        self.batch_size = batch_size
        self.idle_sleep = idle_sleep
        self.max_idle_sleep = max_idle_sleep
        self.sweep_every = sweep_every
        self.lease = WindowLease(alias, "relay")
        self._swept = 0.0
        self._backlog_checked = 0.0

    def _coll(self, name: str) -> Collection:
        return get_db(self.alias)[name]

    def sweep(self) -> int:
        """Repair what a writer that died mid-way left behind: re-hint unpublished changes
        and bring lagging heads up to date. Reads whole collections: run it rarely."""
        published = {m["_id"] for m in self._coll(PUBLISHED).find({}, {"_id": 1})}
        restored = 0
        for cls in self.documents:
            heads = {h["_id"]: h.get("_v", 0) for h in cls._get_collection().find({}, {"_v": 1})}
            latest: dict[str, dict] = {}
            for change in cls.changes().find({}, {"agg": 1, "v": 1, "at": 1, "events": 1}):
                events = _unpack(change["events"])
                if events and change["_id"] not in published:
                    try:
                        self._coll(HINTS).insert_one({"_id": change["_id"], "at": change["at"], "n": len(events),
                                                      "events": _pack(events)})
                        restored += 1
                    except DuplicateKeyError:
                        pass
                if change["v"] > latest.get(change["agg"], {}).get("v", 0):
                    latest[change["agg"]] = change
            for agg, change in latest.items():
                if heads.get(agg, 0) < change["v"]:
                    repair_head(cls, agg)
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
        hints = sorted(self._coll(HINTS).find().limit(self.batch_size), key=lambda h: (h["at"], h["_id"]))
        if not hints:
            self._report_backlog()
            return 0
        entries = {h["_id"]: _unpack(h["events"]) for h in hints}
        events = [_event(e) for hint in hints for e in entries[hint["_id"]]]
        delivered = {d.event_id for d in self.producer.publish(events) if d.ok}
        # A hint whose events were not all acknowledged stays, and is tried again next pass.
        done = [h for h in hints if all(e["id"] in delivered for e in entries[h["_id"]])]
        if done:
            try:
                self._coll(PUBLISHED).insert_many([{"_id": h["_id"], "at": _now()} for h in done], ordered=False)
            except BulkWriteError as exc:
                if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                    raise  # anything but "already recorded" is a real failure
            delete_ids(self._coll(HINTS), [h["_id"] for h in done])
        self._report_backlog()
        return sum(len(entries[h["_id"]]) for h in done)

    def backlog_stats(self) -> tuple[int, datetime | None]:
        """Events waiting to be relayed, and when the oldest of them was written."""
        count, oldest = 0, None
        for hint in self._coll(HINTS).find({}, {"at": 1, "n": 1, "events": 1}):
            count += hint["n"] if "n" in hint else len(_unpack(hint["events"]))
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
        returns to full speed as soon as something was published. The ceiling is
        what an event written while the relay idles may wait on top of the broker:
        0.1 s keeps a submission's way to a roll-up under a second (an idle poll
        reads the small hints collection only).
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
    published = cls._get_db()[PUBLISHED]
    out, version = [], 1
    while (change := cls.changes().find_one({"_id": change_id(pk, version)})) is not None:
        events = _unpack(change["events"])
        if events and published.find_one({"_id": change["_id"]}) is None:
            out.extend(_event(e) for e in events)
        version += 1
    return out

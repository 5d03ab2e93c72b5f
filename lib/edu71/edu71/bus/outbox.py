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
from pymongo.errors import BulkWriteError, ConnectionFailure, DuplicateKeyError, ExecutionTimeout, PyMongoError

from edu71 import metrics
from edu71.bus.producer import EventProducer
from edu71.contracts import Event
from edu71.db import delete_ids

log = logging.getLogger(__name__)

HINTS = "outbox_hints"
PUBLISHED = "outbox_published"
LEASES = "outbox_leases"
QUARANTINE = "outbox_quarantine"
#: The event that tells operators a change was quarantined, relayed on the dead-letter topic.
QUARANTINED_EVENT = "OutboxQuarantined"
#: Prefix of the hints that carry those notices.
NOTICE = "quarantine:"


class StaleDocument(Exception):
    """The aggregate changed since it was read (optimistic concurrency)."""


class UnstorableDocument(ValueError):
    """The state holds what the store refuses (a key with ``.``, a leading ``$`` or NUL); nothing was written."""


def is_outage(exc: BaseException) -> bool:
    """Is this the store being unavailable (wait for it), rather than the store refusing one record?"""
    return isinstance(exc, (ConnectionFailure, ExecutionTimeout))


def check_storable(value, path: str = "") -> None:
    """Refuse, before anything is written, a state the store would refuse when it writes the head.

    A head written after its change was stored and refused there would leave a
    change no head can show; every key is checked as MongoDB and FerretDB do.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or key.startswith("$") or "." in key or "\x00" in key:
                raise UnstorableDocument(f"key {key!r} at {path or 'the top'} cannot be stored")
            check_storable(item, f"{path}.{key}" if path else key)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            check_storable(item, f"{path}.{index}")


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
    check_storable(state)
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

    No single record can stop it. A store or broker *outage* only slows it
    down; a record the store or the broker *refuses* (a hint that cannot be
    decoded, an event Kafka will never take, a head the store will not write)
    is quarantined: kept in ``outbox_quarantine`` with the reason, counted,
    announced on the dead-letter topic, and the relay goes on with the rest.
    ``edu71 outbox release`` puts it back once the cause is fixed.
    """

    def __init__(self, service: str, alias: str, producer: EventProducer,
                 documents: Iterable[type[VersionedDocument]], *, batch_size: int = 500,
                 idle_sleep: float = 0.05, max_idle_sleep: float = 0.1, sweep_every: float = 300.0,
                 monitor_every: float = 1.0):
        self.service = service
        self.alias = alias
        self.producer = producer
        self.documents = list(documents)
        self.batch_size = batch_size
        self.idle_sleep = idle_sleep
        self.max_idle_sleep = max_idle_sleep
        self.sweep_every = sweep_every
        self.monitor_every = monitor_every
        self.lease = WindowLease(alias, "relay")
        self._swept = 0.0
        self._leading = False
        self._advanced = time.monotonic()
        self._monitor: threading.Thread | None = None

    def _coll(self, name: str) -> Collection:
        return get_db(self.alias)[name]

    # -- quarantine ------------------------------------------------------------
    def quarantine(self, record_id: str, stage: str, reason: str, *, hint: dict | None = None,
                   event_ids: list[str] = (), collection: str | None = None) -> None:
        """Set one record aside with the reason, and announce it on the dead-letter topic.

        ``stage`` says who refused it: ``decode`` (the record cannot be read),
        ``publish`` (Kafka refuses an event) or ``head`` (the store refuses the
        state). A refused ``hint`` is kept exactly as it was stored, so a release
        puts back the very same bytes; a change of ``collection`` stays where it
        is, and a release lets the sweep try it again. The notice goes out
        through this same outbox, so it survives a broker outage like any event.
        """
        now = _now()
        kept = {"_id": record_id, "at": now, "stage": stage, "reason": reason[:2000], "collection": collection}
        if hint is not None:
            kept.update(hint_at=hint["at"], n=hint.get("n", 1), events=hint["events"])
        try:
            self._coll(QUARANTINE).insert_one(kept)
        except DuplicateKeyError:
            pass
        metrics.OUTBOX_QUARANTINED_TOTAL.labels(self.service, stage).inc()
        log.error("outbox relay: quarantined %s (%s): %s", record_id, stage, reason)
        if record_id.startswith(NOTICE):
            return  # a notice that cannot go out is kept, never announced by another notice
        notice = self.producer.contracts.new_event(QUARANTINED_EVENT, {
            "service": self.service,
            "record_id": record_id,
            "stage": stage,
            "reason": reason[:2000],
            "event_ids": list(event_ids),
            "quarantined_at": now.isoformat(),
        }, subject=self.service, source=f"/edu71/{self.service}")
        try:
            self._coll(HINTS).insert_one({"_id": NOTICE + record_id, "at": now, "n": 1,
                                          "events": _pack([_entry(notice)])})
        except DuplicateKeyError:
            pass

    def quarantined(self) -> list[dict]:
        return quarantined(self.alias)

    def release(self, record_ids: Iterable[str] | None = None) -> int:
        released = release(self.alias, record_ids)
        self._swept = 0.0  # a released head is repaired by the next pass's sweep
        return released

    # -- sweep -----------------------------------------------------------------
    def sweep(self) -> int:
        """Repair what a writer that died mid-way left behind: re-hint unpublished changes
        and bring lagging heads up to date. Reads whole collections: run it rarely."""
        published = {m["_id"] for m in self._coll(PUBLISHED).find({}, {"_id": 1})}
        set_aside = {q["_id"] for q in self._coll(QUARANTINE).find({}, {"_id": 1})}
        restored = 0
        for cls in self.documents:
            heads = {h["_id"]: h.get("_v", 0) for h in cls._get_collection().find({}, {"_v": 1})}
            latest: dict[str, dict] = {}
            for change in cls.changes().find({}, {"agg": 1, "v": 1, "at": 1, "events": 1}):
                if change["_id"] in set_aside:
                    continue
                try:
                    events = _unpack(change["events"])
                except Exception as exc:  # noqa: BLE001 - one unreadable change must not stop the sweep
                    self.quarantine(change["_id"], "decode", repr(exc), collection=cls.changes().name)
                    set_aside.add(change["_id"])
                    continue
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
                if heads.get(agg, 0) >= change["v"]:
                    continue
                try:
                    repair_head(cls, agg)
                except Exception as exc:  # noqa: BLE001 - a head the store refuses is set aside, not retried forever
                    if is_outage(exc):
                        raise
                    self.quarantine(change["_id"], "head", f"{type(exc).__name__}: {exc}",
                                    collection=cls._get_collection_name())
        if restored:
            log.warning("outbox relay: restored %d lost hints", restored)
        self._swept = time.monotonic()
        return restored

    # -- relaying --------------------------------------------------------------
    def run_once(self) -> int:
        """Publish one batch; return how many events Kafka acknowledged."""
        if not self.lease.held():
            self._leading = False
            return 0
        if not self._leading:
            self._leading, self._advanced = True, time.monotonic()
        if time.monotonic() - self._swept > self.sweep_every:
            self.sweep()
        hints = sorted(self._coll(HINTS).find().limit(self.batch_size), key=lambda h: (h["at"], h["_id"]))
        if not hints:
            self._advanced = time.monotonic()
            return 0
        batch: list[tuple[dict, list[dict], list[Event]]] = []
        for hint in hints:
            try:
                entries = _unpack(hint["events"])
                batch.append((hint, entries, [_event(e) for e in entries]))
            except Exception as exc:  # noqa: BLE001 - an unreadable hint is set aside, the rest go on
                self._set_aside(hint, "decode", repr(exc))
        deliveries = {d.event_id: d for d in self.producer.publish([e for _, _, events in batch for e in events])}
        done = []
        for hint, entries, events in batch:
            outcomes = [deliveries.get(e.id) for e in events]
            if all(d is not None and d.ok for d in outcomes):
                done.append(hint)
            elif refused := [d for d in outcomes if d is not None and not d.ok and not d.retriable]:
                self._set_aside(hint, "publish", "; ".join(d.error or "" for d in refused), entries)
            # Otherwise the hint stays (the broker did not answer) and is tried again next pass.
        if done:
            try:
                self._coll(PUBLISHED).insert_many([{"_id": h["_id"], "at": _now()} for h in done], ordered=False)
            except BulkWriteError as exc:
                if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                    raise  # anything but "already recorded" is a real failure
            delete_ids(self._coll(HINTS), [h["_id"] for h in done])
            self._advanced = time.monotonic()
        done_ids = {h["_id"] for h in done}
        return sum(len(events) for hint, _, events in batch if hint["_id"] in done_ids)

    def _set_aside(self, hint: dict, stage: str, reason: str, entries=()) -> None:
        ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
        self.quarantine(hint["_id"], stage, reason, hint=hint, event_ids=ids)
        self._coll(HINTS).delete_one({"_id": hint["_id"]})

    # -- monitoring ------------------------------------------------------------
    def backlog_stats(self) -> tuple[int, datetime | None]:
        """Events waiting to be relayed, and when the oldest of them was written."""
        count, oldest = 0, None
        # Hints written before they carried their count ("n") are counted as one event each: this runs
        # every second in every worker, and decoding every waiting event would load the store in an outage.
        for hint in self._coll(HINTS).find({}, {"at": 1, "n": 1}):
            count += hint.get("n", 1)
            oldest = hint["at"] if oldest is None or hint["at"] < oldest else oldest
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=timezone.utc)
        return count, oldest

    def backlog(self) -> int:
        return self.backlog_stats()[0]

    def report(self) -> None:
        """Set the outbox gauges from the store: backlog, oldest age, quarantined, stalled time.

        Runs in its own thread (:meth:`run`), so the figures stay fresh while a
        pass waits on an unreachable broker. *Stalled* is how long the leading
        relay has not advanced while events wait; a relay that does not hold the
        lease reports 0, as it is not its work.
        """
        count, oldest = self.backlog_stats()
        held = self._coll(QUARANTINE).count_documents({})
        stalled = time.monotonic() - self._advanced if self._leading and count else 0.0
        metrics.OUTBOX_BACKLOG.labels(self.service).set(count)
        metrics.OUTBOX_OLDEST_AGE.labels(self.service).set((_now() - oldest).total_seconds() if oldest else 0.0)
        metrics.OUTBOX_QUARANTINED.labels(self.service).set(held)
        metrics.OUTBOX_STALLED.labels(self.service).set(stalled)

    def _watch(self, stop: threading.Event) -> None:
        while not stop.wait(self.monitor_every):
            try:
                self.report()
            except PyMongoError as exc:
                log.warning("outbox monitor: store unavailable (%s)", exc)

    def run(self, stop: threading.Event) -> None:
        """Relay until ``stop`` is set; a store or broker outage only slows the loop down.

        Polling backs off while nothing is waiting (up to ``max_idle_sleep``) and
        returns to full speed as soon as something was published. The ceiling is
        what an event written while the relay idles may wait on top of the broker:
        0.1 s keeps a submission's way to a roll-up under a second (an idle poll
        reads the small hints collection only).
        """
        if self._monitor is None or not self._monitor.is_alive():
            self._monitor = threading.Thread(target=self._watch, args=(stop,), name=f"{self.service}-outbox-monitor",
                                             daemon=True)
            self._monitor.start()
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
                if is_outage(exc):
                    log.warning("outbox relay: store unavailable (%s); retrying in %.1fs", exc, failing)
                else:
                    log.error("outbox relay: the store refused a pass (%s); retrying in %.1fs", exc, failing)
                stop.wait(failing)
                failing = min(failing * 2, 5.0)
        try:
            self.lease.release()
        except PyMongoError:
            pass


def quarantined(alias: str) -> list[dict]:
    """What a service's relay set aside, oldest first, without the events (a small collection: read whole)."""
    return sorted(get_db(alias)[QUARANTINE].find({}, {"events": 0}), key=lambda q: (q["at"], q["_id"]))


def release(alias: str, record_ids: Iterable[str] | None = None) -> int:
    """Put quarantined records back (all when ``record_ids`` is None); return how many.

    A set-aside hint goes back to the hints exactly as it was stored; a change
    (an unreadable one, or one whose head the store refused) is left to the
    relay's next sweep, which tries it again.
    """
    db = get_db(alias)
    wanted = None if record_ids is None else set(record_ids)
    released = 0
    for kept in db[QUARANTINE].find():
        if wanted is not None and kept["_id"] not in wanted:
            continue
        if "events" in kept:  # a refused hint: back as it was; a change is left to the sweep
            try:
                db[HINTS].insert_one({"_id": kept["_id"], "at": kept.get("hint_at", kept["at"]),
                                      "n": kept.get("n", 1), "events": kept["events"]})
            except DuplicateKeyError:
                pass
        db[QUARANTINE].delete_one({"_id": kept["_id"]})
        released += 1
    return released


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

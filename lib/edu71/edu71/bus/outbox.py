"""The outbox relay: publishes what the versioned-aggregate store queued, and keeps it honest.

The store (:mod:`edu71.store.versioned`) records each change of an aggregate and
the events it causes in one insert, and puts an entry in the outbox queue
(``outbox_hints``, a :class:`~edu71.store.queue.WorkQueue`). The relay reads only
that small queue, publishes with an idempotent producer, records each published
change by *inserting* a marker, and deletes the entry. An event can be sent twice
only if a relay dies between Kafka's acknowledgement and that marker; it keeps
its id, and consumers drop ids they have already handled.

The store's names are importable from here too (``save_with_events``, ``load``,
``history``, ``StaleDocument``, ``VersionedDocument``, ``change_id``,
``repair_head``…), as every service has always imported them.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timezone
from typing import Iterable

from mongoengine.connection import get_db
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, ConnectionFailure, DuplicateKeyError, ExecutionTimeout, PyMongoError

from edu71 import metrics
from edu71.bus.producer import EventProducer
from edu71.store import blob
from edu71.store.lease import WindowLease
from edu71.store.versioned import (  # noqa: F401 - re-exported: the services import the store from here
    HINTS,
    PUBLISHED,
    StaleDocument,
    StoredEvent,
    UnstorableDocument,
    VersionedDocument,
    change_id,
    check_storable,
    entry,
    event_of,
    hinted,
    history,
    load,
    outbox_queue,
    pending_events,
    recorded_events,
    repair_head,
    save_with_events,
    state_at,
    stored_event,
)

log = logging.getLogger(__name__)

QUARANTINE = "outbox_quarantine"
#: The event that tells operators a change was quarantined, relayed on the dead-letter topic.
QUARANTINED_EVENT = "OutboxQuarantined"
#: Prefix of the hints that carry those notices.
NOTICE = "quarantine:"


def is_outage(exc: BaseException) -> bool:
    """Is this the store being unavailable (wait for it), rather than the store refusing one record?"""
    return isinstance(exc, (ConnectionFailure, ExecutionTimeout))


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
                 idle_sleep: float = 0.05, max_idle_sleep: float = 0.1, gather: float = 0.02,
                 max_gather: float = 0.1, sweep_every: float = 300.0, monitor_every: float = 1.0):
        self.service = service
        self.alias = alias
        self.producer = producer
        self.documents = list(documents)
        self.batch_size = batch_size
        self.idle_sleep = idle_sleep
        self.max_idle_sleep = max_idle_sleep
        self.gather = gather
        self.max_gather = max_gather
        self.sweep_every = sweep_every
        self.monitor_every = monitor_every
        self.lease = WindowLease(alias, "relay")
        self.queue = outbox_queue(lambda: get_db(self.alias))
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
        now = datetime.now(timezone.utc)
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
        self.queue.put(NOTICE + record_id, at=now, n=1, events=hinted(blob.pack([entry(notice)])))

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
                    events = blob.unpack(change["events"], aware=False)
                except Exception as exc:  # noqa: BLE001 - one unreadable change must not stop the sweep
                    self.quarantine(change["_id"], "decode", repr(exc), collection=cls.changes().name)
                    set_aside.add(change["_id"])
                    continue
                if events and change["_id"] not in published and self.queue.put(
                        change["_id"], at=change["at"], n=len(events), events=hinted(blob.pack(events))):
                    restored += 1
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
        hints = self.queue.ready(self.batch_size)
        if not hints:
            self._advanced = time.monotonic()
            return 0
        batch: list[tuple[dict, list[dict], list[StoredEvent]]] = []
        for hint in hints:
            try:
                entries = blob.unpack(hint["events"], aware=False)
                batch.append((hint, entries, [stored_event(e) for e in entries]))
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
                self._coll(PUBLISHED).insert_many([{"_id": h["_id"], "at": datetime.now(timezone.utc)} for h in done],
                                                  ordered=False)
            except BulkWriteError as exc:
                if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                    raise  # anything but "already recorded" is a real failure
            self.queue.done([h["_id"] for h in done])
            self._advanced = time.monotonic()
        done_ids = {h["_id"] for h in done}
        return sum(len(events) for hint, _, events in batch if hint["_id"] in done_ids)

    def _set_aside(self, hint: dict, stage: str, reason: str, entries=()) -> None:
        ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
        self.quarantine(hint["_id"], stage, reason, hint=hint, event_ids=ids)
        self.queue.done([hint["_id"]])

    # -- monitoring ------------------------------------------------------------
    def backlog_stats(self) -> tuple[int, datetime | None]:
        """Events waiting to be relayed, and when the oldest of them was written."""
        count, oldest = 0, None
        # Hints written before they carried their count ("n") are counted as one event each: this runs
        # every second in every worker, and decoding every waiting event would load the store in an outage.
        for hint in self.queue.scan({"at": 1, "n": 1}):
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
        metrics.OUTBOX_OLDEST_AGE.labels(self.service).set((datetime.now(timezone.utc) - oldest).total_seconds() if oldest else 0.0)
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

        A writer's put rings the outbox's doorbell (:mod:`edu71.store.doorbell`),
        which ends the wait between passes at once, in this process and in the
        others of the host (a service's API and its worker). Without a ring (a
        writer on another host, a lost datagram) polling finds the event: it backs
        off while nothing is waiting (up to ``max_idle_sleep``) and returns to full
        speed as soon as something was published. The ceiling is what such an
        event may wait on top of the broker: 0.1 s keeps a submission's way to a
        roll-up under a second (an idle poll reads the small hints collection only).

        Under load a ring comes for nearly every event, and a pass per ring would
        publish one or two events at a time: each pass costs a read of the hints,
        a produce request, a marker insert and a delete whatever it carries, and
        every consumer fetches and commits once per produce request. So when a
        pass published more than one event (they came faster than one per pass),
        the next pass waits for more to come: ``gather`` seconds per event the pass
        published, ``max_gather`` at most. The pause follows the rate: two events
        that met by chance hold the next ones back 40 ms, fifty a second make
        passes of seven or eight (a third fewer passes, produce requests and
        consumer fetches than a fixed 50 ms pause). A lone event, or the first
        after a quiet spell, still goes at once.
        """
        if self._monitor is None or not self._monitor.is_alive():
            self._monitor = threading.Thread(target=self._watch, args=(stop,), name=f"{self.service}-outbox-monitor",
                                             daemon=True)
            self._monitor.start()
        idle, failing = self.idle_sleep, self.idle_sleep
        bell = self.queue.bell
        with bell.listening():
            while not stop.is_set():
                heard = bell.rung  # before the pass: a ring during it ends the wait below at once
                try:
                    sent = self.run_once()
                    failing = self.idle_sleep
                    if sent:
                        idle = self.idle_sleep
                        if sent > 1:
                            stop.wait(min(self.max_gather, self.gather * sent))
                    elif bell.wait(heard, idle) == heard:
                        idle = min(idle * 2, self.max_idle_sleep)
                    else:
                        idle = self.idle_sleep
                except PyMongoError as exc:
                    if is_outage(exc):
                        log.warning("outbox relay: store unavailable (%s); retrying in %.1fs", exc, failing)
                        # A writer the outage cut off left a change without its hint or its head: the first
                        # pass with the store back sweeps, rather than leave it to the clock.
                        self._swept = 0.0
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
            outbox_queue(lambda: db).put(kept["_id"], at=kept.get("hint_at", kept["at"]), n=kept.get("n", 1),
                                         events=kept["events"])
        db[QUARANTINE].delete_one({"_id": kept["_id"]})
        released += 1
    return released

"""The one work queue: hint, claim, retry with a due time, delete — every write an insert or a delete.

An *entry* says "this piece of work is waiting": the outbox's hints (a change's
events to publish), the reports projector's hints (a source row to project), the
notifications delivery queue (an e-mail or webhook call to attempt). Producers
:meth:`~WorkQueue.put` entries, a worker reads the :meth:`~WorkQueue.ready` ones,
does the work and deletes them (:meth:`~WorkQueue.done`). The queue is a small
collection, so reading it whole is cheap.

The rules, and why they are enough on a store whose updates are not atomic:

- An entry is never updated. Its ``_id`` names one unit of work (a change, a
  row version, an attempt), and putting the same ``_id`` again while it waits is
  a no-op. Never put an ``_id`` again to mean "do it once more": put a new one.
- A retry (:meth:`~WorkQueue.retry`) is a *new* entry, ``<key>#<attempt>`` with
  its own due time, inserted before the old one is deleted. Dying in between
  leaves two entries for the same key, never none: work is done at least once.
- Where several processes work one queue, each piece of work is taken by
  inserting its *claim* (:meth:`~WorkQueue.claim`): of those who read the entry,
  one wins. A claim older than ``timeout`` (its holder died mid-way) can be
  taken over, so a piece of work is done twice only if a holder outlived its
  timeout (at-least-once). Where one process works a queue (it holds a
  :class:`~edu71.store.lease.WindowLease`), claims are not needed.
- Only :meth:`~WorkQueue.ready` with a due time filters on another field than
  ``_id``; that is why a queue must stay small (work done is deleted at once).

Each put rings the queue's :attr:`~WorkQueue.bell` (:mod:`edu71.store.doorbell`),
so a poller waiting on it reads at once rather than at its next poll; the bell
is a hint only, and polling still finds whatever a lost ring announced.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable

from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from edu71.db import delete_ids
from edu71.store import doorbell

log = logging.getLogger(__name__)


def entry_id(key: str, attempt: int = 0) -> str:
    """The ``_id`` of the entry for ``attempt`` (0: the first) of the work ``key`` names."""
    return key if attempt == 0 else f"{key}#{attempt}"


def key_of(entry: dict) -> str:
    return entry.get("key", entry["_id"])


def attempt_of(entry: dict) -> int:
    return entry.get("try", 0)


class WorkQueue:
    def __init__(self, name: str, database: Callable[[], Database], claims: str | None = None):
        self.name = name
        self.claims_name = claims or f"{name}_claims"
        # Resolved on each use: the connection behind an alias can be replaced.
        self._database = database

    @property
    def entries(self) -> Collection:
        return self._database()[self.name]

    @property
    def claims(self) -> Collection:
        return self._database()[self.claims_name]

    @property
    def bell(self) -> doorbell.Bell:
        """What a put rings: wait on it between polls (with :meth:`~edu71.store.doorbell.Bell.listening` to hear
        the puts of other processes too)."""
        return doorbell.bell(f"{self._database().name}/{self.name}")

    def put(self, key: str, *, attempt: int = 0, at: datetime | None = None, due: datetime | None = None,
            **fields: Any) -> bool:
        """Say that ``key`` waits (its ``attempt``, due at ``due`` or now); False if that entry already waits.

        Fields beyond ``_id`` and ``at`` are stored only when given, so an entry
        that is due at once stays as small as the outbox's hot path wants.
        """
        doc = {"_id": entry_id(key, attempt), "at": at or datetime.now(timezone.utc), **fields}
        if attempt:
            doc.update({"key": key, "try": attempt})
        if due is not None:
            doc["due"] = due
        try:
            self.entries.insert_one(doc)
        except DuplicateKeyError:
            return False
        self.bell.ring()
        return True

    def ready(self, limit: int, now: datetime | None = None) -> list[dict]:
        """Up to ``limit`` waiting entries, oldest due first (with ``now``: only those due by then)."""
        found = self.entries.find({} if now is None else {"due": {"$lte": now}}).limit(limit)
        return sorted(found, key=lambda e: (e.get("due", e["at"]), e["_id"]))

    def scan(self, fields: dict[str, int]) -> Iterable[dict]:
        """Every waiting entry with only ``fields`` (for gauges: the queue is small)."""
        return self.entries.find({}, fields)

    def claim(self, work: str, now: datetime, timeout: float) -> bool:
        """Win the right to do ``work`` (an insert of its name, e.g. ``<entry>`` or ``<record>:<version>``);
        a claim older than ``timeout`` seconds is taken over.

        Returns False when someone else holds a live claim. A taken-over claim is
        recorded as ``<work>:r<n>``, so each takeover is itself one insert.
        """
        for retake in range(1000):
            claim_id = work if retake == 0 else f"{work}:r{retake}"
            try:
                self.claims.insert_one({"_id": claim_id, "at": now})
                if retake:
                    log.warning("%s: %s was claimed and never finished; taking it over", self.name, work)
                return True
            except DuplicateKeyError:
                held = self.claims.find_one({"_id": claim_id})
                if held is not None and now - _aware(held["at"]) < timedelta(seconds=timeout):
                    return False
        return False

    def retry(self, entry: dict, due: datetime, **fields: Any) -> None:
        """Put the next attempt of ``entry``'s work, due at ``due``, then drop ``entry``."""
        kept = {k: v for k, v in entry.items() if k not in ("_id", "key", "try", "at", "due")}
        self.put(key_of(entry), attempt=attempt_of(entry) + 1, due=due, **{**kept, **fields})
        self.done([entry["_id"]])

    def done(self, ids: Iterable[str]) -> None:
        """The work of these entries is done (or set aside): delete them.

        Several go in one statement: the store answers it by decoding the whole
        queue, as :meth:`ready` does every pass (the queue is small), where one
        statement per entry (:func:`edu71.db.delete_ids`) costs the store a write
        of its own each, and a pass of the outbox relay ends with a dozen of them.
        """
        ids = list(ids)
        if len(ids) > 1:
            self.entries.delete_many({"_id": {"$in": ids}})
        else:
            delete_ids(self.entries, ids)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

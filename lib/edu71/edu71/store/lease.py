"""The one lease: leadership in fixed time windows, taken by *inserting* the window's document.

An insert against a unique ``_id`` is the one write the store makes atomic, so
of all the processes that claim a window exactly one holds it. The holder
claims the next window ahead of time, so it keeps the lease; if it dies,
someone else claims the next window that nobody claimed ahead, at most two
windows later. Two holders can overlap only around a window's edge when clocks
disagree: what a lease guards must stay correct (at worst duplicate) if that
happens — the outbox relay and the reports projector are.
"""
from __future__ import annotations

import os
import socket
import time
from datetime import datetime, timezone

from mongoengine.connection import get_db
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

#: One collection per database for every lease of a service.
LEASES = "outbox_leases"


class WindowLease:
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
            self.coll.insert_one({"_id": f"{self.name}:{k}", "holder": self.holder, "at": datetime.now(timezone.utc)})
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

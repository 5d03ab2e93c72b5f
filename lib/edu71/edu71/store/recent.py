"""Reads by ``_id`` remembered per process until their writer rings a bell, or for a short while at most.

A hot path that reads the same rarely changed document on every request (the
round a school submits to) can keep what it read: :class:`Recent` answers from
memory while no change was announced and the read is younger than ``ttl``.

Each writer of such a document rings its bell (:mod:`edu71.store.doorbell`)
right after the write. Why that keeps the answers right:

- in the writer's own process the ring is heard before the write returns, so
  every later request there reads the change;
- the other processes of the host (an API's other workers) hear it as soon as
  the datagram arrives, well under a millisecond: a request served in between
  raced the change and could as well have come just before it;
- a process the ring does not reach (another host, a lost datagram) reads
  again once its memory is ``ttl`` old, so a change is seen at most ``ttl``
  late there: the same bound the revocations keep (:mod:`edu71.auth.revocation`).

The count of rings is read *before* the store, so a ring during the read marks
what it returned as already stale. Only found documents are remembered: a
missing one is read again each time. What is remembered is the stored mapping;
each answer is built from it afresh, so a caller that changes its copy changes
nobody else's. A ``shared`` memory instead builds its answer once per read and
hands that same answer to every caller: for answers nobody can change (a frozen
view), which then cost nothing to give.
"""
from __future__ import annotations

import copy
import os
import threading
import time
from datetime import datetime
from typing import Callable, Generic, TypeVar

from edu71.store.doorbell import Bell

T = TypeVar("T")

#: What a stored mapping holds that nobody can change in place: shared by the copies, not copied.
_IMMUTABLE = frozenset({str, int, float, bool, type(None), datetime})


def _copy(value):
    """A copy of a stored mapping as :func:`copy.deepcopy` makes it, a fourth of its time (89 → 20 µs for a
    round): mappings and lists are rebuilt, values nobody can change are shared, anything else is deep-copied."""
    kind = type(value)
    if kind is dict:
        return {key: _copy(item) for key, item in value.items()}
    if kind is list:
        return [_copy(item) for item in value]
    return value if kind in _IMMUTABLE else copy.deepcopy(value)


class Recent(Generic[T]):
    """``read`` by key, remembered; ``build`` makes each answer from the stored mapping; ``bell``: the bell the
    writers ring (resolved on each use, as the database behind it can be replaced). With ``shared``, ``build``
    runs once per read of the store and every caller gets its answer, which must be immutable."""

    def __init__(self, read: Callable[[str], dict | None], build: Callable[[dict], T], bell: Callable[[], Bell],
                 ttl: float, *, max_entries: int = 1024, listen: bool = True, shared: bool = False,
                 monotonic: Callable[[], float] = time.monotonic):
        self._read, self._build, self._bell = read, build, bell
        self._shared = shared
        self.ttl = ttl
        self.max_entries = max_entries
        self._listen = listen
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[float, Bell, int, dict | T]] = {}
        self._listening: tuple[int, set[str]] = (os.getpid(), set())

    def _hear_other_processes(self, bell: Bell) -> None:
        # Once per bell and process (a forked worker listens for itself), for the process's lifetime.
        if not self._listen:
            return
        with self._lock:
            if self._listening[0] != os.getpid():
                self._listening = (os.getpid(), set())
            if bell.key in self._listening[1]:
                return
            self._listening[1].add(bell.key)
        bell.listening().__enter__()

    def get(self, key: str) -> T | None:
        bell = self._bell()
        self._hear_other_processes(bell)
        heard, now = bell.rung, self._monotonic()
        with self._lock:
            kept = self._memory.get(key)
        if kept is not None and kept[1] is bell and kept[2] == heard and now - kept[0] < self.ttl:
            return kept[3] if self._shared else self._build(_copy(kept[3]))
        stored = self._read(key)
        if stored is None:
            return None
        # A shared memory keeps the answer itself, a private one the mapping each answer is built from.
        kept_value = self._build(stored) if self._shared else stored
        with self._lock:
            if len(self._memory) >= self.max_entries:
                self._memory.clear()
            self._memory[key] = (now, bell, heard, kept_value)
        return kept_value if self._shared else self._build(_copy(stored))

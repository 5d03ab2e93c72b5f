"""The one projection write: a revision of a record is accepted by an *insert*, never by read-then-replace.

A projection keeps, per key, what another service's events last said about a
record (a user, a school, a catalogue, a round, a school's values). Events may
come twice, late (an older revision after a newer one) or, across a consumer
group rebalance, to two consumers at once. "Read the head, write it if the
revision is newer" lets the lower revision land last when two writers race,
because the store applies a conditional update as a read then a write. Only an
insert against a unique ``_id`` is atomic, so a revision is accepted by one:

- :class:`Latest` — readers want one head document per key. Each accepted
  revision is inserted as the next *slot* ``<key>@<n>`` of the key's chain
  (``<collection>_revisions``), and a writer may fill slot ``n + 1`` only after
  reading slot ``n`` and finding its revision lower. Slot ``n + 1`` can be filled
  once, so the chain's revisions strictly increase whatever the interleaving:
  a duplicate or an older revision is refused, and the newest is on top. The
  head (the collection readers query) is a cache of the top slot: after writing
  it a writer looks for a later slot and, if there is one, writes the head again
  from the top. So once every writer has returned, the head shows the highest
  revision; while they race it may show a lower one for a moment.
- :func:`record_version` — readers take the highest revision themselves (the
  reports model holds them all): each revision is inserted as its own row
  ``<key>|<revision>``; the same revision again is a duplicate key and changes
  nothing, an older one is kept as history and changes nothing.

Both read and write by ``_id`` only.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from edu71.store import blob

Revision = Any  # an int, a datetime, or a list of them: compared as Python values


def _comparable(revision: Revision):
    if isinstance(revision, (list, tuple)):
        return tuple(_comparable(r) for r in revision)
    if isinstance(revision, datetime) and revision.tzinfo is None:
        return revision.replace(tzinfo=timezone.utc)
    return revision


def slot_id(key: str, n: int) -> str:
    return f"{key}@{n:010d}"


class Latest:
    """Per key, the highest revision wins (see the module); ``heads`` is the collection readers query.

    ``revision_of`` reads the revision of a head written before slots existed,
    so a key whose chain is empty is still compared with what its head holds.
    """

    def __init__(self, heads: Callable[[], Collection], revision_of: Callable[[dict], Revision]):
        self._heads = heads
        self.revision_of = revision_of

    @property
    def heads(self) -> Collection:
        return self._heads()

    @property
    def slots(self) -> Collection:
        heads = self.heads
        return heads.database[f"{heads.name}_revisions"]

    def _slot(self, key: str, n: int) -> dict | None:
        return self.slots.find_one({"_id": slot_id(key, n)})

    def _top(self, key: str, known: int = 0) -> tuple[int, dict | None]:
        """The last filled slot of ``key``'s chain (0, None when it is empty), from slot ``known`` on.

        Slots are filled in order and never removed, so the end is found by
        doubling the step, then halving it: a few reads by ``_id`` for any length.
        """
        low, top = known, (self._slot(key, known) if known else None)
        step = 1
        while (found := self._slot(key, low + step)) is not None:
            low, top, step = low + step, found, step * 2
        high = low + step  # empty; every slot between low and high is unknown
        while high - low > 1:
            middle = (low + high) // 2
            if (found := self._slot(key, middle)) is not None:
                low, top = middle, found
            else:
                high = middle
        return low, top

    def current(self, key: str) -> tuple[Revision, dict] | None:
        """The highest accepted revision of ``key`` and its state, read from the chain (not the cache)."""
        n, top = self._top(key)
        if top is None:
            head = self.heads.find_one({"_id": key})
            return None if head is None else (self.revision_of(head), head)
        return top["rev"], {**blob.decode(top["state"]), "_id": key}

    def write(self, key: str, revision: Revision, state: dict[str, Any]) -> bool:
        """Accept ``state`` as revision ``revision`` of ``key`` unless an equal or higher one is held.

        Returns whether it was accepted. ``state`` is the head document as readers
        query it (its ``_id`` is set to ``key``).
        """
        n, top = self._top(key)
        wanted = _comparable(revision)
        while True:
            if top is not None:
                held = top["rev"]
            else:
                head = self.heads.find_one({"_id": key})
                held = None if head is None else self.revision_of(head)
            if held is not None and _comparable(held) >= wanted:
                return False
            try:
                self.slots.insert_one({"_id": slot_id(key, n + 1), "key": key, "rev": revision,
                                       "at": datetime.now(timezone.utc), "state": blob.encode(state)})
            except DuplicateKeyError:
                n, top = self._top(key, n + 1)  # someone filled it first: compare with theirs
                continue
            break
        self._show(key, n + 1, state)
        return True

    def _show(self, key: str, n: int, state: dict[str, Any]) -> None:
        """Write the head from slot ``n``, again from the top as long as a later slot exists."""
        while True:
            head = {**state, "_id": key}
            try:
                self.heads.replace_one({"_id": key}, head, upsert=True)
            except DuplicateKeyError:  # two first writers upserting at once: the loser replaces
                self.heads.replace_one({"_id": key}, head)
            if self._slot(key, n + 1) is None:
                return
            n, top = self._top(key, n + 1)
            state = blob.decode(top["state"])

    def repair(self, key: str) -> None:
        """Bring the head up to the top of the chain (a writer died between its slot and its head)."""
        n, top = self._top(key)
        if top is not None:
            self._show(key, n, blob.decode(top["state"]))


def record_version(coll: Collection, doc_id: str, entity: dict[str, Any], version_field: str, version: Any,
                   state: dict[str, Any]) -> bool:
    """Store ``state`` as version ``version`` of ``entity`` (its identifying fields) under ``doc_id``
    (``<key>|<version>``); True if this call stored it, False if that version was already stored (by an
    earlier delivery or a concurrent consumer). Readers take the highest version of each entity."""
    try:
        coll.insert_one({"_id": doc_id, **entity, version_field: version, **state,
                         "recorded_at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        return False
    return True

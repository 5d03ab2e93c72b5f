"""Per-scope lists read by ``_id``: what a person's list shows, without scanning a collection.

A *scope* is one list a person opens: a school's plans (``plans:school:<code>``),
a commune's plans (its reviewer's queue), an inbox, the accounts of a unit, the
rounds of a province. The store finds a document fast only by an exact ``_id``
(a range, a prefix, ``$in`` or any other filter decodes the whole collection), so
a scope is kept as documents whose ``_id`` a reader can compute:

- **entries**, ``<scope>@<n>`` for n = 1, 2, 3…: "item *i* is now at revision *r*
  with these fields" (the fields a list filters and sorts on), or, without fields,
  a *tombstone*: "item *i* left the scope at revision *r*". A writer inserts entry
  ``n + 1`` only after it has seen entry ``n``, and each ``_id`` can be inserted
  once, so the entries of a scope form a gap-free chain whatever the number of
  concurrent writers: of two writers aiming at the same ``n + 1`` one wins and the
  other takes ``n + 2``. Nothing is lost and nothing is overwritten.
- **checkpoints**, ``<scope>!<k>``: the scope's items as of entry ``upto`` (every
  item's highest revision, tombstones included), inserted by whoever — writer or
  reader — finds :attr:`ScopeIndex.every` or more entries after the last
  checkpoint. Checkpoint ``k + 1`` is computed from checkpoint ``k`` and the
  entries after it, and is inserted only after ``k`` was read, so checkpoints too
  are a gap-free chain, and any checkpoint is exactly the fold of the entries up
  to its ``upto`` (two writers racing for ``k + 1`` may choose different ``upto``;
  either is correct, the store keeps one).

Reading a scope is: find the last checkpoint (doubling then halving the step, a
few reads by ``_id``; a process remembers where it last found a scope's end, a
lower bound that stays true because nothing is ever removed), decode it, and read
the fewer than ``every`` entries after it. So a read costs a bounded number of
``_id`` lookups plus the decoding of what the scope holds — never the size of the
collection, the nation, or the scope's history.

**Why a log of revisions and not a page document updated in place:** the store's
updates are a read followed by a write; two writers adding to one page would lose
one addition. **Why the highest revision per item wins**, not the last entry: the
entries are a projection of an aggregate's changes (the revision is the
aggregate's version), written after the change by the same request, by replays,
and by backfills, possibly out of order; folding by "highest revision wins, the
same revision again changes nothing" makes every replay and reordering harmless.
The list cannot be written in the same atomic insert as the aggregate's change
(that insert is one document of another collection), so it is kept like the head:
a cache of the changes that the writer refreshes right after its change, and that
:meth:`ScopeIndex.sync` repairs from the heads (services run it when their worker
starts, which also lists what was stored before the lists existed).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from edu71.store import blob
from edu71.store.projection import Revision, _comparable

#: How many scopes' ends a process remembers (two small integers each).
REMEMBERED = 200_000


def entry_id(scope: str, n: int) -> str:
    return f"{scope}@{n:010d}"


def checkpoint_id(scope: str, k: int) -> str:
    return f"{scope}!{k:010d}"


def narrowest_scope(restriction: dict, kinds: tuple[tuple[str, str], ...]) -> str | None:
    """The first scope ``<kind>:<value>`` whose field ``restriction`` names, of ``kinds`` = ((field, kind), …)
    from the narrowest to the widest (``None``: it names none of them)."""
    for field_name, kind in kinds:
        if restriction.get(field_name):
            return f"{kind}:{restriction[field_name]}"
    return None


@dataclass(frozen=True)
class Item:
    """One item of a scope: its id, the revision it was last listed at, and its fields."""

    id: str
    rev: Revision
    fields: dict[str, Any]


class ScopeIndex:
    """The lists of one kind of item (``name`` is its collection), scope by scope (see the module)."""

    def __init__(self, name: str, database: Callable[[], Database], every: int = 16):
        self.name = name
        self.every = every
        # Resolved on each use: the connection behind an alias can be replaced.
        self._database = database
        #: scope -> (last checkpoint k, last entry n) seen by this process: lower bounds of the scope's end.
        self._ends: OrderedDict[str, tuple[int, int]] = OrderedDict()

    @property
    def collection(self) -> Collection:
        return self._database()[self.name]

    # -- writing ---------------------------------------------------------------
    def put(self, scope: str, item: str, rev: Revision, fields: Mapping[str, Any]) -> None:
        """``item`` is in ``scope`` at revision ``rev`` with ``fields`` (unless a higher revision says otherwise)."""
        self._append(scope, {"i": item, "r": rev, "f": dict(fields)})

    def drop(self, scope: str, item: str, rev: Revision) -> None:
        """``item`` left ``scope`` at revision ``rev`` (a higher revision may bring it back)."""
        self._append(scope, {"i": item, "r": rev, "f": None})

    def sync(self, scope: str, wanted: Iterable[tuple[str, Revision, Mapping[str, Any] | None]]) -> int:
        """Make ``scope`` hold at least these ``(item, rev, fields or None)``; return how many entries it added.

        Only items the scope holds at a lower revision (or not at all) get an
        entry, so running it again, or after the writers caught up, adds nothing.
        """
        held = self._fold(scope)[1]
        added = 0
        for item, rev, fields in wanted:
            current = held.get(item)
            if current is not None and _comparable(current[0]) >= _comparable(rev):
                continue
            self._append(scope, {"i": item, "r": rev, "f": None if fields is None else dict(fields)})
            added += 1
        return added

    def _append(self, scope: str, entry: dict[str, Any]) -> None:
        coll = self.collection
        k, n = self._ends.get(scope) or self._end(scope)
        if n and coll.find_one({"_id": entry_id(scope, n)}, {"_id": 1}) is None:
            k, n = self._end(scope)  # what this process remembered is gone (the database was replaced)
        while True:
            try:
                coll.insert_one({"_id": entry_id(scope, n + 1), **entry})
                break
            except DuplicateKeyError:
                n = self._last_entry(scope, n + 1)  # others got there first: go past them
        n += 1
        self._remember(scope, k, n)
        if n % self.every == 0:
            self._fold(scope)  # writes the next checkpoint if none covers this stretch yet

    # -- reading ---------------------------------------------------------------
    def items(self, scope: str) -> list[Item]:
        """The items now in ``scope`` (in no particular order)."""
        return [Item(item, rev, fields) for item, (rev, fields) in self._fold(scope)[1].items() if fields is not None]

    def page(self, scope: str, page: int, page_size: int, *, where: Callable[[dict], bool] | None = None,
             order: Callable[[Item], Any] = lambda item: item.id, newest_first: bool = False) -> tuple[int, list[Item]]:
        """How many items of ``scope`` match ``where`` (on their fields), and page ``page`` (from 1) of them in ``order``."""
        found = [item for item in self.items(scope) if where is None or where(item.fields)]
        found.sort(key=order, reverse=newest_first)
        return len(found), found[(page - 1) * page_size:page * page_size]

    def _fold(self, scope: str) -> tuple[int, dict[str, tuple[Revision, dict | None]]]:
        """The scope as of its last entry: ``(n, {item: (rev, fields or None)})``; checkpoints it if due."""
        coll = self.collection
        k, checkpoint = self._last_checkpoint(scope)
        held: dict[str, tuple[Revision, dict | None]] = {}
        upto = 0
        if checkpoint is not None:
            upto = checkpoint["upto"]
            for item, rev, fields in blob.unpack(checkpoint["items"]):
                held[item] = (rev, fields)
        n = upto
        while (entry := coll.find_one({"_id": entry_id(scope, n + 1)})) is not None:
            n += 1
            item, rev = entry["i"], entry["r"]
            current = held.get(item)
            if current is None or _comparable(current[0]) < _comparable(rev):
                held[item] = (rev, entry["f"])
        if n - upto >= self.every:
            try:
                coll.insert_one({"_id": checkpoint_id(scope, k + 1), "upto": n,
                                 "items": blob.pack([[i, r, f] for i, (r, f) in held.items()])})
                k += 1
            except DuplicateKeyError:
                pass  # another writer or reader checkpointed this stretch first; theirs is as true
        self._remember(scope, k, n)
        return n, held

    def _last_checkpoint(self, scope: str) -> tuple[int, dict | None]:
        known = self._ends.get(scope, (0, 0))[0]
        return _last(lambda k: self.collection.find_one({"_id": checkpoint_id(scope, k)}), known)

    def _last_entry(self, scope: str, known: int) -> int:
        return _last(lambda n: self.collection.find_one({"_id": entry_id(scope, n)}, {"_id": 1}), known)[0]

    def _end(self, scope: str) -> tuple[int, int]:
        k, checkpoint = self._last_checkpoint(scope)
        return k, self._last_entry(scope, checkpoint["upto"] if checkpoint else 0)

    def _remember(self, scope: str, k: int, n: int) -> None:
        before = self._ends.get(scope, (0, 0))
        self._ends[scope] = (max(k, before[0]), max(n, before[1]))
        self._ends.move_to_end(scope)
        while len(self._ends) > REMEMBERED:
            self._ends.popitem(last=False)


def _last(read: Callable[[int], dict | None], known: int) -> tuple[int, dict | None]:
    """The last of a gap-free chain 1, 2, 3… (0, None when empty), searched from ``known`` (0: nothing known).

    Doubling the step past ``known``, then halving it: a few reads for any length.
    A ``known`` link that is not there (the database was replaced) is forgotten.
    """
    top = read(known) if known else None
    low = known if top is not None else 0
    step = 1
    while (found := read(low + step)) is not None:
        low, top, step = low + step, found, step * 2
    high = low + step
    while high - low > 1:
        middle = (low + high) // 2
        if (found := read(middle)) is not None:
            low, top = middle, found
        else:
            high = middle
    return low, top

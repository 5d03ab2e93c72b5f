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
- **checkpoints**: the scope's items as of entry ``upto`` (every item's highest
  revision, tombstones included), inserted by whoever — writer or reader — finds
  :attr:`ScopeIndex.every` or more entries after the last checkpoint. Checkpoint
  ``k + 1`` is computed from checkpoint ``k`` and the entries after it, and is
  inserted only after ``k`` was read, so checkpoints too are a gap-free chain, and
  any checkpoint is exactly the fold of the entries up to its ``upto`` (two writers
  racing for ``k + 1`` may choose different ``upto``; either is correct, the store
  keeps one). A checkpoint is two documents: its *mark* ``<scope>!<k>`` (``upto``
  only, a few bytes, kept for ever so that the chain stays gap-free and the search
  below works) and its *body* ``<scope>#<k>:<upto>`` (the items), inserted before
  the mark. Once mark ``k + 1`` is in, body ``k`` is superseded and its writer
  deletes it (:meth:`ScopeIndex._checkpoint`: why a reader still gets a right
  page). So a scope keeps one body, not one per ``every`` changes of its history.
  Checkpoints written before bodies existed hold their items in the mark; they
  stay, and are read as before.

Reading a scope is: find the last checkpoint (doubling then halving the step, a
few reads by ``_id``; a process remembers where it last found a scope's end, a
lower bound that stays true because nothing is ever removed), decode it, and read
the fewer than ``every`` entries after it. So a read costs a bounded number of
``_id`` lookups plus the decoding of what the scope holds — never the size of the
collection, the nation, or the scope's history.

**Lists made of several scopes** (:meth:`ScopeIndex.page_across`): a nation-wide list is its provinces' lists
read together, a log without a status filter its per-status lists. The scopes must share no item (their
writers take an item out of one before they put it in the next), so the total is the sum of theirs and a page
is a merge of their sorted items. The scopes a list is made of can be noted in a scope of their own
(:meth:`ScopeIndex.enrol`, :meth:`ScopeIndex.members`: e.g. every province that has a list). A process may
keep (``kept``) the folds of the scopes it reads this way: a kept fold is still right while no entry follows
the last it folded, one read by ``_id``, in the same collection (a random mark, ``~generation``, inserted once
into each lists collection, read once per list, tells a replaced database). **Why not one nation-wide scope:** its checkpoint would hold every
item of the nation and be written again every ``every`` changes anywhere.

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

import heapq
import logging
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from edu71.store import blob
from edu71.store.projection import Revision, _comparable

log = logging.getLogger(__name__)

#: How many scopes' ends a process remembers (two small integers each).
REMEMBERED = 200_000
#: How many filtered, ordered lists a kept scope keeps (one per combination of filters asked for lately).
VIEWS = 8
#: The ``_id`` of the random mark that tells one lists collection from another created after it under its name.
GENERATION = "~generation"
#: Lookups of the scopes one list is made of overlap their round trips.
_READERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="listing")


def entry_id(scope: str, n: int) -> str:
    return f"{scope}@{n:010d}"


def checkpoint_id(scope: str, k: int) -> str:
    return f"{scope}!{k:010d}"


def body_id(scope: str, k: int, upto: int) -> str:
    """The ``_id`` of checkpoint ``k``'s items: named by its ``upto`` too, so that two writers racing for ``k`` with
    different stretches never write one body each other's mark would name."""
    return f"{scope}#{k:010d}:{upto:010d}"


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

    def __init__(self, name: str, database: Callable[[], Database], every: int = 16, kept: int = 0):
        self.name = name
        self.every = every
        # Resolved on each use: the connection behind an alias can be replaced.
        self._database = database
        #: scope -> (last checkpoint k, last entry n) seen by this process: lower bounds of the scope's end.
        self._ends: OrderedDict[str, tuple[int, int]] = OrderedDict()
        #: How many scopes' folds :meth:`page_across` and :meth:`members` keep between reads (see there).
        self.kept = kept
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        #: Scopes a thread is folding afresh, and what it sets when it is done (see :meth:`_kept_fold`).
        self._folding: dict[str, threading.Event] = {}
        self._generation: str | None = None
        self._lock = threading.Lock()

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

    # -- lists made of several scopes ---------------------------------------------------
    def enrol(self, group: str, member: str) -> None:
        """Note in the scope ``group`` that the scope ``member`` belongs to it (e.g. every province's list to the
        nation's); does nothing if it is noted already."""
        self._same_generation()
        if member not in self._kept_fold(group).held:
            self.put(group, member, 1, {})

    def members(self, group: str) -> list[str]:
        """The scopes noted in ``group``, in order."""
        self._same_generation()
        return sorted(item for item, (_, fields) in self._kept_fold(group).held.items() if fields is not None)

    def page_across(self, scopes: Sequence[str], page: int, page_size: int, *,
                    where: Callable[[dict], bool] | None = None, order: Callable[[Item], Any] = lambda item: item.id,
                    newest_first: bool = False, key: Hashable | None = None) -> tuple[int, list[Item]]:
        """How many items of ``scopes`` together match ``where``, and page ``page`` of them in ``order``.

        The scopes must share no item: they partition a list (the provinces of the nation, the statuses of a log),
        which their writers keep by taking an item out of its former scope *before* putting it in the next, so
        that it is never in two at once (at worst in none, for the moment between the two inserts).

        This process keeps (:attr:`kept` scopes at most, the least recently read forgotten first) each scope's
        fold, and, when ``key`` names ``where``, ``order`` and ``newest_first``, the scope's matching items in
        order. A kept fold is still the scope's while no entry follows the last one it folded, in the same
        collection (:meth:`_same_generation`): one read by ``_id`` per scope, several at a time. So reading a
        list of many scopes costs a lookup per scope and one more, the decoding of the scopes that changed,
        and a merge of the sorted parts up to the page — however many items the scopes hold.
        """
        self._same_generation()
        parts = list(_READERS.map(lambda scope: self._matching(scope, where, order, newest_first, key), scopes))
        start = (page - 1) * page_size
        merged = heapq.merge(*parts, key=order, reverse=newest_first)
        return sum(map(len, parts)), list(islice(merged, start, start + page_size))

    def _matching(self, scope: str, where, order, newest_first: bool, key: Hashable | None) -> list[Item]:
        kept = self._kept_fold(scope)
        if key is not None and (found := kept.views.get(key)) is not None:
            return found
        found = [Item(item, rev, fields) for item, (rev, fields) in kept.held.items()
                 if fields is not None and (where is None or where(fields))]
        found.sort(key=order, reverse=newest_first)
        if key is not None:
            with self._lock:
                kept.views[key] = found
                while len(kept.views) > VIEWS:
                    kept.views.popitem(last=False)
        return found

    def _kept_fold(self, scope: str) -> "_Kept":
        """The scope's fold: the one this process kept if no entry follows its last (the caller checked the
        generation: :meth:`_same_generation`), carried on past any new entries, or a fresh one.

        A scope nobody keeps yet is folded by one thread at a time: a request that comes while another thread
        (the start-up's :func:`warm`) folds it waits for that fold and then reads it as kept, instead of paying
        for the same reads beside it."""
        while True:
            with self._lock:
                kept = self._kept.get(scope)
                busy = self._folding.get(scope) if kept is None and self.kept else None
                if kept is None and self.kept and busy is None:
                    mine = self._folding[scope] = threading.Event()
                else:
                    mine = None
            if busy is None:
                break
            busy.wait()
        try:
            return self._fold_kept(scope, kept)
        finally:
            if mine is not None:
                with self._lock:
                    self._folding.pop(scope, None)
                mine.set()

    def _fold_kept(self, scope: str, kept: "_Kept | None") -> "_Kept":
        if kept is not None:
            coll = self.collection
            if coll.find_one({"_id": entry_id(scope, kept.n + 1)}, {"_id": 1}) is None:
                return kept
            # ``every`` entries or more came since it was kept: a later checkpoint holds them. Read afresh from it,
            # not entry by entry: a fold kept by a process that reads a busy scope seldom (a province's pending
            # deliveries, an entry per attempt) falls behind by hundreds of entries, one lookup each.
            if coll.find_one({"_id": entry_id(scope, kept.n + self.every)}, {"_id": 1}) is not None:
                kept = None
        if kept is not None:
            held = dict(kept.held)  # a new fold: readers of the kept one go on reading it unchanged
            k, n, known = self._fold_on(scope, kept.k, kept.upto, kept.n, held)
            upto = n if k > kept.k else kept.upto
        else:
            before, upto, held = self._checkpoint(scope)
            k, n, known = self._fold_on(scope, before, upto, upto, held)
            upto = n if k > before else upto
        fresh = _Kept(k, upto, n, held)
        with self._lock:
            if not known:  # another process checkpointed first: read afresh next time
                self._kept.pop(scope, None)
            elif self.kept:
                self._kept[scope] = fresh
                self._kept.move_to_end(scope)
                while len(self._kept) > self.kept:
                    self._kept.popitem(last=False)
        return fresh

    def _same_generation(self) -> None:
        """Forget the kept folds if the collection is not the one they were read from (it was dropped, the
        database replaced): one read of its generation, a random mark inserted once into each collection."""
        coll = self.collection
        if (found := coll.find_one({"_id": GENERATION})) is None:
            try:
                coll.insert_one({"_id": GENERATION, "g": uuid.uuid4().hex})
            except DuplicateKeyError:
                pass  # another process marked it first
            found = coll.find_one({"_id": GENERATION}) or {"g": None}
        with self._lock:
            if found["g"] != self._generation:
                self._kept.clear()
                self._generation = found["g"]

    def _fold(self, scope: str) -> tuple[int, dict[str, tuple[Revision, dict | None]]]:
        """The scope as of its last entry: ``(n, {item: (rev, fields or None)})``; checkpoints it if due."""
        k, upto, held = self._checkpoint(scope)
        return self._fold_on(scope, k, upto, upto, held)[1], held

    def _fold_on(self, scope: str, k: int, upto: int, n: int, held: dict) -> tuple[int, int, bool]:
        """Fold into ``held`` (the scope as of entry ``n``, checkpoint ``k`` covering entries up to ``upto``) the
        entries after ``n``, checkpointing if due: ``(k, n, whether this process wrote or already knew
        checkpoint k)``."""
        coll = self.collection
        while (entry := coll.find_one({"_id": entry_id(scope, n + 1)})) is not None:
            n += 1
            item, rev = entry["i"], entry["r"]
            current = held.get(item)
            if current is None or _comparable(current[0]) < _comparable(rev):
                held[item] = (rev, entry["f"])
        known = True
        if n - upto >= self.every:
            body = body_id(scope, k + 1, n)
            try:
                coll.insert_one({"_id": body, "items": blob.pack([[i, r, f] for i, (r, f) in held.items()])})
            except DuplicateKeyError:
                pass  # another writer folded the same stretch: the same items
            try:
                coll.insert_one({"_id": checkpoint_id(scope, k + 1), "upto": n})
            except DuplicateKeyError:
                known = False  # another writer or reader checkpointed this stretch first; theirs is as true
                won = coll.find_one({"_id": checkpoint_id(scope, k + 1)}, {"upto": 1})
                # Ours is nobody's body, or a superseded one this late writer put back: it would stay for ever.
                if (won is not None and won["upto"] != n) or \
                        coll.find_one({"_id": checkpoint_id(scope, k + 2)}, {"_id": 1}) is not None:
                    coll.delete_one({"_id": body})
            else:
                if k:
                    coll.delete_one({"_id": body_id(scope, k, upto)})  # superseded (see _checkpoint)
                k += 1
        self._remember(scope, k, n)
        return k, n, known

    def _last_checkpoint(self, scope: str, known: int | None = None) -> tuple[int, dict | None]:
        """The last checkpoint's number and mark, ``upto`` only (``0, None``: none yet), searched from ``known`` (or
        from what this process remembers). Only ``upto`` is fetched: a checkpoint written before bodies existed
        holds its items in the mark, and the search would carry every probed one's items."""
        known = self._ends.get(scope, (0, 0))[0] if known is None else known
        return _last(lambda k: self.collection.find_one({"_id": checkpoint_id(scope, k)}, {"upto": 1}), known)

    def _checkpoint(self, scope: str) -> tuple[int, int, dict[str, tuple[Revision, dict | None]]]:
        """The last checkpoint: ``(k, upto, {item: (rev, fields or None)})``, ``(0, 0, {})`` when there is none.

        **Why deleting superseded bodies is safe.** A body is deleted only after the mark of a later checkpoint
        was inserted, and entries are never deleted. A reader that found mark ``k`` and then finds its body gone
        therefore knows that mark ``k + 1`` exists: it searches again from ``k`` and reads the newer one; each
        retry means another checkpoint was written meanwhile, so it ends. A reader that read body ``k`` before
        it was deleted holds the fold of the entries up to its ``upto`` — still true, since a checkpoint is only
        a shortcut through entries that all stay — and folds the entries after it as always: its page is right,
        merely read from an older checkpoint. A process that keeps a fold (:meth:`page_across`) reads no body
        again while it stays current. The marks are never deleted, so the search's gap-free chain and what a
        process remembers of a scope's end stay true.
        """
        known = None
        while True:
            k, mark = self._last_checkpoint(scope, known)
            if mark is None:
                return 0, 0, {}
            body = self.collection.find_one({"_id": body_id(scope, k, mark["upto"])}, {"items": 1})
            if body is None:  # superseded meanwhile (the next mark exists), or written before bodies existed
                body = self.collection.find_one({"_id": checkpoint_id(scope, k)}, {"items": 1})
            if body is None or "items" not in body:
                if known == k:
                    raise LookupError(f"{self.name}: checkpoint {k} of {scope} lost its items")
                known = k
                continue
            return k, mark["upto"], {item: (rev, fields) for item, rev, fields in blob.unpack(body["items"])}

    def _last_entry(self, scope: str, known: int) -> int:
        return _last(lambda n: self.collection.find_one({"_id": entry_id(scope, n)}, {"_id": 1}), known)[0]

    def _end(self, scope: str) -> tuple[int, int]:
        k, checkpoint = self._last_checkpoint(scope)
        return k, self._last_entry(scope, checkpoint["upto"] if checkpoint else 0)

    def _remember(self, scope: str, k: int, n: int) -> None:
        with self._lock:  # the scopes of one list are read by several threads at once
            before = self._ends.get(scope, (0, 0))
            self._ends[scope] = (max(k, before[0]), max(n, before[1]))
            self._ends.move_to_end(scope)
            while len(self._ends) > REMEMBERED:
                self._ends.popitem(last=False)


def warm(name: str, *reads: Callable[[], Any]) -> threading.Thread:
    """Make ``reads`` (e.g. an administrator's nation-wide lists, whose first reading folds every province) in a
    background thread, so that the process keeps what they read before the first person asks; returns the
    thread. Readiness does not wait for it, and a request that comes meanwhile waits only for the scopes being
    folded (:meth:`ScopeIndex._kept_fold`). A read that fails is logged: the first request does it then."""

    def run() -> None:
        started = time.perf_counter()
        for read in reads:
            try:
                read()
            except Exception:  # noqa: BLE001 - warming is an optimisation; a request reads what it needs
                log.warning("%s: warming the lists failed", name, exc_info=True)
        log.info("%s: lists warmed in %.2f s", name, time.perf_counter() - started)

    thread = threading.Thread(target=run, name=f"warm-{name}", daemon=True)
    thread.start()
    return thread


@dataclass
class _Kept:
    """A scope's fold kept by a process: its last checkpoint ``k`` (covering entries up to ``upto``), its last
    entry ``n``, the items, and lists of matching items in order by their key."""

    k: int
    upto: int
    n: int
    held: dict[str, tuple[Revision, dict | None]]
    views: OrderedDict = field(default_factory=OrderedDict)


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

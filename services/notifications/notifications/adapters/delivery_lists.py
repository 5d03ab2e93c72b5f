"""The delivery log's lists (``GET /deliveries``), kept per scope and status (:class:`edu71.store.listing.ScopeIndex`),
so that the log reads only what it shows, never the collection of every e-mail and webhook call of the nation.

A delivery is listed in the scopes of the units whose log shows it: its recipient's (``to:<role>:<org unit>``: a
school's log), its commune's (``commune:<code>``: a commune's log, which also filters on the recipient's role), its
province's (``province:<code>``: a city's log; ``province:-`` for the few addressed above any province), each once
per status: ``<scope>|pending``, ``<scope>|delivered``, ``<scope>|failed``. An entry carries what the log filters
and sorts on (channel, status, recipient, unit codes, when it was queued), at the delivery's version.

**Why one list per status.** Operators open the pending and the failed deliveries; those lists stay as short as the
queue and its failures, however many deliveries were made over the years, instead of being filtered out of
everything delivered. A log without a status filter reads the three lists as one
(:meth:`ScopeIndex.page_across`). A delivery changes status only from pending to delivered or failed (retries stay
pending), and :func:`record` takes it out of the pending lists *before* it puts it in the final ones: it is never in
two status lists at once (for the moment between the two inserts it is in neither), and, the highest version
winning, a late or replayed entry of an earlier version changes nothing.

**An administrator's log, which names no unit**, is the provinces' logs read as one list, newest first: the province
scopes noted in the group ``provinces`` (:meth:`ScopeIndex.enrol`, when a delivery is first listed in one) are
merged (:meth:`ScopeIndex.page_across`). The API process keeps each scope's fold while it does not change, so the
nation's log costs one ``_id`` lookup per province and status (several at a time), and the merge up to the page; the
total stays exact. No nation-wide scope is written, whose checkpoint would hold every delivery of the nation.

**Retention.** Delivered deliveries are forgotten after a while (:meth:`Deliveries.forget_delivered`): a tombstone
in each of their delivered lists first, and only then the delivery itself, so that a list never shows nor counts a
delivery that is gone. Failed ones stay, for the operators.

Entries are written right after the delivery's change (:meth:`Deliveries.add`, :meth:`Deliveries.save`). A worker
that died in between leaves the queue entry behind, and the queue lists the delivery again when it meets it
(:meth:`Deliveries.relist`); deliveries stored before the lists existed are listed once, by :func:`backfill`, which
the worker runs when it starts and marks as done.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator, Mapping

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from edu71.store.listing import Item, ScopeIndex
from edu71.store.versioned import load_many
from notifications.adapters.documents import Delivery

_reading = threading.local()


def _database() -> Database:
    """The service's database, or the one the calling thread reads the lists through (:func:`reading_through`)."""
    database = getattr(_reading, "database", None)
    return Delivery._get_db() if database is None else database


#: Kept folds: every province's three lists and the most recently read units' (see ScopeIndex.page_across).
LISTS = ScopeIndex("delivery_lists", _database, kept=4000)
STATUSES = ("pending", "delivered", "failed")
PENDING = "pending"
#: The scope noting every province's scope (and ``province:-``): the nation's log is theirs read together.
PROVINCES = "provinces"
#: Inserted when every delivery stored before the lists existed has been listed.
BACKFILLED = "~backfilled"
FIELDS = ("channel", "status", "recipient_role", "recipient_org_unit", "commune_code", "province_code")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def units_of(delivery: Mapping[str, Any]) -> list[str]:
    """The scopes (each then kept per status) whose log shows ``delivery``; the last is its province's."""
    units = [f"to:{delivery['recipient_role']}:{delivery['recipient_org_unit']}"]
    if delivery.get("commune_code"):
        units.append(f"commune:{delivery['commune_code']}")
    units.append(f"province:{delivery.get('province_code') or '-'}")
    return units


def unit_for(restriction: Mapping[str, Any]) -> str | None:
    """The narrowest scope holding every delivery ``restriction`` can match (``None``: it names no unit)."""
    role = restriction.get("recipient_role")
    if restriction.get("recipient_org_unit") and isinstance(role, str):
        return f"to:{role}:{restriction['recipient_org_unit']}"
    if restriction.get("commune_code"):
        return f"commune:{restriction['commune_code']}"
    if restriction.get("province_code"):
        return f"province:{restriction['province_code']}"
    return None


def _fields(delivery: Mapping[str, Any]) -> dict[str, Any]:
    return {**{key: delivery.get(key) for key in FIELDS}, "created_at": delivery.get("created_at")}


def record(delivery: Delivery) -> None:
    """List ``delivery`` as its current version says: out of the pending lists first once it is final."""
    state = delivery.to_mongo().to_dict()
    units = units_of(state)
    LISTS.enrol(PROVINCES, units[-1])
    if delivery.status != PENDING:
        for unit in units:
            LISTS.drop(f"{unit}|{PENDING}", delivery.pk, delivery.doc_version)
    for unit in units:
        LISTS.put(f"{unit}|{delivery.status}", delivery.pk, delivery.doc_version, _fields(state))


def _matches(restriction: Mapping[str, Any], fields: Mapping[str, Any]) -> bool:
    return all(fields.get(name) in value if isinstance(value, tuple) else fields.get(name) == value
               for name, value in restriction.items())


def _aware(moment: datetime | None) -> datetime:
    moment = moment or _EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _newest_first(item: Item):
    return _aware(item.fields.get("created_at")), item.id


def page(restriction: Mapping[str, Any], page: int, page_size: int) -> tuple[int, list[Delivery]]:
    """How many deliveries match ``restriction`` and one page of them, newest first: from the lists of the narrowest
    scope the restriction names, or of every province when it names none, for the status it names (or all three)."""
    unknown = set(restriction) - set(FIELDS)
    if unknown:
        raise ValueError(f"the delivery log cannot filter on {sorted(unknown)}")
    status = restriction.get("status")
    statuses = STATUSES if status is None else status if isinstance(status, tuple) else (status,)
    rest = {name: value for name, value in restriction.items() if name != "status"}
    unit = unit_for(rest)
    units = [unit] if unit is not None else LISTS.members(PROVINCES)
    key = ("newest first", tuple(sorted(rest.items())))
    total, items = LISTS.page_across([f"{u}|{s}" for u in units for s in statuses], page, page_size,
                                     where=lambda fields: _matches(rest, fields), order=_newest_first,
                                     newest_first=True, key=key)
    return total, load_many(Delivery, [item.id for item in items])


@contextmanager
def reading_through(database: Database) -> Iterator[None]:
    """Read the lists in this thread through ``database`` (the start-up's warm-up, on a client of its own, so that it
    never takes a connection a request waits for); the folds it reads are kept for every thread of the process."""
    _reading.database = database
    try:
        yield
    finally:
        del _reading.database


def keep(scope: str) -> None:
    """Fold ``scope`` in the calling thread and keep it in this process, as reading a list of it would."""
    LISTS.members(scope)


def delivered_before(before: datetime, limit: int) -> list[tuple[str, int, list[str]]]:
    """Up to ``limit`` deliveries listed as delivered that were queued before ``before``: ``(id, version listed,
    units)``. Reads each province's delivered list (the retention job's, not a person's)."""
    found: list[tuple[str, int, list[str]]] = []
    for province in LISTS.members(PROVINCES):
        for item in LISTS.items(f"{province}|delivered"):
            if _aware(item.fields.get("created_at")) < before:
                found.append((item.id, item.rev, units_of(item.fields)))
                if len(found) >= limit:
                    return found
    return found


def unlist_delivered(deliveries: list[tuple[str, int, list[str]]]) -> None:
    """Take these ``(id, version, units)`` out of their units' delivered lists, by a tombstone one version above
    the delivered one (insert-only; again changes nothing: :meth:`ScopeIndex.sync` adds only what is missing)."""
    by_scope: dict[str, list] = {}
    for delivery_id, version, units in deliveries:
        for unit in units:
            by_scope.setdefault(f"{unit}|delivered", []).append((delivery_id, version + 1, None))
    for scope, rows in by_scope.items():
        LISTS.sync(scope, rows)


def backfill() -> int:
    """List the deliveries stored before the lists existed (once: a marker says it was done); how many entries it
    added. Reads the whole collection once (the worker's start, not a person's log), then each list by ``_id``."""
    marks = LISTS.collection
    if marks.find_one({"_id": BACKFILLED}) is not None:
        return 0
    wanted: dict[str, list] = {}
    provinces: set[str] = set()
    for head in Delivery._get_collection().find({}, {**{key: 1 for key in FIELDS}, "created_at": 1, "_v": 1}):
        units = units_of(head)
        provinces.add(units[-1])
        for unit in units:
            wanted.setdefault(f"{unit}|{head['status']}", []).append((head["_id"], head.get("_v", 0), _fields(head)))
    for province in provinces:
        LISTS.enrol(PROVINCES, province)
    added = sum(LISTS.sync(scope, rows) for scope, rows in wanted.items())
    try:
        marks.insert_one({"_id": BACKFILLED, "at": datetime.now(timezone.utc), "added": added})
    except DuplicateKeyError:
        pass  # two workers started together; both listed the same deliveries, which changes nothing
    return added

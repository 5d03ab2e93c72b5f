"""The plan lists people open, kept per scope (:class:`edu71.store.listing.ScopeIndex`), so that a list reads
only what it shows and never the whole collection.

Every plan is listed in the scopes of the units that see it: its school's (``school:<code>``, a school's own
plans), its commune's (``commune:<code>``: the schools' plans a commune/ward reviews, and its own), its
province's (``province:<code>``: the city's lists and queue, commune plans included). An entry carries the
fields the API filters and sorts on (owner kind, unit codes, level, status, year, last change), so every filter
of ``GET /plans`` is answered inside the narrowest scope the caller's restriction names, in memory: a scope
holds at most one province's plans (about a thousand a year), however many the nation has.

**An administrator's list naming no unit** (every plan of the nation) is the provinces' lists read as one, in the
same order as every list, most recently changed first (:meth:`ScopeIndex.page_across`): each province's scope is
noted once in the scope ``provinces`` (:meth:`ScopeIndex.enrol`), and the API process keeps each province's fold,
and its plans matching the filters in order, while the province does not change. So the nation's list costs one
``_id`` lookup per province (several at a time), the decoding of the provinces that changed since, and a merge up to
the page; its total is exact. Why not one nation-wide scope: its checkpoint would hold every plan of the nation and
be written again every 16 saves, anywhere. Why not a page of one province, then the next: an administrator's filters
(a status, a year, a level) find plans across provinces, and "most recently changed first" is what an overview of
the nation is for; a merge keeps that order at the same cost (to look at one province, the list takes
``province_code``). A plan never changes province, so the provinces' lists share no plan, as
:meth:`ScopeIndex.page_across` needs.

Entries are written right after the plan's change (:func:`save`), at the plan's version, so a replay or a
late writer changes nothing; a plan deleted by its school leaves its scopes by a tombstone. Plans stored
before the lists existed, or whose writer died between its change and its entries, are listed by
:func:`backfill`, which the worker runs when it starts.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from edu71.store.versioned import load_many
from edu71.store.listing import Item, ScopeIndex, narrowest_scope
from plans.adapters.documents import Plan
from plans.domain.owners import UnitKind

#: Kept folds (ScopeIndex.page_across): the nation's provinces, and the scope noting them.
LISTS = ScopeIndex("plan_lists", lambda: Plan._get_db(), kept=200)
#: The scope noting every province's scope: the nation's list is theirs read together.
PROVINCES = "provinces"

#: Restriction keys an entry's fields answer (``owner_kind`` also matches plans stored before it existed).
FILTERED = ("owner_kind", "school_code", "commune_code", "province_code", "school_level", "status", "year")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def scopes_of(plan: dict[str, Any]) -> list[str]:
    scopes = [f"province:{plan['province_code']}"]
    if plan.get("commune_code"):
        scopes.append(f"commune:{plan['commune_code']}")
    if plan.get("school_code"):
        scopes.append(f"school:{plan['school_code']}")
    return scopes


def _fields(plan: dict[str, Any]) -> dict[str, Any]:
    fields = {key: plan.get(key) for key in FILTERED}
    fields["owner_kind"] = fields["owner_kind"] or UnitKind.SCHOOL.value
    fields["updated_at"] = plan.get("updated_at")
    return fields


def _state(plan: Plan) -> dict[str, Any]:
    return {**{key: plan[key] for key in FILTERED}, "updated_at": plan.updated_at, "deleted_at": plan.deleted_at}


def record(plan: Plan) -> None:
    """List ``plan`` as its current version says (or take it out of its lists once deleted)."""
    state = _state(plan)
    LISTS.enrol(PROVINCES, f"province:{plan.province_code}")
    for scope in scopes_of(state):
        if plan.deleted_at is not None:
            LISTS.drop(scope, plan.pk, plan.doc_version)
        else:
            LISTS.put(scope, plan.pk, plan.doc_version, _fields(state))


def scope_for(restriction: dict[str, Any]) -> str | None:
    """The narrowest scope holding every plan ``restriction`` can match (``None``: it names no unit)."""
    return narrowest_scope(restriction, (("school_code", "school"), ("commune_code", "commune"),
                                         ("province_code", "province")))


def _matches(restriction: dict[str, Any], fields: dict[str, Any]) -> bool:
    return all(fields.get(key) == value for key, value in restriction.items())


def _newest_first(item: Item):
    at = item.fields.get("updated_at") or _EPOCH
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)), item.id


def page(restriction: dict[str, Any], page: int, page_size: int) -> tuple[int, list[Plan]]:
    """How many plans match ``restriction`` and one page of them, most recently changed first, read from the
    scope the restriction names, or from every province's when it names none."""
    unknown = set(restriction) - set(FILTERED)
    if unknown:
        raise ValueError(f"plan lists cannot filter on {sorted(unknown)}")
    scope = scope_for(restriction)
    if scope is None:
        total, items = LISTS.page_across(LISTS.members(PROVINCES), page, page_size,
                                         where=lambda fields: _matches(restriction, fields), order=_newest_first,
                                         newest_first=True, key=("newest first", tuple(sorted(restriction.items()))))
    else:
        total, items = LISTS.page(scope, page, page_size, where=lambda fields: _matches(restriction, fields),
                                  order=_newest_first, newest_first=True)
    return total, load_many(Plan, [item.id for item in items])


def backfill() -> int:
    """List every stored plan its lists lack (or hold at an older version); return how many entries it added.

    Reads the whole collection once (the worker's start, not a person's list), then each scope by ``_id``.
    """
    wanted: dict[str, list] = {}
    fields = {key: 1 for key in (*FILTERED, "updated_at", "deleted_at", "_v")}
    for head in Plan._get_collection().find({}, fields):
        entry = None if head.get("deleted_at") is not None else _fields(head)
        for scope in scopes_of(head):
            wanted.setdefault(scope, []).append((head["_id"], head.get("_v", 0), entry))
    for scope in wanted:
        if scope.startswith("province:"):
            LISTS.enrol(PROVINCES, scope)
    return sum(LISTS.sync(scope, rows) for scope, rows in wanted.items())

"""The rounds of a province, kept as one list (:class:`edu71.store.listing.ScopeIndex`, scope
``province:<code>``), so that listing them reads that province's rounds only, never every province's.

An entry carries what the list filters and sorts on (school year, levels, opening time) at the round's
version. It is written right after the round's change (:func:`save`); rounds stored before the lists existed,
or whose writer died in between, are listed by :func:`backfill`, which the worker runs when it starts.
"""
from __future__ import annotations

from datetime import timezone
from typing import Any

from edu71.store.versioned import load_many
from edu71.store.listing import ScopeIndex
from indicators.adapters.documents import Round

LISTS = ScopeIndex("round_lists", lambda: Round._get_db())


def _fields(state: dict[str, Any]) -> dict[str, Any]:
    return {"province_code": state["province_code"], "school_year": state["school_year"],
            "school_levels": list(state.get("school_levels") or ()), "opens_at": state["opens_at"]}


def record(rnd: Round) -> None:
    """List the round as its current version says, in its province's list."""
    LISTS.put(f"province:{rnd.province_code}", rnd.pk, rnd.doc_version, _fields(rnd.to_mongo()))


def matches(fields: dict[str, Any], restriction: dict[str, Any]) -> bool:
    for key, value in restriction.items():
        held = fields.get(key)
        # A list field matches when it holds the value (as the store's equality on a list does).
        if not (value in held if isinstance(held, list) else held == value):
            return False
    return True


def page(restriction: dict[str, Any], page: int, page_size: int) -> tuple[int, list[Round]] | None:
    """How many of a province's rounds match ``restriction`` and one page of them, latest opening first
    (``None`` when ``restriction`` names no province)."""
    province = restriction.get("province_code")
    if not province:
        return None

    def newest(item):
        at = item.fields["opens_at"]
        return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)), item.id

    total, items = LISTS.page(f"province:{province}", page, page_size,
                              where=lambda fields: matches(fields, restriction), order=newest, newest_first=True)
    return total, load_many(Round, [item.id for item in items])


def backfill() -> int:
    """List every stored round its province's list lacks (or holds at an older version); how many it added."""
    wanted: dict[str, list] = {}
    for head in Round._get_collection().find({}, {"province_code": 1, "school_year": 1, "school_levels": 1,
                                                  "opens_at": 1, "_v": 1}):
        wanted.setdefault(f"province:{head['province_code']}", []).append(
            (head["_id"], head.get("_v", 0), _fields(head)))
    return sum(LISTS.sync(scope, rows) for scope, rows in wanted.items())

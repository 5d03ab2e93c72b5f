"""The account lists administrators open, kept per unit (:class:`edu71.store.listing.ScopeIndex`), so that the
users of a unit, of a commune or of a province are read without scanning every account.

An account is listed in the scopes ``unit:<org unit>`` (its own unit's accounts), ``commune:<code>`` (the
commune's and its schools' accounts) and ``province:<code>`` (a city's list; ``province:-`` for the platform's
own accounts, which belong to no province). An entry carries what the list
filters, searches and sorts on (role, unit, commune, active, name and its search key), at the account's
version; an account moved to another unit leaves its former scopes by a tombstone at the same version, found by
comparing with the version before (read by ``_id``).

**An administrator's list naming no unit** (every account of the nation) is the provinces' lists read as one, in the
same name order as every list (:meth:`ScopeIndex.page_across`): each province's scope is noted once in the scope
``provinces`` (:meth:`ScopeIndex.enrol`), and the API process keeps each province's fold, and its accounts matching
the filters and the search in order, while the province does not change. So the nation's list costs one ``_id``
lookup per province (several at a time), the decoding of the provinces that changed since, and a merge up to the
page; its total is exact. Why not one nation-wide scope: its checkpoint would hold every account of the nation and
be written again every 16 saves. Why not a page of one province, then the next: a search or a role finds accounts
across provinces, and an administrator reads the answer in name order (to look at one province, the list takes
``province_code``). An account moved to another province leaves the first province's list before it enters the
second's (:func:`record`), so the provinces' lists never share an account, as :meth:`ScopeIndex.page_across` needs.

Entries are written right after the account's change (:meth:`identity.adapters.users.Users.save`). Accounts stored before the lists existed,
or whose writer died in between, are listed by :func:`backfill`, which the worker runs when it starts (the
nation has tens of thousands of accounts: one read of their list fields).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from edu71.bus.outbox import state_at
from edu71.store.versioned import load_many
from edu71.store.listing import Item, ScopeIndex, narrowest_scope
from identity.adapters.documents import User
from identity.domain.accounts import name_pattern, search_key

#: Kept folds (ScopeIndex.page_across): the nation's provinces, and the scope noting them.
LISTS = ScopeIndex("user_lists", lambda: User._get_db(), kept=200)
#: The scope noting every province's scope (and ``province:-``): the nation's list is theirs read together.
PROVINCES = "provinces"

FIELDS = ("name", "search", "role", "org_unit", "org_unit_name", "commune_code", "province_code", "active")


def scopes_of(user: dict[str, Any]) -> list[str]:
    scopes = [f"unit:{user['org_unit']}"]
    if user.get("commune_code"):
        scopes.append(f"commune:{user['commune_code']}")
    scopes.append(f"province:{user.get('province_code') or '-'}")
    return scopes


def matcher(restriction: dict, text: str) -> Callable[[dict], bool]:
    """Whether a listed account matches the list's filters and its search text (as the collection query would)."""
    wanted = list(restriction.items())
    if not text:
        return lambda fields: all(fields.get(key) == value for key, value in wanted)
    key, name = re.compile(re.escape(search_key(text))), re.compile(name_pattern(text))
    return lambda fields: (all(fields.get(k) == value for k, value in wanted)
                           and bool(key.search(fields.get("search") or "")
                                    or name.search(fields.get("org_unit_name") or "")
                                    or fields.get("org_unit") == text))


def matches(fields: dict, restriction: dict, text: str) -> bool:
    return matcher(restriction, text)(fields)


def fields_of(user: dict[str, Any]) -> dict[str, Any]:
    return {key: user.get(key) for key in FIELDS}


def record(user: User) -> None:
    """List ``user`` as its current version says, and take it out of the scopes its previous version was in."""
    state = user.to_mongo().to_dict()
    now = scopes_of(state)
    LISTS.enrol(PROVINCES, now[-1])
    if user.doc_version > 1 and (before := state_at(User, user.pk, user.doc_version - 1)) is not None:
        for scope in set(scopes_of(before)) - set(now):
            LISTS.drop(scope, user.pk, user.doc_version)
    for scope in now:
        LISTS.put(scope, user.pk, user.doc_version, fields_of(state))


def scope_for(restriction: dict[str, Any]) -> str | None:
    """The narrowest scope holding every account ``restriction`` can match (``None``: it names no unit)."""
    return narrowest_scope(restriction, (("org_unit", "unit"), ("commune_code", "commune"),
                                         ("province_code", "province")))


def items(scope: str) -> list[Item]:
    return LISTS.items(scope)


def nation_page(restriction: dict[str, Any], text: str, page: int, page_size: int,
                order: Callable[[Item], Any]) -> tuple[int, list[Item]]:
    """How many accounts of the nation match and page ``page`` of them in ``order``: every province's list (and
    the platform's) read together."""
    return LISTS.page_across(LISTS.members(PROVINCES), page, page_size, where=matcher(restriction, text),
                             order=order, key=("name order", tuple(sorted(restriction.items())), text))


def load_all(ids: list[str]) -> list[User]:
    return load_many(User, ids)


def backfill() -> int:
    """List every stored account its lists lack (or hold at an older version); how many entries it added."""
    wanted: dict[str, list] = {}
    for head in User._get_collection().find({}, {**{key: 1 for key in FIELDS}, "_v": 1}):
        for scope in scopes_of(head):
            wanted.setdefault(scope, []).append((head["_id"], head.get("_v", 0), fields_of(head)))
    for scope in wanted:
        if scope.startswith("province:"):
            LISTS.enrol(PROVINCES, scope)
    return sum(LISTS.sync(scope, rows) for scope, rows in wanted.items())

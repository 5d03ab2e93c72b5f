"""The account lists administrators open, kept per unit (:class:`edu71.store.listing.ScopeIndex`), so that the
users of a unit, of a commune or of a province are read without scanning every account.

An account is listed in the scopes ``unit:<org unit>`` (its own unit's accounts), ``commune:<code>`` (the
commune's and its schools' accounts) and ``province:<code>`` (a city's list). An entry carries what the list
filters, searches and sorts on (role, unit, commune, active, name and its search key), at the account's
version; an account moved to another unit leaves its former scopes by a tombstone at the same version, found by
comparing with the version before (read by ``_id``).

Entries are written right after the account's change (:meth:`identity.adapters.users.Users.save`). Accounts stored before the lists existed,
or whose writer died in between, are listed by :func:`backfill`, which the worker runs when it starts (the
nation has tens of thousands of accounts: one read of their list fields).
"""
from __future__ import annotations

from typing import Any

import re

from edu71.bus.outbox import state_at
from edu71.store.versioned import load_many
from edu71.store.listing import Item, ScopeIndex, narrowest_scope
from identity.adapters.documents import User
from identity.domain.accounts import name_pattern, search_key

LISTS = ScopeIndex("user_lists", lambda: User._get_db())

FIELDS = ("name", "search", "role", "org_unit", "org_unit_name", "commune_code", "province_code", "active")


def scopes_of(user: dict[str, Any]) -> list[str]:
    scopes = [f"unit:{user['org_unit']}"]
    if user.get("commune_code"):
        scopes.append(f"commune:{user['commune_code']}")
    if user.get("province_code"):
        scopes.append(f"province:{user['province_code']}")
    return scopes


def matches(fields: dict, restriction: dict, text: str) -> bool:
    """Does a listed account match the list's filters and its search text (as the collection query would)?"""
    if any(fields.get(key) != value for key, value in restriction.items()):
        return False
    return not text or bool(re.search(re.escape(search_key(text)), fields.get("search") or "")
                            or re.search(name_pattern(text), fields.get("org_unit_name") or "")
                            or fields.get("org_unit") == text)


def fields_of(user: dict[str, Any]) -> dict[str, Any]:
    return {key: user.get(key) for key in FIELDS}


def record(user: User) -> None:
    """List ``user`` as its current version says, and take it out of the scopes its previous version was in."""
    state = user.to_mongo().to_dict()
    now = scopes_of(state)
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


def load_all(ids: list[str]) -> list[User]:
    return load_many(User, ids)


def backfill() -> int:
    """List every stored account its lists lack (or hold at an older version); how many entries it added."""
    wanted: dict[str, list] = {}
    for head in User._get_collection().find({}, {**{key: 1 for key in FIELDS}, "_v": 1}):
        for scope in scopes_of(head):
            wanted.setdefault(scope, []).append((head["_id"], head.get("_v", 0), fields_of(head)))
    return sum(LISTS.sync(scope, rows) for scope, rows in wanted.items())

"""Where accounts are kept: each change one version with its events, in the store or in memory for tests.

Both pass the same contract suite (tests/integration/test_repositories.py). The account list is not here:
it reads the store its own way (``Accounts.list_visible``).
"""
from __future__ import annotations

import copy
from typing import Any

from mongoengine import NotUniqueError

from edu71.auth import Role
from edu71.bus.outbox import load, save_with_events
from edu71.contracts import Event
from edu71.store.memory import InMemoryVersioned
from identity.adapters import lists
from identity.adapters.documents import User
from identity.domain.accounts import name_order


class UserExists(Exception):
    """An account with this id exists already."""


class Users:
    def get(self, user_id: str) -> User | None:
        return load(User, user_id)

    def save(self, user: User, *events: Event, expected_version: int | None = None) -> User:
        """Store the account's new state with its events, then list it in its unit's, commune's and province's
        lists (:mod:`identity.adapters.lists`); :class:`UserExists`, :class:`StaleDocument` if refused."""
        try:
            saved = save_with_events(user, *events, expected_version=expected_version)
        except NotUniqueError:
            raise UserExists(user.id) from None
        lists.record(saved)
        return saved

    def of_school(self, school_code: str) -> list[str]:
        """Ids of the accounts of one school, from its unit's list."""
        return [found.id for found in lists.items(f"unit:{school_code}")
                if found.fields.get("role") == Role.SCHOOL.value]


    def page(self, restriction: dict[str, Any], text: str, page: int, page_size: int) -> tuple[int, list[User]]:
        """How many accounts match ``restriction`` and ``text`` (a name, an e-mail or a unit's name or code) and one
        page of them in name order: from the narrowest list the restriction names, or, for an administrator's
        list naming no unit, from every province's list read together (:mod:`identity.adapters.lists`)."""
        scope = lists.scope_for(restriction)
        if scope is None:
            total, chosen = lists.nation_page(restriction, text, page, page_size, _in_name_order)
            return total, lists.load_all([item.id for item in chosen])
        wanted = lists.matcher(restriction, text)
        found = sorted((item for item in lists.items(scope) if wanted(item.fields)), key=_in_name_order)
        chosen = found[(page - 1) * page_size:page * page_size]
        return len(found), lists.load_all([item.id for item in chosen])


def _in_name_order(item: lists.Item):
    return name_order(item.fields.get("name") or "", item.id)


class InMemoryUsers(InMemoryVersioned[User]):
    def __init__(self):
        super().__init__(UserExists, key=lambda doc: doc.id)
        self.users = self.docs

    def of_school(self, school_code: str) -> list[str]:
        return [u.id for u in self.users.values() if u.role == Role.SCHOOL.value and u.org_unit == school_code]

    def page(self, restriction: dict[str, Any], text: str, page: int, page_size: int) -> tuple[int, list[User]]:
        found = sorted((u for u in self.users.values()
                        if lists.matches(lists.fields_of(u.to_mongo().to_dict()), restriction, text)),
                       key=lambda u: name_order(u.name or "", u.id))
        return len(found), [copy.deepcopy(u) for u in found[(page - 1) * page_size:page * page_size]]

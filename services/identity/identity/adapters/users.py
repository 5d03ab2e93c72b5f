"""Where accounts are kept: each change one version with its events, in the store or in memory for tests.

Both pass the same contract suite (tests/integration/test_repositories.py). The account list is not here:
it reads the store its own way (``Accounts.list_visible``).
"""
from __future__ import annotations

import copy

from mongoengine import NotUniqueError

from edu71.auth import Role
from edu71.bus.outbox import StaleDocument, load, save_with_events
from edu71.contracts import Event
from identity.adapters.documents import User


class UserExists(Exception):
    """An account with this id exists already."""


class Users:
    def get(self, user_id: str) -> User | None:
        return load(User, user_id)

    def save(self, user: User, *events: Event, expected_version: int | None = None) -> User:
        """Store the account's new state with its events; :class:`UserExists`, :class:`StaleDocument` if refused."""
        try:
            return save_with_events(user, *events, expected_version=expected_version)
        except NotUniqueError:
            raise UserExists(user.id) from None

    def of_school(self, school_code: str) -> list[str]:
        """Ids of the accounts of one school: a non-``_id`` filter, for a rare administrative change."""
        return [u.id for u in User.objects(role=Role.SCHOOL.value, org_unit=school_code).only("id")]


class InMemoryUsers:
    def __init__(self):
        self.users: dict[str, User] = {}
        #: The events each account's changes carried, in order.
        self.events: dict[str, list[Event]] = {}

    def get(self, user_id: str) -> User | None:
        found = self.users.get(user_id)
        return None if found is None else copy.deepcopy(found)

    def save(self, user: User, *events: Event, expected_version: int | None = None) -> User:
        user.validate()
        current = self.users.get(user.id)
        if user._created:
            if current is not None:
                raise UserExists(user.id)
            base = 0
        else:
            base = user.doc_version if expected_version is None else expected_version
            if current is None or current.doc_version != base:
                raise StaleDocument(f"user {user.id} is no longer at version {base}")
        user.doc_version, user._created = base + 1, False
        self.users[user.id] = copy.deepcopy(user)
        self.events.setdefault(user.id, []).extend(events)
        return user

    def of_school(self, school_code: str) -> list[str]:
        return [u.id for u in self.users.values() if u.role == Role.SCHOOL.value and u.org_unit == school_code]

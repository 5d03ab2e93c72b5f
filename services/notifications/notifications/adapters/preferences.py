"""Where each user's notification preferences are kept: in the store, or in memory for tests.

Both pass the same contract suite (tests/integration/test_repositories.py). Only the user writes their own
preferences, so the last write wins: a whole replacement by ``_id``, never an update operator.
"""
from __future__ import annotations

from datetime import datetime

from pymongo.errors import DuplicateKeyError

from notifications.adapters.documents import Preference
from notifications.domain.preferences import Preferences


class UserPreferences:
    def get(self, user_id: str) -> Preferences:
        """The user's preferences (the defaults when they never chose)."""
        doc = Preference.objects(id=user_id).first()
        return Preferences(frozenset(doc.email_off), frozenset(doc.muted)) if doc else Preferences()

    def put(self, user_id: str, preferences: Preferences, at: datetime) -> None:
        doc = Preference(id=user_id, email_off=sorted(preferences.email_off), muted=sorted(preferences.muted),
                         updated_at=at)
        doc.validate()
        coll = Preference._get_collection()
        try:
            coll.replace_one({"_id": user_id}, doc.to_mongo(), upsert=True)
        except DuplicateKeyError:  # the user's first two writes at once: both upserted, the loser replaces
            coll.replace_one({"_id": user_id}, doc.to_mongo())


class InMemoryUserPreferences:
    def __init__(self):
        self.preferences: dict[str, Preferences] = {}

    def get(self, user_id: str) -> Preferences:
        return self.preferences.get(user_id, Preferences())

    def put(self, user_id: str, preferences: Preferences, at: datetime) -> None:
        self.preferences[user_id] = preferences

"""Unique e-mail addresses, claimed by inserting a document whose ``_id`` is the normalised address.

An insert with a unique ``_id`` is the one write the store makes atomic
(:mod:`edu71.store`), so of two accounts claiming one address at once exactly
one gets it. The claim is taken before the account is written and released when
the account moves to another address.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

from mongoengine.connection import get_db
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

COLLECTION = "user_emails"
#: A claim whose account was never written (its writer died) is taken over after this long.
ORPHAN_AFTER = timedelta(minutes=1)


class EmailClaims:
    def __init__(self, alias: str = "identity"):
        self.alias = alias

    @property
    def coll(self) -> Collection:
        return get_db(self.alias)[COLLECTION]

    def owner(self, email_key: str) -> str | None:
        claim = self.coll.find_one({"_id": email_key}, {"user_id": 1})
        return claim["user_id"] if claim else None

    def claim(self, email_key: str, user_id: str, account_exists: Callable[[str], bool],
              now: datetime | None = None) -> bool:
        """Claim the address for ``user_id``; False when another account holds it."""
        now = now or datetime.now(timezone.utc)
        for _ in range(2):
            try:
                self.coll.insert_one({"_id": email_key, "user_id": user_id, "at": now})
                return True
            except DuplicateKeyError:
                held = self.coll.find_one({"_id": email_key}) or {}
                if held.get("user_id") == user_id:
                    return True
                at = held.get("at")
                if at is not None and at.tzinfo is None:
                    at = at.replace(tzinfo=timezone.utc)
                orphan = (held and not account_exists(held["user_id"])
                          and at is not None and now - at > ORPHAN_AFTER)
                if not orphan:
                    return False
                self.coll.delete_one({"_id": email_key, "user_id": held["user_id"]})
        return False

    def release(self, email_key: str, user_id: str) -> None:
        self.coll.delete_one({"_id": email_key, "user_id": user_id})


class InMemoryEmailClaims:
    """The claims kept in memory, for use-case tests: ``e-mail key → (user id, claimed at)``."""

    def __init__(self):
        self.claims: dict[str, tuple[str, datetime]] = {}

    def owner(self, email_key: str) -> str | None:
        held = self.claims.get(email_key)
        return held[0] if held else None

    def claim(self, email_key: str, user_id: str, account_exists: Callable[[str], bool],
              now: datetime | None = None) -> bool:
        now = now or datetime.now(timezone.utc)
        held = self.claims.get(email_key)
        if held is not None and held[0] != user_id:
            holder, at = held
            if account_exists(holder) or now - at <= ORPHAN_AFTER:
                return False
            held = None
        if held is None:
            self.claims[email_key] = (user_id, now)
        return True

    def release(self, email_key: str, user_id: str) -> None:
        if self.owner(email_key) == user_id:
            del self.claims[email_key]

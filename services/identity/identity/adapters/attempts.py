"""Failed sign-ins and the clients each account signed in from, recorded insert-only.

Failures: one document per failure, ``<key>|<minute>|<n>``.

Recording inserts the first free ``n`` of the current minute: a count kept by
updating one document would lose concurrent failures (the store's updates are
not atomic, see :mod:`edu71.store`), an insert with a unique ``_id`` cannot.
Counting probes ``n = 0, 1, …`` in each minute of the window. Both are
look-ups by ``_id`` only.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mongoengine.connection import get_db
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from identity.domain.lockout import BUCKET_SECONDS, bucket_of

COLLECTION = "signin_failures"
KNOWN_CLIENTS = "signin_known_clients"


class FailedSignIns:
    def __init__(self, alias: str = "identity", cap: int = 100):
        self.alias = alias
        #: More failures than this per key and minute are not recorded (the key is locked long before).
        self.cap = cap

    @property
    def coll(self) -> Collection:
        return get_db(self.alias)[COLLECTION]

    @staticmethod
    def _id(key: str, bucket: int, n: int) -> str:
        return f"{key}|{bucket}|{n}"

    def record(self, key: str, now: float) -> None:
        bucket = bucket_of(now)
        at = datetime.fromtimestamp(now, timezone.utc)
        for n in range(self.cap):
            try:
                self.coll.insert_one({"_id": self._id(key, bucket, n), "at": at})
                return
            except DuplicateKeyError:
                continue

    def counts(self, key: str, buckets: range, enough: int) -> dict[int, int]:
        """Failures per bucket; stops probing once ``enough`` are found (the key is locked anyway)."""
        found: dict[int, int] = {}
        total = 0
        for bucket in reversed(buckets):
            n = 0
            while total < enough and self.coll.find_one({"_id": self._id(key, bucket, n)}, {"_id": 1}):
                n += 1
                total += 1
            if n:
                found[bucket] = n
            if total >= enough:
                break
        return found

    def purge(self, older_than_seconds: int, now: float) -> int:
        """Forget failures that no longer count (the worker runs this now and then)."""
        cutoff = datetime.fromtimestamp(now, timezone.utc) - timedelta(seconds=older_than_seconds + BUCKET_SECONDS)
        return self.coll.delete_many({"at": {"$lt": cutoff}}).deleted_count


class KnownClients:
    """Clients an account has signed in from: ``<e-mail key>|<client>`` with the last success.

    Written whole by ``_id`` at each success (two racing successes write the
    same thing); a client stays known until ``keep_days`` pass without one.
    """

    def __init__(self, alias: str = "identity", keep_days: int = 90):
        self.alias = alias
        self.keep = timedelta(days=keep_days)

    @property
    def coll(self) -> Collection:
        return get_db(self.alias)[KNOWN_CLIENTS]

    def remember(self, email_key: str, client: str) -> None:
        key = f"{email_key}|{client}"
        try:
            self.coll.replace_one({"_id": key}, {"_id": key, "at": datetime.now(timezone.utc)}, upsert=True)
        except DuplicateKeyError:
            pass  # another success of the same client wrote it at the same moment

    def known(self, email_key: str, client: str) -> bool:
        return self.coll.find_one({"_id": f"{email_key}|{client}"}, {"_id": 1}) is not None

    def purge(self, now: float) -> int:
        cutoff = datetime.fromtimestamp(now, timezone.utc) - self.keep
        return self.coll.delete_many({"at": {"$lt": cutoff}}).deleted_count

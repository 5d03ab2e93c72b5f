"""Failed sign-ins and the clients each account signed in from, recorded insert-only (in memory for tests).

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

    def remember(self, email_key: str, client: str, now: float | None = None) -> None:
        key = f"{email_key}|{client}"
        at = datetime.now(timezone.utc) if now is None else datetime.fromtimestamp(now, timezone.utc)
        try:
            self.coll.replace_one({"_id": key}, {"_id": key, "at": at}, upsert=True)
        except DuplicateKeyError:
            pass  # another success of the same client wrote it at the same moment

    def known(self, email_key: str, client: str) -> bool:
        return self.coll.find_one({"_id": f"{email_key}|{client}"}, {"_id": 1}) is not None

    def purge(self, now: float) -> int:
        cutoff = datetime.fromtimestamp(now, timezone.utc) - self.keep
        return self.coll.delete_many({"at": {"$lt": cutoff}}).deleted_count


class InMemoryFailedSignIns:
    """The failures kept in memory, for use-case tests: the same counts, cap and purge as the store's."""

    def __init__(self, cap: int = 100):
        self.cap = cap
        #: ``(key, bucket)`` → the moments of its failures.
        self.failures: dict[tuple[str, int], list[float]] = {}

    def record(self, key: str, now: float) -> None:
        moments = self.failures.setdefault((key, bucket_of(now)), [])
        if len(moments) < self.cap:
            moments.append(now)

    def counts(self, key: str, buckets: range, enough: int) -> dict[int, int]:
        found: dict[int, int] = {}
        total = 0
        for bucket in reversed(buckets):
            n = min(len(self.failures.get((key, bucket), ())), enough - total)
            if n:
                found[bucket] = n
                total += n
            if total >= enough:
                break
        return found

    def purge(self, older_than_seconds: int, now: float) -> int:
        cutoff = now - older_than_seconds - BUCKET_SECONDS
        forgotten = 0
        for slot, moments in list(self.failures.items()):
            kept = [m for m in moments if m >= cutoff]
            forgotten += len(moments) - len(kept)
            if kept:
                self.failures[slot] = kept
            else:
                del self.failures[slot]
        return forgotten


class InMemoryKnownClients:
    def __init__(self, keep_days: int = 90):
        self.keep = timedelta(days=keep_days)
        self.last: dict[str, float] = {}

    def remember(self, email_key: str, client: str, now: float | None = None) -> None:
        self.last[f"{email_key}|{client}"] = datetime.now(timezone.utc).timestamp() if now is None else now

    def known(self, email_key: str, client: str) -> bool:
        return f"{email_key}|{client}" in self.last

    def purge(self, now: float) -> int:
        cutoff = now - self.keep.total_seconds()
        old = [key for key, at in self.last.items() if at < cutoff]
        for key in old:
            del self.last[key]
        return len(old)

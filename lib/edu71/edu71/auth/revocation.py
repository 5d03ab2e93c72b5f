"""Revoked access: which verified tokens are no longer honoured, in every service.

The identity service announces each revocation as an ``AccessRevoked`` event
(deactivation, a role or org-unit change, a sign-out, "sign out everywhere")
carrying the user's whole revocation state after the change: a cutoff
(``not_before``: tokens issued before it are refused) and the sessions signed
out one by one since that cutoff. Each service's worker keeps that state in its
own database, one document per user, read and written by ``_id`` only
(FerretDB decodes a whole collection for any other filter, and its update
operators are not atomic): :class:`RevocationProjection`. The user's events are
keyed by user id, so one consumer of the group writes a given user's document
at a time, and it keeps the highest version it has seen.

On every request, after the signature and expiry are checked,
:func:`edu71.auth.flask.current_principal` asks a :class:`RevocationLookup` for
the caller's state (one ``_id`` read, remembered for at most ``ttl`` seconds
per process) and refuses the token when :func:`is_revoked` says so. A token
without a session id (an external OIDC provider's) is judged by the cutoff of
its ``sub`` alone.

Most callers have no state at all, and reading that on every request cost a
store command per request. So each change of a state is also announced in a
*feed* (:class:`RevocationFeed`: entries numbered 1, 2, 3… by ``_id``, each an
insert, written after the state), and an API's lookup knows who has a state
(:class:`RevokedUsers`: the projection's ids read once, then the feed's new
entries). For anyone else it answers "nothing revoked" without a read, as long
as it read the feed less than ``ttl`` ago and no ring of the feed's doorbell
came since: a revocation is honoured at most ``ttl`` after its feed entry on
another host, at once on the worker's own host, as before.
"""
from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from mongoengine.connection import get_db
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from edu71.auth.principal import Principal
from edu71.contracts import Event
from edu71.store import doorbell

EVENT = "AccessRevoked"
COLLECTION = "access_revocations"
#: One entry per change of a user's state, numbered from 1 without gaps: :class:`RevocationFeed`.
FEED = "access_revocations_feed"


@dataclass(frozen=True)
class RevocationState:
    """What is revoked for one user: tokens issued (``iat``) before ``not_before``, and these sessions."""

    not_before: int = 0
    sessions: frozenset[str] = frozenset()


def cutoff_after(moment: float) -> int:
    """The cutoff that refuses every token issued at or before ``moment``.

    ``iat`` counts whole seconds, so a token issued during the second of the
    revocation carries that second; the cutoff is the next one. The issuer
    never dates a new token before the cutoff (see :func:`issue_time`).
    """
    return math.floor(moment) + 1


def issue_time(now: float, not_before: int) -> int:
    """The ``iat`` of a token issued at ``now`` for a user whose cutoff is ``not_before``: never before it."""
    return max(math.floor(now), not_before)


def is_revoked(principal: Principal, state: RevocationState | None) -> bool:
    if state is None:
        return False
    if principal.issued_at is None or principal.issued_at < state.not_before:
        return True
    return principal.session_id is not None and principal.session_id in state.sessions


def state_of_event(data: dict) -> RevocationState:
    """The state an ``AccessRevoked`` payload carries."""
    return RevocationState(epoch_seconds(data["not_before"]),
                           frozenset(s["session_id"] for s in data.get("revoked_sessions") or ()))


def epoch_seconds(stamp: str) -> int:
    """An RFC 3339 instant as whole seconds since the epoch (rounded up: a cutoff never moves earlier)."""
    return math.ceil(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp())


def _entry_id(number: int) -> str:
    return f"{number:012d}"


class RevocationFeed:
    """Whose revocation state changed, in order: entry ``n`` (``_id`` its number, from 1, without gaps) names
    the user of the n-th change.

    A writer inserts the number after the last it knows, and the next one when
    another writer took it (the unique ``_id`` decides), so numbers are never
    skipped; a reader reads the numbers after the last it saw, by ``_id``, until
    one is missing. Each entry is inserted after the state it announces is
    written, and rings the feed's doorbell.
    """

    def __init__(self, database: Callable[[], Database]):
        self._database = database
        #: The number this writer will try next, in the database it wrote to last.
        self._next: tuple[str, int] | None = None

    @property
    def coll(self):
        return self._database()[FEED]

    @property
    def bell(self) -> doorbell.Bell:
        return doorbell.bell(f"{self._database().name}/{FEED}")

    def _exists(self, number: int) -> bool:
        return self.coll.find_one({"_id": _entry_id(number)}, {"_id": 1}) is not None

    def last(self) -> int:
        """The number of the latest entry (0: none), in a few reads by ``_id``: doubling, then halving."""
        low, high = 0, 1
        while self._exists(high):
            low, high = high, high * 2
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if self._exists(middle) else (low, middle)
        return low

    def append(self, user_id: str) -> None:
        where = self._database().name
        number = self._next[1] if self._next and self._next[0] == where else self.last() + 1
        while True:
            try:
                self.coll.insert_one({"_id": _entry_id(number), "user_id": user_id, "at": datetime.now(timezone.utc)})
                break
            except DuplicateKeyError:
                number += 1
        self._next = (where, number + 1)
        self.bell.ring()

    def since(self, number: int) -> tuple[int, list[str]]:
        """The users named after entry ``number``, and the number of the last entry read."""
        users = []
        while (entry := self.coll.find_one({"_id": _entry_id(number + 1)})) is not None:
            users.append(entry["user_id"])
            number += 1
        return number, users


class RevocationProjection:
    """The revocation state of each user, kept from ``AccessRevoked`` in the consuming service's database."""

    def __init__(self, database: Callable[[], Database]):
        self._database = database
        self.feed = RevocationFeed(database)

    @classmethod
    def in_service_database(cls, alias: str) -> "RevocationProjection":
        """The projection in the database of the service's own connection (``alias`` = the service's name)."""
        return cls(lambda: get_db(alias))

    @property
    def coll(self):
        return self._database()[COLLECTION]

    def apply(self, event: Event) -> None:
        """Keep the state of the event unless a later version of the user's state is already kept.

        Insert first (atomic everywhere); otherwise a read and a replace by
        ``_id``: this consumer is the only writer of the user's document, since
        all the user's events are on one partition. Then the feed names the user,
        even when the state was kept already: a worker that died between the two
        writes announces it when the event comes again.
        """
        data = event.data
        state = state_of_event(data)
        doc = {"_id": data["user_id"], "v": int(data["version"]), "not_before": state.not_before,
               "sessions": sorted(state.sessions)}
        try:
            self.coll.insert_one(doc)
        except DuplicateKeyError:
            kept = self.coll.find_one({"_id": doc["_id"]}, {"v": 1})
            if kept is None or kept.get("v", 0) < doc["v"]:
                self.coll.replace_one({"_id": doc["_id"]}, doc, upsert=True)
        self.feed.append(doc["_id"])

    def users(self) -> set[str]:
        """Every user with a state (the whole collection's ids: read once by each API process)."""
        return {doc["_id"] for doc in self.coll.find({}, {"_id": 1})}

    def state(self, user_id: str) -> RevocationState | None:
        doc = self.coll.find_one({"_id": user_id})
        if doc is None:
            return None
        return RevocationState(int(doc.get("not_before", 0)), frozenset(doc.get("sessions") or ()))

    def handlers(self) -> dict[str, Callable[[Event], None]]:
        """For a worker's spec: the consumer keeps this projection."""
        return {EVENT: self.apply}


#: Reads a user's revocation state (``None``: nothing revoked).
StateReader = Callable[[str], RevocationState | None]


class RevokedUsers:
    """Who has a revocation state, as this process knows it less than ``ttl`` ago: the projection's ids read
    once, then followed through the feed (at most every ``ttl`` seconds, at once after a ring of its bell)."""

    def __init__(self, projection: RevocationProjection, ttl: float, monotonic: Callable[[], float] = time.monotonic):
        self.projection = projection
        self.ttl = ttl
        self._monotonic = monotonic
        self._lock = threading.Lock()
        #: The process and the feed's database this process's view is of (either may change: a fork, a new
        #: connection behind the alias).
        self._scope: tuple[int, str] | None = None
        self._listening: set[tuple[int, str]] = set()
        self._users: set[str] = set()
        self._position = 0
        self._checked = -math.inf
        self._heard = -1

    def current(self) -> tuple[set[str], list[str]]:
        """Every user with a state, and those whose state changed since the last call that read the feed."""
        feed = self.projection.feed
        bell = feed.bell
        with self._lock:
            scope = (os.getpid(), bell.key)
            if self._scope != scope:
                # First use in this process (a forked worker starts afresh): where the feed is, then who has a
                # state. In that order, a state written meanwhile is in the ids or after that entry, or both.
                if scope not in self._listening:
                    bell.listening().__enter__()  # for the process's lifetime
                    self._listening.add(scope)
                heard, started = bell.rung, self._monotonic()
                position = feed.last()
                self._users, self._position = self.projection.users(), position
                self._scope, self._checked, self._heard = scope, started, heard
                return self._users, []
            if bell.rung == self._heard and self._monotonic() - self._checked < self.ttl:
                return self._users, []
            # Read before the feed: a ring or the clock during the read makes the next call read it again.
            heard, started = bell.rung, self._monotonic()
            self._position, changed = feed.since(self._position)
            self._users.update(changed)
            self._checked, self._heard = started, heard
            return self._users, changed


class RevocationLookup:
    """A user's revocation state, remembered per process for at most ``ttl`` seconds.

    The short memory bounds the reads to one per user and second under load,
    and delays a revocation by no more than ``ttl`` beyond the event's arrival.
    With ``revoked`` (who has a state at all), a user without one costs no read.
    """

    def __init__(self, read: StateReader, ttl: float = 1.0, max_entries: int = 10_000, *,
                 revoked: RevokedUsers | None = None):
        self._read = read
        self.ttl = ttl
        self.max_entries = max_entries
        self._revoked = revoked
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[float, RevocationState | None]] = {}

    def state(self, user_id: str) -> RevocationState | None:
        if self._revoked is not None:
            users, changed = self._revoked.current()
            if changed:
                with self._lock:
                    for user in changed:
                        self._memory.pop(user, None)
            if user_id not in users:
                return None
        now = time.monotonic()
        with self._lock:
            remembered = self._memory.get(user_id)
        if remembered is not None and now - remembered[0] < self.ttl:
            return remembered[1]
        state = self._read(user_id)
        with self._lock:
            if len(self._memory) >= self.max_entries:
                self._forget_older_than(now - self.ttl)
            self._memory[user_id] = (now, state)
        return state

    def _forget_older_than(self, moment: float) -> None:
        for key in [k for k, (at, _) in self._memory.items() if at < moment]:
            del self._memory[key]
        if len(self._memory) >= self.max_entries:
            self._memory.clear()

    def revoked(self, principal: Principal) -> bool:
        return is_revoked(principal, self.state(principal.user_id))


def stored_lookup(alias: str, ttl: float = 1.0) -> RevocationLookup:
    """The lookup an API uses: the projection its own worker keeps in the service's database."""
    projection = RevocationProjection.in_service_database(alias)
    return RevocationLookup(projection.state, ttl, revoked=RevokedUsers(projection, ttl))

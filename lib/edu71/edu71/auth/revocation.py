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
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from mongoengine.connection import get_db
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from edu71.auth.principal import Principal
from edu71.contracts import Event

EVENT = "AccessRevoked"
COLLECTION = "access_revocations"


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


class RevocationProjection:
    """The revocation state of each user, kept from ``AccessRevoked`` in the consuming service's database."""

    def __init__(self, database: Callable[[], Database]):
        self._database = database

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
        all the user's events are on one partition.
        """
        data = event.data
        state = state_of_event(data)
        doc = {"_id": data["user_id"], "v": int(data["version"]), "not_before": state.not_before,
               "sessions": sorted(state.sessions)}
        try:
            self.coll.insert_one(doc)
            return
        except DuplicateKeyError:
            pass
        kept = self.coll.find_one({"_id": doc["_id"]}, {"v": 1})
        if kept is None or kept.get("v", 0) < doc["v"]:
            self.coll.replace_one({"_id": doc["_id"]}, doc, upsert=True)

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


class RevocationLookup:
    """A user's revocation state, remembered per process for at most ``ttl`` seconds.

    The short memory bounds the reads to one per user and second under load,
    and delays a revocation by no more than ``ttl`` beyond the event's arrival.
    """

    def __init__(self, read: StateReader, ttl: float = 1.0, max_entries: int = 10_000):
        self._read = read
        self.ttl = ttl
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[float, RevocationState | None]] = {}

    def state(self, user_id: str) -> RevocationState | None:
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
    return RevocationLookup(RevocationProjection.in_service_database(alias).state, ttl)

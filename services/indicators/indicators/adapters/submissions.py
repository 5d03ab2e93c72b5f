"""Where submissions are kept: the head (current values), the change log (the audit trail) and the keys.

:class:`Submissions` keeps them in the store (edu71.store.versioned: each change is one inserted change
document carrying the state as of that change and its events); :class:`InMemorySubmissions` keeps them
in a dict for the use-case tests. Both pass the same contract suite (tests/integration/test_repositories.py).

Shapes written before the audit trail moved to the change log (a head embedding ``history``,
``idempotency`` and ``approvals``) are read too: :func:`trail_of` takes each change's revisions and
approvals from either shape, :meth:`Submissions.get` fills the head's ``last_revision`` and
``last_approval`` from the embedded lists, and embedded idempotency keys are copied to where they are
now looked up: by :meth:`Submissions.copy_legacy_keys` (run once by the worker on start) and, should
the API replace such a head first, by :meth:`Submissions.save` just before it does.
"""
from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from mongoengine import NotUniqueError
from pymongo.errors import DuplicateKeyError

from edu71.bus.outbox import StaleDocument, save_with_events, state_at
from edu71.contracts import Event
from indicators.adapters.documents import Submission

#: One document per (submission, Idempotency-Key) of a revision no longer current: ``<submission_id>:<key>``.
KEYS = "submission_keys"
#: How many changes' states a process keeps for the trails it reads (a few kilobytes each).
CACHED_STATES = 4096
#: Fields of heads written before the audit trail moved to the change log.
LEGACY = ("history", "idempotency", "approvals")


class SubmissionExists(Exception):
    """A first submission was written, but the school had submitted already (the general path decides)."""


@dataclass(frozen=True)
class KeyRecord:
    """An Idempotency-Key already answered: a digest of what was sent and the revision it produced."""

    fingerprint: str
    revision: int


@dataclass(frozen=True)
class Trail:
    """A submission's audit trail, oldest first: every revision's record and every approval action."""

    revisions: list[dict[str, Any]] = field(default_factory=list)
    approvals: list[dict[str, Any]] = field(default_factory=list)


def _revision(entry: dict[str, Any]) -> dict[str, Any]:
    """A revision's audit record as the API shows it, whichever shape stored it."""
    return {
        "warnings": [dict(w) for w in entry.get("warnings") or []],
        "revision": entry["revision"],
        "submitted_at": entry["submitted_at"],
        "submitted_by": dict(entry["submitted_by"]),
        "late": entry["late"],
        "idempotency_key": entry.get("idempotency_key"),
        "changes": [{"indicator_code": c["indicator_code"], "old": dict(c.get("old") or {}) or None,
                     "new": dict(c["new"])} for c in entry.get("changes") or []],
        "explanations": dict(entry.get("explanations") or {}),
    }


def trail_of(states: Iterable[dict[str, Any]]) -> Trail:
    """The trail from the states of a submission's changes, oldest first.

    A state of today's shape names the revision and the approval current at that change; one of the
    earlier shape lists every one so far. Either way an entry is known by its number, so the many
    changes repeating it (an approval does not make a revision) count it once.
    """
    revisions: dict[int, dict[str, Any]] = {}
    approvals: dict[int, dict[str, Any]] = {}
    for state in states:
        for entry in [*(state.get("history") or []), *([state["last_revision"]] if state.get("last_revision")
                                                       else [])]:
            revisions.setdefault(entry["revision"], _revision(entry))
        for entry in [*(state.get("approvals") or []), *([state["last_approval"]] if state.get("last_approval")
                                                        else [])]:
            approvals.setdefault(entry["seq"], dict(entry))
    return Trail([revisions[n] for n in sorted(revisions)], [approvals[n] for n in sorted(approvals)])


def _current_shape(head: dict[str, Any]) -> dict[str, Any]:
    """A head of the earlier shape with its latest revision and approval where today's shape keeps them."""
    if head.get("history") and not head.get("last_revision"):
        head["last_revision"] = head["history"][-1]
    if head.get("approvals") and not head.get("last_approval"):
        head["last_approval"] = head["approvals"][-1]
    for name in LEGACY:
        head.pop(name, None)
    return head


def _loaded(head: dict[str, Any]) -> Submission:
    legacy_keys = head.get("idempotency") or []
    sub = Submission._from_son(_current_shape(head))
    sub._created = False
    if legacy_keys:
        # Kept beside the document (not a field of it) until the next save copies them out.
        object.__setattr__(sub, "_legacy_keys", legacy_keys)
    return sub


class Submissions:
    """Submissions in the store. Every read here is by ``_id`` except the two lists a person opens.

    A change never changes once written, so the states the trail reads are kept (the latest
    :data:`CACHED_STATES` of them) and a report opened again reads only its newer changes.
    """

    def __init__(self):
        self._states: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def _state(self, submission_id: str, version: int) -> dict[str, Any]:
        key = f"{submission_id}:{version}"
        with self._lock:
            state = self._states.get(key)
            if state is not None:
                self._states.move_to_end(key)
                return state
        state = state_at(Submission, submission_id, version)
        if state is None:
            return {}  # not written: a head's version implies its earlier changes, unless removed by hand
        with self._lock:
            self._states[key] = state
            while len(self._states) > CACHED_STATES:
                self._states.popitem(last=False)
        return state

    def get(self, submission_id: str) -> Submission | None:
        head = Submission._get_collection().find_one({"_id": submission_id})
        return None if head is None else _loaded(head)

    def save(self, sub: Submission, *events: Event, expected_version: int | None = None) -> Submission:
        """Store ``sub``'s new state with its events (one insert); a new one becomes version 1.

        Raises :class:`SubmissionExists` when a new one finds one there, :class:`StaleDocument` when
        the submission changed since ``expected_version`` (default: the version it was read at).
        """
        # A head of the earlier shape is about to be replaced: its keys go where they are looked up first.
        for record in sub.__dict__.get("_legacy_keys", ()):
            self.remember_key(sub.id, record["key"], record["fingerprint"], record["revision"], record["seen_at"])
        try:
            return save_with_events(sub, *events, expected_version=expected_version)
        except NotUniqueError:
            raise SubmissionExists(sub.id) from None

    def trail(self, sub: Submission) -> Trail:
        """The audit trail: the earlier changes read by ``_id``, the current one from ``sub`` itself."""
        states = [self._state(sub.id, version) for version in range(1, sub.doc_version)]
        return trail_of([*states, sub.to_mongo().to_dict()])

    def key(self, submission_id: str, key: str) -> KeyRecord | None:
        found = Submission._get_db()[KEYS].find_one({"_id": f"{submission_id}:{key}"})
        return None if found is None else KeyRecord(found["fingerprint"], found["revision"])

    def remember_key(self, submission_id: str, key: str, fingerprint: str, revision: int, at: datetime) -> None:
        """Note that ``key`` was answered with ``revision``.

        The head's ``last_revision`` answers for its own key (a first submission writes nothing more);
        the use case notes a key here just before a later revision replaces it in the head, so a key is
        never in neither place.
        """
        try:
            Submission._get_db()[KEYS].insert_one({"_id": f"{submission_id}:{key}", "fingerprint": fingerprint,
                                                   "revision": revision, "at": at})
        except DuplicateKeyError:
            pass  # noted already (a replay racing its original): the first note stands

    def in_commune(self, round_id: str, commune_code: str, levels: Iterable[str] | None = None
                   ) -> list[Submission]:
        """A commune's submissions in a round (optionally of some levels), by school name."""
        query: dict[str, Any] = {"round_id": round_id, "commune_code": commune_code}
        if levels is not None:
            query["school_level"] = {"$in": list(levels)}
        return [_loaded(head) for head in Submission._get_collection().find(query).sort("school_name", 1)]

    def of_school(self, school_code: str) -> list[Submission]:
        """A school's submissions in every round."""
        return [_loaded(head) for head in Submission._get_collection().find({"school_code": school_code})]

    def copy_legacy_keys(self) -> int:
        """Copy the keys heads of the earlier shape embed to where they are looked up; returns how many.

        Run once by the worker on start; copying twice changes nothing (each key is one insert by ``_id``).
        """
        copied = 0
        for head in Submission._get_collection().find({"idempotency.0": {"$exists": True}},
                                                      {"idempotency": 1}):
            for record in head["idempotency"]:
                before = self.key(head["_id"], record["key"])
                self.remember_key(head["_id"], record["key"], record["fingerprint"], record["revision"],
                                  record["seen_at"])
                copied += before is None
        return copied


class InMemorySubmissions:
    """Submissions in a dict, for use-case tests: the same contract as :class:`Submissions`, no I/O."""

    def __init__(self):
        self.changes: dict[str, list[dict[str, Any]]] = {}
        self.events: dict[str, list[Event]] = {}
        self.keys: dict[str, KeyRecord] = {}

    def get(self, submission_id: str) -> Submission | None:
        states = self.changes.get(submission_id)
        if not states:
            return None
        sub = _loaded(copy.deepcopy(states[-1]))
        sub.doc_version = len(states)
        return sub

    def save(self, sub: Submission, *events: Event, expected_version: int | None = None) -> Submission:
        sub.validate()
        new = sub._created
        base = 0 if new else (sub.doc_version if expected_version is None else expected_version)
        states = self.changes.setdefault(sub.id, [])
        if len(states) != base:
            if new:
                raise SubmissionExists(sub.id)
            raise StaleDocument(f"submission {sub.id} is no longer at version {base}")
        state = copy.deepcopy(sub.to_mongo().to_dict())
        state.pop("_v", None)
        states.append(state)
        self.events.setdefault(sub.id, []).extend(events)
        sub.doc_version, sub._created = base + 1, False
        return sub

    def trail(self, sub: Submission) -> Trail:
        return trail_of([*self.changes.get(sub.id, [])[:sub.doc_version - 1], sub.to_mongo().to_dict()])

    def key(self, submission_id: str, key: str) -> KeyRecord | None:
        return self.keys.get(f"{submission_id}:{key}")

    def remember_key(self, submission_id: str, key: str, fingerprint: str, revision: int, at: datetime) -> None:
        self.keys.setdefault(f"{submission_id}:{key}", KeyRecord(fingerprint, revision))

    def _heads(self) -> list[Submission]:
        return [self.get(pk) for pk in self.changes]

    def in_commune(self, round_id: str, commune_code: str, levels: Iterable[str] | None = None
                   ) -> list[Submission]:
        wanted = None if levels is None else set(levels)
        return sorted((s for s in self._heads() if s.round_id == round_id and s.commune_code == commune_code
                       and (wanted is None or s.school_level in wanted)), key=lambda s: s.school_name)

    def of_school(self, school_code: str) -> list[Submission]:
        return [s for s in self._heads() if s.school_code == school_code]

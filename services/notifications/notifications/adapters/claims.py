"""Where the claims of reminders and digests are kept: in the store, or in memory for tests.

Both pass the same contract suite (tests/integration/test_repositories.py). A claim is a versioned document
inserted once, whose ``_id`` names what it claims — a deadline reminder (round, school, kind, deadline), a
reminder asked for by hand (round, school, day), a province's digest of a day — so of several processes trying
at once exactly one inserts it (the store's one atomic write) and acts; a claim may carry the event it causes,
in the same insert.
"""
from __future__ import annotations

import copy
from datetime import datetime

from mongoengine import NotUniqueError

from edu71.bus.outbox import VersionedDocument, load, save_with_events
from edu71.contracts import Event
from notifications.adapters.documents import DeadlineReminder, DigestRun


class Claims:
    def claim(self, claim: VersionedDocument, *events: Event) -> bool:
        """Insert ``claim`` (a :class:`DeadlineReminder`, :class:`RoundReminder` or :class:`DigestRun`) with its
        events; whether this call won it."""
        try:
            save_with_events(claim, *events)
        except NotUniqueError:
            return False
        return True

    def deadline_claims(self, round_id: str, kind: str, due_at: datetime) -> set[str]:
        """The schools whose reminder of this kind for this deadline of the round is claimed."""
        return {c.school_code for c in DeadlineReminder.objects(round_id=round_id, kind=kind)
                if c.due_at == due_at}

    def digest_run(self, run_id: str) -> DigestRun | None:
        return load(DigestRun, run_id)


class InMemoryClaims:
    def __init__(self):
        #: Each claim won, by (class name, id), with the events it carried.
        self.claims: dict[tuple[str, str], tuple[VersionedDocument, tuple[Event, ...]]] = {}

    def claim(self, claim: VersionedDocument, *events: Event) -> bool:
        claim.validate()
        key = (type(claim).__name__, claim.pk)
        if key in self.claims:
            return False
        claim.doc_version, claim._created = 1, False
        self.claims[key] = (copy.deepcopy(claim), events)
        return True

    def _of(self, cls: type) -> list:
        return [copy.deepcopy(doc) for (name, _), (doc, _) in self.claims.items() if name == cls.__name__]

    def deadline_claims(self, round_id: str, kind: str, due_at: datetime) -> set[str]:
        return {c.school_code for c in self._of(DeadlineReminder)
                if c.round_id == round_id and c.kind == kind and c.due_at == due_at}

    def digest_run(self, run_id: str) -> DigestRun | None:
        held = self.claims.get((DigestRun.__name__, run_id))
        return None if held is None else copy.deepcopy(held[0])

    def events(self) -> list[Event]:
        """Every event the claims carried, in the order they were won."""
        return [e for _, events in self.claims.values() for e in events]


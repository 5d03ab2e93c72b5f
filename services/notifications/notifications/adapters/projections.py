"""Where the service keeps its copies of other services' records: in the store, or in memory for tests.

Both pass the same contract suite (tests/integration/test_repositories.py).

- Directory users and schools, catalogue thresholds, rounds: each event carries the whole record and a
  revision (its version, or for rounds when the event happened); the highest revision wins whatever the order
  of delivery and however many consumers write at once (:func:`edu71.projections.keep_latest`, an insert per
  accepted revision, :class:`edu71.store.projection.Latest`).
- Submissions: inserted once per (round, school); a revision implies a submission too.

Collections read by another field than ``_id`` (users of a unit, schools of a province, submissions of a round)
stay small: a province's directory, a round's schools.
"""
from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any, Callable

from mongoengine import Document, NotUniqueError

from edu71.projections import keep_latest
from notifications.adapters.documents import Catalogue, DirectorySchool, DirectoryUser, KnownRound, RoundSubmission
from notifications.domain.deadlines import Round


def _round(doc: KnownRound) -> Round:
    return Round(doc.id, doc.name, doc.province_code, frozenset(doc.school_levels), doc.opens_at, doc.due_at,
                 doc.closes_at)


def _comparable(revision: Any) -> Any:
    if isinstance(revision, datetime) and revision.tzinfo is None:
        return revision.replace(tzinfo=timezone.utc)
    return revision


class _InMemoryLatest:
    """Per key, the document of the highest revision (``revision`` names the field)."""

    def __init__(self, revision: str):
        self.revision = revision
        self.docs: dict[str, Document] = {}

    def keep(self, doc: Document) -> bool:
        doc.validate()
        held = self.docs.get(str(doc.pk))
        if held is not None and (_comparable(getattr(held, self.revision))
                                 >= _comparable(getattr(doc, self.revision))):
            return False
        self.docs[str(doc.pk)] = copy.deepcopy(doc)
        return True

    def where(self, test: Callable[[Document], bool]) -> list[Document]:
        return [copy.deepcopy(d) for d in self.docs.values() if test(d)]


class DirectoryUsers:
    def keep(self, user: DirectoryUser) -> bool:
        """Store the user unless an equal or higher version is held; whether it was stored."""
        return keep_latest(user)

    def active_of(self, org_unit: str, role: str) -> list[DirectoryUser]:
        """The active users of a unit in a role (who receive its e-mail)."""
        return list(DirectoryUser.objects(org_unit=org_unit, role=role, active=True))


class InMemoryDirectoryUsers(_InMemoryLatest):
    def __init__(self):
        super().__init__("version")

    def active_of(self, org_unit: str, role: str) -> list[DirectoryUser]:
        return self.where(lambda u: u.org_unit == org_unit and u.role == role and u.active)


class Schools:
    def keep(self, school: DirectorySchool) -> bool:
        return keep_latest(school)

    def active(self, province_code: str | None = None) -> list[dict[str, str]]:
        """The active schools (of one province if given), as the contracts' ``School`` object."""
        query = DirectorySchool.objects(active=True) if province_code is None else \
            DirectorySchool.objects(province_code=province_code, active=True)
        return [s.as_contract() for s in query]


class InMemorySchools(_InMemoryLatest):
    def __init__(self):
        super().__init__("version")

    def active(self, province_code: str | None = None) -> list[dict[str, str]]:
        return [s.as_contract() for s in self.where(
            lambda s: s.active and province_code in (None, s.province_code))]


class Catalogues:
    def keep(self, catalogue: Catalogue) -> bool:
        return keep_latest(catalogue)

    def thresholds(self, province_code: str) -> dict[str, dict[str, Any]]:
        """The alert thresholds of the province's latest catalogue (none: empty)."""
        doc = Catalogue.objects(id=province_code).first()
        return dict(doc.thresholds) if doc else {}


class InMemoryCatalogues(_InMemoryLatest):
    def __init__(self):
        super().__init__("version")

    def thresholds(self, province_code: str) -> dict[str, dict[str, Any]]:
        doc = self.docs.get(province_code)
        return copy.deepcopy(dict(doc.thresholds)) if doc else {}


class Rounds:
    def keep(self, rnd: KnownRound) -> bool:
        """Store the round unless the event held happened at the same time or later."""
        return keep_latest(rnd, "event_time")

    def get(self, round_id: str) -> Round | None:
        doc = KnownRound.objects(id=round_id).first()
        return None if doc is None else _round(doc)

    def every(self) -> list[Round]:
        return [_round(doc) for doc in KnownRound.objects]


class InMemoryRounds(_InMemoryLatest):
    def __init__(self):
        super().__init__("event_time")

    def get(self, round_id: str) -> Round | None:
        doc = self.docs.get(round_id)
        return None if doc is None else _round(doc)

    def every(self) -> list[Round]:
        return [_round(doc) for doc in self.docs.values()]


class Submissions:
    def add(self, submission: RoundSubmission) -> bool:
        """Note that the school submitted for the round; whether it is new."""
        try:
            submission.save(force_insert=True)
        except NotUniqueError:
            return False
        return True

    def has(self, round_id: str, school_code: str) -> bool:
        return RoundSubmission.objects(id=f"{round_id}:{school_code}").first() is not None

    def schools_of(self, round_id: str) -> set[str]:
        """The codes of the schools that submitted for the round."""
        return {s.school_code for s in RoundSubmission.objects(round_id=round_id)}


class InMemorySubmissions:
    def __init__(self):
        self.submissions: dict[str, RoundSubmission] = {}

    def add(self, submission: RoundSubmission) -> bool:
        submission.validate()
        if submission.id in self.submissions:
            return False
        self.submissions[submission.id] = copy.deepcopy(submission)
        return True

    def has(self, round_id: str, school_code: str) -> bool:
        return f"{round_id}:{school_code}" in self.submissions

    def schools_of(self, round_id: str) -> set[str]:
        return {s.school_code for s in self.submissions.values() if s.round_id == round_id}

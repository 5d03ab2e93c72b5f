"""Rounds and submissions as stored; each change is stored as a version carrying its events (edu71.bus.outbox)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mongoengine import BinaryField, BooleanField, DateTimeField, DictField, IntField, ListField, StringField
from mongoengine.base import BaseField

from edu71 import projections
from edu71.bus.outbox import VersionedDocument, state_at
from edu71.orgs import SchoolLevel
from edu71.store import blob
from indicators.domain.clock import as_utc, utc_now
from indicators.domain.rounds import Phase, RoundStatus, phase

LEVELS = [lv.value for lv in SchoolLevel]


_ROUND_NAMESPACE = uuid.UUID("6f1c1b1e-71a0-4c59-9a3e-0e7100000071")


def round_id_for(province_code: str, school_year: str, name: str) -> str:
    """One round per name, province and school year: a second "Sơ kết học kỳ I" is a double click.

    The id is derived from them, so the second insert collides with the first
    (an insert with a unique key is atomic on every store; a unique index on
    the head document would not be checked in the same write).
    """
    key = f"{province_code}|{school_year}|{' '.join(name.split()).casefold()}"
    return str(uuid.uuid5(_ROUND_NAMESPACE, key))


class ProvinceCatalogue(VersionedDocument):
    """A province's indicator catalogue; its document version *is* the catalogue version.

    Each version is one inserted change (``catalogues_changes/<province>:<version>``)
    carrying the whole catalogue and its CataloguePublished event, so a version,
    once published, is never rewritten, and two processes publishing version 1
    collide on the change's ``_id``: there is exactly one.
    """

    meta = {"collection": "catalogues", "db_alias": "indicators"}

    #: The province code.
    id = StringField(primary_key=True)
    indicators = ListField(DictField(), required=True)
    published_at = DateTimeField(required=True)
    #: Who made the change (absent for version 1, which the service publishes itself).
    published_by = DictField()
    #: What the version changed: {"kind": initial|added|changed, "indicator_code", "fields"}.
    change = DictField(required=True)


def catalogue_version_state(province_code: str, version: int) -> dict[str, Any] | None:
    """The stored state of one catalogue version (an ``_id`` lookup), or ``None``."""
    return state_at(ProvinceCatalogue, province_code, version)


class _Timetable:
    """The phase of a round with ``opens_at``, ``due_at`` and ``closes_at`` (a :class:`Round` or its view)."""

    def phase_at(self, now: datetime) -> Phase:
        return phase(as_utc(self.opens_at), as_utc(self.due_at), as_utc(self.closes_at), now)


class Round(_Timetable, VersionedDocument):
    """A reporting round (đợt báo cáo) opened by the city for its province."""

    meta = {
        "collection": "rounds",
        "db_alias": "indicators",
        "indexes": [
            "province_code",
        ],
    }

    id = StringField(primary_key=True, default=lambda: str(uuid.uuid4()))
    name = StringField(required=True)
    province_code = StringField(required=True)
    school_year = StringField(required=True)
    school_levels = ListField(StringField(choices=LEVELS), required=True)
    indicator_codes = ListField(StringField(), required=True)
    catalogue_version = IntField(required=True)
    opens_at = DateTimeField(required=True)
    due_at = DateTimeField(required=True)
    closes_at = DateTimeField(required=True)
    status = StringField(required=True, default=RoundStatus.OPEN.value, choices=[s.value for s in RoundStatus])
    opened_by = DictField(required=True)
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)


@dataclass(frozen=True)
class RoundView(_Timetable):
    """A round as the submissions read it on every request: built once from the stored mapping and shared by
    every request of the process, so nothing in it can change (tuples, a frozen dataclass).

    mongoengine built a :class:`Round` from the kept mapping on every submission (about 100 µs of its
    CPU, each read of a list field then walking it again for references); this is built once per read
    of the store.
    """

    id: str
    province_code: str
    school_levels: tuple[str, ...]
    indicator_codes: tuple[str, ...]
    catalogue_version: int
    opens_at: datetime
    due_at: datetime
    closes_at: datetime
    doc_version: int

    @classmethod
    def of(cls, stored: dict[str, Any]) -> RoundView:
        """The view of a round's stored head (or of ``Round.to_mongo()``)."""
        return cls(id=stored["_id"], province_code=stored["province_code"],
                   school_levels=tuple(stored["school_levels"]), indicator_codes=tuple(stored["indicator_codes"]),
                   catalogue_version=stored["catalogue_version"], opens_at=stored["opens_at"],
                   due_at=stored["due_at"], closes_at=stored["closes_at"], doc_version=stored.get("_v", 0))


class Plain(BaseField):
    """Mappings and lists stored and read as they are, for what the domain built and checked already.

    mongoengine's ``ListField(DictField())`` converts, validates and wraps every mapping key by key on each
    read and write; a submission's values and audit record are always replaced whole, never changed in
    place, so none of that is needed. A head stores them as blobs (``VersionedDocument.head_blobs``), read
    back here; a change's state, and a head written before, hold them as they are.
    """

    #: Stored as it is, unchecked (``VersionedDocument.stored``).
    stored_as_is = True

    def to_mongo(self, value):
        return value

    def to_python(self, value):
        return blob.unpack(value) if isinstance(value, bytes) else value


class Submission(VersionedDocument):
    """A school's values in one round (one document per round and school): the current state only.

    The audit trail is the change log: each change document (``submissions_changes``) holds the state as
    of that change, and the state carries the audit record of the revision it made (``last_revision``)
    and the approval action it recorded (``last_approval``), so reading the changes in order gives every
    revision and every approval, and no document grows with the number of earlier ones. Heads written
    before (with embedded ``history``, ``idempotency`` and ``approvals`` lists) still read: mongoengine
    ignores those fields (``strict: False``), the changes' states keep them (adapters.submissions reads
    both shapes) and the worker copies their idempotency keys out once on start.
    """

    meta = {
        "collection": "submissions",
        "db_alias": "indicators",
        "indexes": ["round_id", "school_code", "commune_code", "province_code"],
        "strict": False,
    }
    #: No query looks inside them (the lists filter on the school's and the round's fields only).
    head_blobs = ("values", "submitted_by", "last_revision", "open_warnings", "explanations", "last_approval",
                  "approved_values", "confirmed_values", "flags")

    #: Derived from round and school (``domain.submissions.submission_id``).
    id = StringField(primary_key=True)
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    school_name = StringField(required=True)
    school_level = StringField(required=True, choices=LEVELS)
    commune_code = StringField(required=True)
    province_code = StringField(required=True)
    #: The current values, shaped as the contracts' ``IndicatorValue`` (checked by domain.validation).
    values = Plain(default=list)
    revision = IntField(default=0)
    #: Whether the current revision came after the round's due_at (as in the events).
    late = BooleanField(default=False)
    submitted_at = DateTimeField()
    submitted_by = Plain(default=dict)
    first_submitted_at = DateTimeField()
    #: The audit record of the current revision: {revision, submitted_at, submitted_by, late, idempotency_key,
    #: changes, warnings, explanations}; earlier ones are in the earlier changes' states.
    last_revision = Plain(default=dict)
    #: Every warning the current values raise (previous round, own earlier revision, peers, checks).
    open_warnings = Plain(default=list)
    #: The school's explanation of a warned value, by indicator code: {text, by, at, revision}.
    explanations = Plain(default=dict)
    #: Approval stage (domain.approval.Stage); a report written before approval existed reads as draft.
    stage = StringField(default="draft")
    #: The latest approval action: {seq, action, stage, previous_stage, by, at, revision, comment,
    #: value_comments, reason, changes}; ``seq`` counts them, earlier ones are in the earlier changes' states.
    last_approval = Plain(default=dict)
    #: The values as last confirmed or accepted (what a reopened report is compared with).
    approved_values = Plain(null=True)
    #: The values as last confirmed by the commune (what bulk confirmation compares with).
    confirmed_values = Plain(null=True)
    #: Follow-up flags on values: {id, indicator_code, note, by, at, status, answers, closed_by, closed_at}.
    flags = Plain(default=list)

    def school_contract(self) -> dict[str, str]:
        return {
            "code": self.school_code,
            "name": self.school_name,
            "commune_code": self.commune_code,
            "province_code": self.province_code,
            "level": self.school_level,
        }

    def value_dicts(self) -> list[dict[str, Any]]:
        return [dict(v) for v in self.values]

    def indicator_codes(self) -> set[str]:
        return {v["indicator_code"] for v in self.values}

    def approval_count(self) -> int:
        return (self.last_approval or {}).get("seq", 0)


class PeerStatistics(VersionedDocument):
    """What is usual among the schools of one level in a round (domain.peers), read by ``_id`` when flagging.

    One document per round and level (a round belongs to one province), each refresh a new version.
    """

    meta = {"collection": "peer_statistics", "db_alias": "indicators"}

    #: ``<round_id>:<level>``.
    id = StringField(primary_key=True)
    #: By indicator code: {n, median, mad, mean_ad}.
    stats = DictField()
    submissions = IntField(default=0)
    computed_at = DateTimeField()

    @staticmethod
    def key(round_id: str, level: str) -> str:
        return f"{round_id}:{level}"


class PeerIndex(VersionedDocument):
    """The figures of some schools of one level in one round (domain.peers.bucket_of), kept for the statistics.

    One ``{"school_code", "revision", "figures": {code: number}}`` per school; a later revision
    replaces an earlier one, an earlier one arriving late changes nothing. The list is only ever read and
    written whole, so it is stored as one blob (:mod:`edu71.store.blob`, which says why).
    """

    meta = {"collection": "peer_index", "db_alias": "indicators"}

    #: ``<round_id>:<level>:<bucket>``.
    id = StringField(primary_key=True)
    packed = BinaryField()

    @staticmethod
    def key(round_id: str, level: str, bucket: int) -> str:
        return f"{round_id}:{level}:{bucket}"

    @property
    def schools(self) -> list[dict[str, Any]]:
        return blob.decode(self.packed)["s"] if self.packed else []

    @schools.setter
    def schools(self, value: list[dict[str, Any]]) -> None:
        self.packed = blob.encode({"s": value})


class KnownSchool(projections.DirectorySchool):
    """What a commune or the city needs to prepare a school's form before it submitted: name, level, place."""

    meta = {"collection": "directory_schools", "db_alias": "indicators"}

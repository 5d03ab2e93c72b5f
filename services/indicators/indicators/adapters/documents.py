"""Rounds and submissions as stored; each change is stored as a version carrying its events (edu71.bus.outbox)."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import bson
from mongoengine import (
    BinaryField,
    BooleanField,
    DateTimeField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentListField,
    IntField,
    ListField,
    StringField,
)

from edu71 import projections
from edu71.bus.outbox import VersionedDocument, state_at
from edu71.orgs import SchoolLevel
from indicators.domain.approval import changed_since
from indicators.domain.catalogue import ValueType
from indicators.domain.clock import as_utc, utc_now
from indicators.domain.rounds import Phase, RoundStatus, phase
from indicators.domain.submissions import values_at

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


class Round(VersionedDocument):
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

    def phase_at(self, now: datetime) -> Phase:
        return phase(as_utc(self.opens_at), as_utc(self.due_at), as_utc(self.closes_at), now)

    def view(self, now: datetime) -> dict[str, Any]:
        """The round as the API shows it, with its phase at ``now``."""
        return {
            "id": self.id,
            "name": self.name,
            "province_code": self.province_code,
            "school_year": self.school_year,
            "school_levels": list(self.school_levels),
            "indicator_codes": list(self.indicator_codes),
            "catalogue_version": self.catalogue_version,
            "opens_at": self.opens_at,
            "due_at": self.due_at,
            "closes_at": self.closes_at,
            "status": self.status,
            "phase": self.phase_at(now).value,
            "opened_by": dict(self.opened_by),
            "created_at": self.created_at,
        }


class IndicatorValue(EmbeddedDocument):
    """One reported value, shaped as the contracts' ``IndicatorValue``."""

    indicator_code = StringField(required=True)
    catalogue_version = IntField(required=True)
    value_type = StringField(required=True, choices=[t.value for t in ValueType])
    numerator = IntField(null=True)
    denominator = IntField(null=True)
    value = IntField(null=True)
    level = IntField(null=True)
    flag = BooleanField(null=True)

    @classmethod
    def of(cls, data: dict[str, Any]) -> "IndicatorValue":
        return cls(**data)

    def as_contract(self) -> dict[str, Any]:
        data = {
            "indicator_code": self.indicator_code,
            "catalogue_version": self.catalogue_version,
            "value_type": self.value_type,
        }
        for key in ("numerator", "denominator", "value", "level", "flag"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


class Change(EmbeddedDocument):
    indicator_code = StringField(required=True)
    #: The value before (contract dict), empty when the indicator was not reported before.
    old = DictField()
    new = DictField(required=True)

    def as_contract(self) -> dict[str, Any]:
        return {"indicator_code": self.indicator_code, "old": dict(self.old or {}) or None, "new": dict(self.new)}


class Revision(EmbeddedDocument):
    """The audit record of one revision: who, when, late or not, and what changed."""

    revision = IntField(required=True)
    submitted_at = DateTimeField(required=True)
    submitted_by = DictField(required=True)
    late = BooleanField(required=True)
    idempotency_key = StringField(null=True)
    changes = EmbeddedDocumentListField(Change)
    #: Warnings ({field, message, indicator_code, kind}) given with this revision (domain.plausibility, peers).
    warnings = ListField(DictField())
    #: Explanations the school gave with this revision, by indicator code.
    explanations = DictField()

    def as_dict(self) -> dict[str, Any]:
        return {
            "warnings": [dict(w) for w in self.warnings or []],
            "revision": self.revision,
            "submitted_at": self.submitted_at,
            "submitted_by": dict(self.submitted_by),
            "late": self.late,
            "idempotency_key": self.idempotency_key,
            "changes": [c.as_contract() for c in self.changes],
            "explanations": dict(self.explanations or {}),
        }


class IdempotencyRecord(EmbeddedDocument):
    """A request key already answered, the revision it produced and a digest of its values."""

    key = StringField(required=True)
    fingerprint = StringField(required=True)
    revision = IntField(required=True)
    seen_at = DateTimeField(required=True)


class Submission(VersionedDocument):
    """A school's values in one round (one document per round and school), with every revision audited."""

    meta = {
        "collection": "submissions",
        "db_alias": "indicators",
        "indexes": ["round_id", "school_code", "commune_code", "province_code"],
    }

    #: Derived from round and school (``domain.submissions.submission_id``).
    id = StringField(primary_key=True)
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    school_name = StringField(required=True)
    school_level = StringField(required=True, choices=LEVELS)
    commune_code = StringField(required=True)
    province_code = StringField(required=True)
    values = EmbeddedDocumentListField(IndicatorValue)
    revision = IntField(default=0)
    #: Whether the current revision came after the round's due_at (as in the events).
    late = BooleanField(default=False)
    submitted_at = DateTimeField()
    submitted_by = DictField()
    first_submitted_at = DateTimeField()
    history = EmbeddedDocumentListField(Revision)
    idempotency = EmbeddedDocumentListField(IdempotencyRecord)
    #: Every warning the current values raise (previous round, own earlier revision, peers, checks).
    open_warnings = ListField(DictField())
    #: The school's explanation of a warned value, by indicator code: {text, by, at, revision}.
    explanations = DictField()
    #: Approval stage (domain.approval.Stage); a report written before approval existed reads as draft.
    stage = StringField(default="draft")
    #: Every approval action, oldest first: {seq, action, stage, previous_stage, by, at, revision, comment,
    #: value_comments, reason, changes}.
    approvals = ListField(DictField())
    #: The values as last confirmed or accepted (what a reopened report is compared with).
    approved_values = ListField(DictField(), null=True)
    #: The values as last confirmed by the commune (what bulk confirmation compares with).
    confirmed_values = ListField(DictField(), null=True)
    #: Follow-up flags on values: {id, indicator_code, note, by, at, status, answers, closed_by, closed_at}.
    flags = ListField(DictField())

    def school_contract(self) -> dict[str, str]:
        return {
            "code": self.school_code,
            "name": self.school_name,
            "commune_code": self.commune_code,
            "province_code": self.province_code,
            "level": self.school_level,
        }

    def value_dicts(self) -> list[dict[str, Any]]:
        return [v.as_contract() for v in self.values]

    def idempotency_record(self, key: str) -> IdempotencyRecord | None:
        return next((r for r in self.idempotency if r.key == key), None)

    def view(self, revision: int | None = None) -> dict[str, Any]:
        """The submission as the API shows it, as of ``revision`` (default: the current one)."""
        revision = self.revision if revision is None else revision
        history = [h.as_dict() for h in self.history if h.revision <= revision]
        entry = history[-1]
        return {
            "submission_id": self.id,
            "round_id": self.round_id,
            "school": self.school_contract(),
            "revision": revision,
            "late": entry["late"],
            "submitted_at": entry["submitted_at"],
            "submitted_by": entry["submitted_by"],
            "first_submitted_at": self.first_submitted_at,
            "values": values_at(history, revision) if revision != self.revision else self.value_dicts(),
            "warnings": entry["warnings"],
            "history": history,
            "open_warnings": self.warnings_view(),
            "explanations": {code: dict(e) for code, e in (self.explanations or {}).items()},
            "stage": self.stage or "draft",
            "approvals": [dict(a) for a in self.approvals or []],
            "changed_since_approval": changed_since(self.approved_values, self.value_dicts()),
            "flags": [dict(f) for f in self.flags or []],
        }

    def warnings_view(self) -> list[dict[str, Any]]:
        """The current warnings, each with the school's explanation of its indicator if there is one."""
        explained = self.explanations or {}
        return [{**w, "explanation": (explained.get(w.get("indicator_code")) or {}).get("text")}
                for w in self.open_warnings or []]


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
    replaces an earlier one, an earlier one arriving late changes nothing. The list is stored as one
    BSON blob: it is only ever read and written whole, and FerretDB converts every field of a document
    on each read and write (as the outbox packs its changes).
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
        return bson.decode(self.packed)["s"] if self.packed else []

    @schools.setter
    def schools(self, value: list[dict[str, Any]]) -> None:
        self.packed = bson.encode({"s": value})


class KnownSchool(projections.DirectorySchool):
    """What a commune or the city needs to prepare a school's form before it submitted: name, level, place."""

    meta = {"collection": "directory_schools", "db_alias": "indicators"}

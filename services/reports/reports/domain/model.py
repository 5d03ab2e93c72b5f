"""The projector's in-memory model: the latest version of every source record (pure, no I/O).

Source records are the rows the handlers store, one per (entity, version)
(see :mod:`reports.adapters.projection`). The model keeps, per entity, the row
of the highest version it has been given, whatever the order and however often
it is given one, so loading the store, replaying a log, or applying hints
one by one all end in the same state. Of each school's values in a round it
also keeps the lowest revision (the first submission: whether it was late), and
of each province every catalogue version (a round is judged by the one it was
opened with).

:meth:`Model.apply` says which pieces of which province's views a row may change
(:data:`Marks`), so the projector recomputes those only.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Source:
    """How one kind of source record is identified and versioned."""

    collection: str
    entity: tuple[str, ...]
    version: str


SCHOOL_VALUES = Source("school_round_values", ("round_id", "school_code"), "revision")
ROUNDS = Source("rounds", ("round_id",), "event_time")
DIRECTORY = Source("directory_schools", ("school_code",), "version")
PLAN_STATUS = Source("plan_status", ("school_code",), "seq")
PLAN_APPROVED = Source("plan_approved", ("school_code",), "seq")
#: A commune/ward's own approved plan (UBND xã/phường): the commune's targets. Commune codes are national.
COMMUNE_PLAN_APPROVED = Source("commune_plan_approved", ("commune_code",), "seq")
CATALOGUES = Source("catalogues", ("province_code",), "version")
#: The approval stage of a school's report in a round (giai đoạn duyệt báo cáo), versioned by the approval
#: action's sequence number (``approval`` in the Submission* events): the highest one is the current stage.
SUBMISSION_STAGES = Source("submission_stages", ("round_id", "school_code"), "approval")

#: What a round is, as the API and the official reports read it (the latest ReportingRoundOpened's fields).
ROUND_FIELDS = ("round_id", "name", "province_code", "school_year", "school_levels", "indicator_codes", "opens_at",
                "due_at", "closes_at", "reopened", "catalogue_version")
SOURCES = {s.collection: s for s in (SCHOOL_VALUES, ROUNDS, DIRECTORY, PLAN_STATUS, PLAN_APPROVED,
                                     COMMUNE_PLAN_APPROVED, CATALOGUES, SUBMISSION_STAGES)}

#: Approval stages of a school's report: draft = đang nhập (also before any approval event), submitted = đã nộp
#: (the school marked it complete), confirmed = xã/phường đã xác nhận, returned = trả lại, accepted = Sở đã tiếp nhận.
STAGES = ("draft", "submitted", "confirmed", "returned", "accepted")
#: The stages whose figures count in the "confirmed only" reading (chỉ số liệu đã xác nhận).
CONFIRMED_STAGES = frozenset({"confirmed", "accepted"})
#: A school's stage as the views count and list it: the draft stage splits by whether the values are in, since
#: "đang nhập 388" beside "đã nộp số liệu 244/388" contradicts itself. ``not_started`` = chưa nộp số liệu (draft
#: with no values); ``draft`` = đã nộp số liệu, chưa đánh dấu hoàn thành. Each school is in exactly one.
NOT_STARTED = "not_started"
SCHOOL_STAGES = (NOT_STARTED, *STAGES)

#: Order of plan events within one plan version: a decision comes after the submission it decides.
PLAN_STAGE = {"PlanSubmitted": 1, "PlanReturned": 2, "PlanApproved": 2}


def plan_seq(version: int, event_name: str) -> int:
    return int(version) * 10 + PLAN_STAGE[event_name]


#: What a change may alter, per province: ``(round id or None, commune code or None)``.
#: ``(None, None)``: everything of the province; ``(round, None)``: every commune of that round;
#: ``(None, commune)``: that commune in every round and its plans; ``(round, commune)``: one piece.
Marks = dict[str, set[tuple[str | None, str | None]]]
EVERYTHING = (None, None)


def merge_marks(into: Marks, marks: Marks) -> Marks:
    for province, pieces in marks.items():
        into.setdefault(province, set()).update(pieces)
    return into


@dataclass
class Model:
    rows: dict[str, dict[tuple, dict]] = field(default_factory=lambda: defaultdict(dict))
    #: province code → school codes of the directory in it (kept in step with the directory rows).
    _directory_by_province: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: (province, commune) → school codes of the directory in it.
    _directory_by_commune: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    #: round id → province codes it has values from.
    _round_provinces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: (round id, province) → school codes with values there.
    _values_by_area: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    #: school code → rounds it has values in.
    _rounds_of_school: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: (round id, school code) → the row of the *lowest* revision seen (the first submission).
    _first: dict[tuple[str, str], dict] = field(default_factory=dict)
    #: (province, version) → every catalogue version seen (rounds are pinned to one).
    _catalogues: dict[tuple[str, int], dict] = field(default_factory=dict)
    #: province → round ids opened for it.
    _rounds_by_province: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def apply(self, collection: str, row: Mapping[str, Any]) -> Marks:
        """Keep ``row`` if it is the newest of its entity (or, for values, the first submission);
        return what it may change (:data:`Marks`; empty when nothing)."""
        source = SOURCES[collection]
        if source is SCHOOL_VALUES:
            return self._apply_values(row)
        if source is SUBMISSION_STAGES:
            return self._apply_stage(row)
        key = tuple(row[f] for f in source.entity)
        current = self.rows[collection].get(key)
        if current is not None and current[source.version] >= row[source.version]:
            if source is CATALOGUES and (row["province_code"], row["version"]) not in self._catalogues:
                # An older version, which a round may be pinned to.
                self._catalogues[(row["province_code"], row["version"])] = dict(row)
                return {row["province_code"]: {EVERYTHING}}
            return {}
        before = self._school_marks(row["school_code"]) if "school_code" in source.entity else {}
        self.rows[collection][key] = row = dict(row)
        if source is COMMUNE_PLAN_APPROVED:
            # The commune's targets count in its views of every round (and the province's, assembled from them).
            marks: Marks = {row["province_code"]: {(None, row["commune_code"])}}
            if current is not None and current["province_code"] != row["province_code"]:
                marks[current["province_code"]] = {(None, current["commune_code"])}
            return marks
        if source is CATALOGUES:
            self._catalogues[(row["province_code"], row["version"])] = row
            return {row["province_code"]: {EVERYTHING}}
        if source is ROUNDS:
            # The round's name, levels and indicators show wherever it has views: its province, any
            # province it was moved from, and any province whose schools reported in it.
            provinces = {row["province_code"], *self._round_provinces.get(row["round_id"], ())}
            if current is not None and current["province_code"] != row["province_code"]:
                self._rounds_by_province[current["province_code"]].discard(row["round_id"])
                provinces.add(current["province_code"])
            self._rounds_by_province[row["province_code"]].add(row["round_id"])
            return {p: {(row["round_id"], None)} for p in provinces}
        code = row["school_code"]
        if source is DIRECTORY:
            if current is not None:
                self._directory_by_province[current["province_code"]].discard(code)
                self._directory_by_commune[(current["province_code"], current["commune_code"])].discard(code)
            self._directory_by_province[row["province_code"]].add(code)
            self._directory_by_commune[(row["province_code"], row["commune_code"])].add(code)
        # Where the school was (a move in the directory) and where it is now.
        return merge_marks(before, self._school_marks(code))

    def _apply_values(self, row: Mapping[str, Any]) -> Marks:
        key = (row["round_id"], row["school_code"])
        current = self.rows[SCHOOL_VALUES.collection].get(key)
        first = self._first.get(key)
        newest = current is None or current["revision"] < row["revision"]
        earliest = first is None or first["revision"] > row["revision"]
        if not (newest or earliest):
            return {}
        row = dict(row)
        if earliest:
            self._first[key] = row
        if not newest:  # only the first submission changed: it shows where the latest revision counts
            return self._values_marks(row["round_id"], row["school_code"], current)
        marks = self._values_marks(row["round_id"], row["school_code"], current) if current is not None else {}
        self.rows[SCHOOL_VALUES.collection][key] = row
        self._round_provinces[row["round_id"]].add(row["province_code"])
        self._values_by_area[(row["round_id"], row["province_code"])].add(row["school_code"])
        self._rounds_of_school[row["school_code"]].add(row["round_id"])
        if current is not None and current["province_code"] != row["province_code"]:
            self._values_by_area[(row["round_id"], current["province_code"])].discard(row["school_code"])
        return merge_marks(marks, self._values_marks(row["round_id"], row["school_code"], row))

    def _apply_stage(self, row: Mapping[str, Any]) -> Marks:
        """Keep the stage of the highest approval action; it changes the school's commune in that round only."""
        key = (row["round_id"], row["school_code"])
        table = self.rows[SUBMISSION_STAGES.collection]
        current = table.get(key)
        if current is not None and current["approval"] >= row["approval"]:
            return {}
        table[key] = row = dict(row)
        marks = self._values_marks(row["round_id"], row["school_code"], row)
        return merge_marks(marks, self._values_marks(row["round_id"], row["school_code"], current)) \
            if current is not None else marks

    def _values_marks(self, round_id: str, code: str, row: Mapping) -> Marks:
        """The pieces a school's values in a round count in: its commune by the event and by the directory."""
        marks: Marks = {row["province_code"]: {(round_id, row["commune_code"])}}
        known = self.school(code)
        if known is not None:
            marks.setdefault(known["province_code"], set()).add((round_id, known["commune_code"]))
        return marks

    def _school_marks(self, code: str) -> Marks:
        """Every piece a school appears in: its commune's plans and rounds, and each round it has values in."""
        marks: Marks = {}
        known = self.school(code)
        if known is not None:
            marks[known["province_code"]] = {(None, known["commune_code"])}
        for round_id in self._rounds_of_school.get(code, ()):
            merge_marks(marks, self._values_marks(round_id, code, self.rows[SCHOOL_VALUES.collection][(round_id, code)]))
        return marks

    # -- reading -------------------------------------------------------------
    def directory(self, province: str) -> list[dict]:
        rows = self.rows[DIRECTORY.collection]
        return [rows[(code,)] for code in sorted(self._directory_by_province.get(province, ()))]

    def directory_in(self, province: str, commune: str) -> list[dict]:
        rows = self.rows[DIRECTORY.collection]
        return [rows[(code,)] for code in sorted(self._directory_by_commune.get((province, commune), ()))]

    def communes_of(self, province: str) -> list[str]:
        """The communes with schools of ``province`` in the directory."""
        return sorted(c for (p, c), codes in self._directory_by_commune.items() if p == province and codes)

    def school(self, code: str) -> dict | None:
        return self.rows[DIRECTORY.collection].get((code,))

    def round(self, round_id: str) -> dict | None:
        return self.rows[ROUNDS.collection].get((round_id,))

    def rounds_of(self, province: str) -> list[str]:
        """Rounds opened for ``province`` or holding values of its schools."""
        reported = {rid for rid, provinces in self._round_provinces.items() if province in provinces}
        return sorted(self._rounds_by_province.get(province, set()) | reported)

    def values(self, round_id: str, province: str) -> list[dict]:
        rows = self.rows[SCHOOL_VALUES.collection]
        return [rows[(round_id, code)] for code in sorted(self._values_by_area.get((round_id, province), ()))]

    def first(self, round_id: str, school_code: str) -> dict | None:
        """The school's first submission in the round (its lowest revision received)."""
        return self._first.get((round_id, school_code))

    def first_rows(self) -> list[dict]:
        """The first submissions that are not also the latest (the rebuild stores them too)."""
        latest = self.rows[SCHOOL_VALUES.collection]
        return [row for key, row in self._first.items() if latest.get(key) is not row]

    def stage(self, round_id: str, school_code: str) -> str:
        """The approval stage of the school's report in the round (:data:`STAGES`); draft before any action."""
        row = self.rows[SUBMISSION_STAGES.collection].get((round_id, school_code))
        return row["stage"] if row else "draft"

    def plan_status(self, school_code: str) -> dict | None:
        return self.rows[PLAN_STATUS.collection].get((school_code,))

    def plan_approved(self, school_code: str) -> dict | None:
        return self.rows[PLAN_APPROVED.collection].get((school_code,))

    def commune_plan_approved(self, commune_code: str) -> dict | None:
        """The commune's own plan as last approved (its targets), or None."""
        return self.rows[COMMUNE_PLAN_APPROVED.collection].get((commune_code,))

    def catalogue(self, province: str, version: int | None = None) -> dict[str, dict]:
        """Catalogue ``version`` of ``province`` (the latest published when None or not received):
        indicator code → indicator."""
        row = self._catalogues.get((province, version)) if version is not None else None
        row = row or self.rows[CATALOGUES.collection].get((province,))
        return {i["code"]: i for i in row["indicators"]} if row else {}

    def round_catalogue(self, round_id: str, province: str) -> dict[str, dict]:
        """The catalogue a round's figures are judged by: the version it was opened with
        (ReportingRoundOpened's ``catalogue_version``), or the province's latest when it names none."""
        rnd = self.round(round_id)
        return self.catalogue(province, rnd.get("catalogue_version") if rnd else None)

    def provinces(self) -> set[str]:
        out = set(self._directory_by_province)
        out |= {p for provinces in self._round_provinces.values() for p in provinces}
        out |= {p for p, rounds in self._rounds_by_province.items() if rounds}
        return out

"""The projector's in-memory model: the latest version of every source record (pure, no I/O).

Source records are the rows the handlers store, one per (entity, version)
(see :mod:`reports.adapters.projection`). The model keeps, per entity, the row
of the highest version it has been given, whatever the order and however often
it is given one, so loading the store, replaying a log, or applying hints
one by one all end in the same state.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping


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
CATALOGUES = Source("catalogues", ("province_code",), "version")

SOURCES = {s.collection: s for s in (SCHOOL_VALUES, ROUNDS, DIRECTORY, PLAN_STATUS, PLAN_APPROVED, CATALOGUES)}

#: Order of plan events within one plan version: a decision comes after the submission it decides.
PLAN_STAGE = {"PlanSubmitted": 1, "PlanReturned": 2, "PlanApproved": 2}


def plan_seq(version: int, event_name: str) -> int:
    return int(version) * 10 + PLAN_STAGE[event_name]


@dataclass
class Model:
    rows: dict[str, dict[tuple, dict]] = field(default_factory=lambda: defaultdict(dict))
    #: province code → school codes of the directory in it (kept in step with the directory rows).
    _directory_by_province: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: round id → province codes it has values from.
    _round_provinces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: (round id, province) → school codes with values there.
    _values_by_area: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def apply(self, collection: str, row: Mapping[str, Any]) -> set[str]:
        """Keep ``row`` if it is the newest of its entity; return the provinces whose views it may change."""
        source = SOURCES[collection]
        key = tuple(row[f] for f in source.entity)
        current = self.rows[collection].get(key)
        if current is not None and current[source.version] >= row[source.version]:
            return set()
        self.rows[collection][key] = dict(row)
        touched = {row["province_code"]}
        if source is DIRECTORY:
            if current is not None and current["province_code"] != row["province_code"]:
                self._directory_by_province[current["province_code"]].discard(row["school_code"])
                touched.add(current["province_code"])
            self._directory_by_province[row["province_code"]].add(row["school_code"])
        elif source is SCHOOL_VALUES:
            self._round_provinces[row["round_id"]].add(row["province_code"])
            self._values_by_area[(row["round_id"], row["province_code"])].add(row["school_code"])
            if current is not None and current["province_code"] != row["province_code"]:
                self._values_by_area[(row["round_id"], current["province_code"])].discard(row["school_code"])
                touched.add(current["province_code"])
        return touched

    def apply_all(self, collection: str, rows: Iterable[Mapping[str, Any]]) -> set[str]:
        touched: set[str] = set()
        for row in rows:
            touched |= self.apply(collection, row)
        return touched

    # -- reading -------------------------------------------------------------
    def directory(self, province: str) -> list[dict]:
        rows = self.rows[DIRECTORY.collection]
        return [rows[(code,)] for code in sorted(self._directory_by_province.get(province, ()))]

    def school(self, code: str) -> dict | None:
        return self.rows[DIRECTORY.collection].get((code,))

    def round(self, round_id: str) -> dict | None:
        return self.rows[ROUNDS.collection].get((round_id,))

    def rounds_of(self, province: str) -> list[str]:
        """Rounds opened for ``province`` or holding values of its schools."""
        opened = {r["round_id"] for r in self.rows[ROUNDS.collection].values() if r["province_code"] == province}
        reported = {rid for rid, provinces in self._round_provinces.items() if province in provinces}
        return sorted(opened | reported)

    def values(self, round_id: str, province: str) -> list[dict]:
        rows = self.rows[SCHOOL_VALUES.collection]
        return [rows[(round_id, code)] for code in sorted(self._values_by_area.get((round_id, province), ()))]

    def plan_status(self, school_code: str) -> dict | None:
        return self.rows[PLAN_STATUS.collection].get((school_code,))

    def plan_approved(self, school_code: str) -> dict | None:
        return self.rows[PLAN_APPROVED.collection].get((school_code,))

    def catalogue(self, province: str) -> dict[str, dict]:
        """The latest catalogue published for ``province``: indicator code → indicator."""
        row = self.rows[CATALOGUES.collection].get((province,))
        return {i["code"]: i for i in row["indicators"]} if row else {}

    def provinces(self) -> set[str]:
        out = set(self._directory_by_province)
        out |= {p for provinces in self._round_provinces.values() for p in provinces}
        out |= {r["province_code"] for r in self.rows[ROUNDS.collection].values()}
        return out

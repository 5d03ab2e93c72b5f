"""The views the API reads (what the projector keeps: :mod:`reports.adapters.viewstore`), beside the source
rows they are read with: the rounds and the directory's schools.

Every read is one or a few look-ups by ``_id`` in the active generation's views; the rounds and the
directory are read by their entity's field (a round's or a school's few versions; readers take the highest,
:func:`reports.domain.versions.latest`). The in-memory twin holds views put whole and reads the rows an
:class:`reports.adapters.sources.InMemorySourceRows` kept; both pass the contract suite
(tests/integration/test_repositories.py).
"""
from __future__ import annotations

import copy
from datetime import datetime

from reports.adapters import viewstore
from reports.adapters.generations import ActiveDatabase
from reports.adapters.sources import InMemorySourceRows
from reports.domain.model import DIRECTORY, ROUND_FIELDS, ROUNDS
from reports.domain.versions import latest


def _latest_round(rows) -> list[dict]:
    return latest(rows, key=lambda r: r["round_id"], version=lambda r: r["event_time"])


def _round_fields(rows: list[dict]) -> dict | None:
    return {f: rows[0].get(f) for f in ROUND_FIELDS} if rows else None


class StoredViews:
    """The active generation's views and source rows (see the module)."""

    def __init__(self, store: ActiveDatabase):
        self.store = store

    def view(self, province: str, view_id: str) -> dict | None:
        """The view ``view_id`` of ``province`` without its schools (None if it was never computed)."""
        return viewstore.get(self.store.db(), province, view_id)

    def schools(self, province: str, view_id: str) -> list[dict]:
        """The per-school rows of a commune's view ([] if none)."""
        return viewstore.schools(self.store.db(), province, view_id)

    def round(self, round_id: str) -> dict | None:
        """The round as of its latest opening event (:data:`ROUND_FIELDS`), or None if none was received (yet)."""
        return _round_fields(_latest_round(self.store.db()[ROUNDS.collection].find({"round_id": round_id})))

    def rounds_of(self, province: str) -> list[dict]:
        """Every round of ``province`` as of its latest opening event (whole rows)."""
        return _latest_round(self.store.db()[ROUNDS.collection].find({"province_code": province}))

    def school(self, school_code: str) -> dict | None:
        """The directory's record of a school, of its highest version (None if unknown)."""
        rows = list(self.store.db()[DIRECTORY.collection].find({"school_code": school_code}))
        return max(rows, key=lambda r: r["version"]) if rows else None


class InMemoryViews:
    """Views put whole (:meth:`put`), rounds and schools from the rows ``sources`` kept."""

    def __init__(self, sources: InMemorySourceRows | None = None):
        self.sources = sources or InMemorySourceRows()
        #: (province, view id) → the view as the projector computed it (its schools included).
        self.views: dict[tuple[str, str], dict] = {}

    def put(self, province: str, view_id: str, view: dict, computed_at: datetime) -> None:
        """What the projector does for the store's views: the view ``view_id`` of ``province`` is now ``view``."""
        digest, _, _ = viewstore.encode(view_id, view, computed_at)
        self.views[(province, view_id)] = copy.deepcopy({**view, "_id": view_id, "digest": digest,
                                                         "computed_at": computed_at})

    def view(self, province: str, view_id: str) -> dict | None:
        found = self.views.get((province, view_id))
        return None if found is None else copy.deepcopy({k: v for k, v in found.items() if k != "schools"})

    def schools(self, province: str, view_id: str) -> list[dict]:
        return copy.deepcopy(list((self.views.get((province, view_id)) or {}).get("schools", ())))

    def _rows(self, collection: str) -> list[dict]:
        return copy.deepcopy(list(self.sources.rows.get(collection, {}).values()))

    def round(self, round_id: str) -> dict | None:
        return _round_fields(_latest_round(r for r in self._rows(ROUNDS.collection) if r["round_id"] == round_id))

    def rounds_of(self, province: str) -> list[dict]:
        return _latest_round(r for r in self._rows(ROUNDS.collection) if r["province_code"] == province)

    def school(self, school_code: str) -> dict | None:
        rows = [r for r in self._rows(DIRECTORY.collection) if r["school_code"] == school_code]
        return max(rows, key=lambda r: r["version"]) if rows else None

"""Figures as they stood at any past moment, from the history of what the platform knew (pure, no I/O).

The history (:mod:`reports.adapters.history`) holds, per province, every source row the reports service
stored — each revision of a school's values, each round opening, directory record, plan decision and
catalogue version — with the moment it was stored (``at``), insert-only. The views as they stood at moment
*T* are the views the projector's own code (:class:`reports.domain.model.Model`,
:func:`reports.domain.views.build_province`) computes from the rows stored at or before *T*: the same
functions as live, so an "as of" figure and a live one can differ only by the rows they were given.

Design for scale — a :class:`Timeline` per province:

- the entries are sorted by (``at``, key) once; *T* maps to a prefix length ``n = bisect(T)``, so every
  moment between two recordings gives the same ``n``, and ``n`` (not *T*) keys the caches;
- a *checkpoint* is kept every ``every`` entries, made lazily the first time a query passes it: the model
  at that point, the views of it and the per-commune pieces they were assembled from
  (:class:`reports.domain.views.ProvinceViews`, the projector's incremental path). The views at *T* are the
  nearest checkpoint at or before ``n``, copied (containers only: rows, pieces and views are never changed
  in place, so they are shared), plus at most ``every`` rows applied, recomputing only the communes and
  rounds those rows touch — O(what changed since the checkpoint) per query instead of O(province), and
  memory of the rows and views once plus the containers per checkpoint;
- the views computed for an ``n`` are kept in a small LRU (a dashboard asks for the same moment many times);
- one province's history is all a city's query reads: a national query is 63 independent timelines.

The brute-force reference is :func:`model_of` (every row at or before *T* into a fresh model).
"""
from __future__ import annotations

import copy
import dataclasses
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Sequence

from reports.domain.model import Model
from reports.domain.views import ProvinceViews

#: Entries between two checkpoints (the most rows a query applies on top of a copied checkpoint).
CHECKPOINT_EVERY = 2000
#: Views kept per province, by prefix length.
VIEW_CACHE = 4


@dataclass(frozen=True)
class Entry:
    """One source row as the history holds it: when it was stored, its key (``<collection>|<row id>``)."""

    at: datetime
    key: str
    collection: str
    row: dict


def clone(model: Model) -> Model:
    """A model that can be applied to without changing ``model``: every container copied one level down (the
    rows, which :class:`Model` never changes in place, are shared)."""
    out = copy.copy(model)
    for f in dataclasses.fields(model):
        value = getattr(model, f.name)
        if isinstance(value, dict):
            value = copy.copy(value)  # keeps a defaultdict's factory
            for key, inner in value.items():
                if isinstance(inner, set):
                    value[key] = set(inner)
                elif isinstance(inner, dict) and f.name == "rows":
                    value[key] = dict(inner)
        setattr(out, f.name, value)
    return out


def model_of(entries: Iterable[Entry], moment: datetime) -> Model:
    """The brute-force reference: every row stored at or before ``moment`` applied to a fresh model."""
    model = Model()
    for e in sorted(entries, key=lambda e: (e.at, e.key)):
        if e.at <= moment:
            model.apply(e.collection, e.row)
    return model


@dataclass
class State:
    """The model after some prefix of a history, with the views of it and the pieces they were built from."""

    model: Model
    keeper: ProvinceViews
    views: dict[str, dict]

    def copy(self) -> "State":
        keeper = copy.copy(self.keeper)
        # What :meth:`ProvinceViews.update` changes: its piece dictionaries (the pieces are replaced, never
        # changed in place), and the set of removed views.
        keeper._plans = dict(self.keeper._plans)
        keeper._rounds = {r: dict(pieces) for r, pieces in self.keeper._rounds.items()}
        keeper.removed = set()
        return State(clone(self.model), keeper, dict(self.views))

    def advance(self, entries: Sequence[Entry]) -> None:
        """Apply ``entries`` and bring the views up to date, recomputing only the pieces they touch."""
        province = self.keeper.province
        marks: set = set()
        for e in entries:
            marks |= self.model.apply(e.collection, e.row).get(province, set())
        if not marks and self.keeper.ids():
            return
        self.views.update(self.keeper.update(self.model, marks or None))
        for gone in self.keeper.removed:
            self.views.pop(gone, None)


class Timeline:
    """One province's history with lazily made checkpoints (see the module)."""

    def __init__(self, province: str, entries: Sequence[Entry], *, every: int = CHECKPOINT_EVERY,
                 name_of: Callable[[str], str] = lambda c: c):
        self.province = province
        self.entries = sorted(entries, key=lambda e: (e.at, e.key))
        self.ats = [e.at for e in self.entries]
        self.every = every
        self._checkpoints: dict[int, State] = {0: State(Model(), ProvinceViews(province, name_of), {})}
        self._views: OrderedDict[int, tuple[Model, dict[str, dict]]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def first(self) -> datetime | None:
        """When the first row of this province was stored (nothing is known before)."""
        return self.ats[0] if self.ats else None

    def count_at(self, moment: datetime) -> int:
        return bisect_right(self.ats, moment)

    def renewed(self, entries: Sequence[Entry], settled: datetime) -> "Timeline":
        """A timeline of ``entries`` (this one's history reloaded) keeping this one's checkpoints up to
        ``settled``, before which the history cannot have changed (insert-only, settled): a reload then
        recomputes only what was recorded since."""
        fresh = Timeline(self.province, entries, every=self.every)
        fresh._checkpoints[0] = self._checkpoints[0]
        keep = min(self.count_at(settled), fresh.count_at(settled))
        if [e.key for e in self.entries[:keep]] == [e.key for e in fresh.entries[:keep]]:
            fresh._checkpoints.update({k: state for k, state in self._checkpoints.items() if k <= keep})
        return fresh

    def _state(self, n: int) -> State:
        """The state after the first ``n`` entries: the nearest checkpoint copied and advanced (checkpoints on
        the way are kept)."""
        base = max(k for k in self._checkpoints if k <= n)
        state = self._checkpoints[base].copy()
        position = base
        for stop in range((base // self.every + 1) * self.every, n + 1, self.every):
            state.advance(self.entries[position:stop])
            position = stop
            if stop not in self._checkpoints:
                self._checkpoints[stop] = state.copy()
        state.advance(self.entries[position:n])
        return state

    def model_at(self, moment: datetime) -> Model:
        """The model at ``moment`` (a fresh copy the caller may keep)."""
        with self._lock:
            return self._state(self.count_at(moment)).model

    def views_at(self, moment: datetime) -> tuple[Model, dict[str, dict]]:
        """(model, every view of the province) as they stood at ``moment``; both shared: read, never change."""
        n = self.count_at(moment)
        with self._lock:
            cached = self._views.get(n)
            if cached is None:
                state = self._state(n)
                cached = self._views[n] = (state.model, state.views)
                while len(self._views) > VIEW_CACHE:
                    self._views.popitem(last=False)
            self._views.move_to_end(n)
            return cached

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
- a *checkpoint* (a copy of the model) is kept every ``every`` entries, made lazily the first time a query
  passes it; the model at *T* is the nearest checkpoint at or before ``n``, copied (containers only: the rows
  themselves are immutable and shared), plus at most ``every`` rows applied — O(``every``) per query instead
  of O(history), and memory of the rows once plus the containers per checkpoint;
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
from reports.domain.views import build_province

#: Entries between two checkpoints (the most rows a query applies on top of a copied checkpoint).
CHECKPOINT_EVERY = 2000
#: Views kept per province, by prefix length.
VIEW_CACHE = 8


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


class Timeline:
    """One province's history with lazily made checkpoints (see the module)."""

    def __init__(self, province: str, entries: Sequence[Entry], *, every: int = CHECKPOINT_EVERY,
                 name_of: Callable[[str], str] = lambda c: c):
        self.province = province
        self.entries = sorted(entries, key=lambda e: (e.at, e.key))
        self.ats = [e.at for e in self.entries]
        self.every = every
        self.name_of = name_of
        self._checkpoints: dict[int, Model] = {0: Model()}
        self._views: OrderedDict[int, dict[str, dict]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def first(self) -> datetime | None:
        """When the first row of this province was stored (nothing is known before)."""
        return self.ats[0] if self.ats else None

    def count_at(self, moment: datetime) -> int:
        return bisect_right(self.ats, moment)

    def model_at(self, moment: datetime) -> Model:
        return self.model_upto(self.count_at(moment))

    def model_upto(self, n: int) -> Model:
        """The model after the first ``n`` entries (a fresh copy the caller may keep)."""
        with self._lock:
            base = max(k for k in self._checkpoints if k <= n)
            model = clone(self._checkpoints[base])
            for i in range(base, n):
                e = self.entries[i]
                model.apply(e.collection, e.row)
                if (i + 1) % self.every == 0 and i + 1 not in self._checkpoints:
                    self._checkpoints[i + 1] = clone(model)
            return model

    def views_at(self, moment: datetime) -> tuple[Model, dict[str, dict]]:
        """(model, every view of the province) as they stood at ``moment``."""
        n = self.count_at(moment)
        with self._lock:
            cached = self._views.get(n)
            if cached is not None:
                self._views.move_to_end(n)
                return cached
        model = self.model_upto(n)
        built = (model, build_province(model, self.province, self.name_of))
        with self._lock:
            self._views[n] = built
            while len(self._views) > VIEW_CACHE:
                self._views.popitem(last=False)
        return built

"""The projector: keeps the precomputed views in step with the source rows, and announces what changed.

It holds the latest version of every source row in memory (:class:`reports.domain.model.Model`),
loaded once from the store, then follows the small hints collection the
handlers write to. A hinted row names the pieces of the views it may change
(a round's commune, a commune, a round, a province); those are recomputed
(:class:`reports.domain.views.ProvinceViews`), the province's views assembled
from its communes' pieces, and only the views that differ from the last ones
are written, by ``_id``. Then, per round, one insert (the outbox,
:func:`edu71.bus.outbox.save_with_events`) stores the new city figures with one
RollupUpdated per changed figure, and the new dashboard versions with one
DashboardUpdated per area (the province, each commune) whose view changed — after
the views, so a dashboard that fetches on the event finds what it announces. When
nothing changed — a duplicate, a replay, a stale revision — nothing is written or
published.

One projector per service works at a time (a :class:`edu71.store.lease.WindowLease`):
all writes to the views come from one thread, which is what makes replacing a
view by ``_id`` safe on a store whose updates are not isolated (a lease overlap
writes the same views from the same rows).
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import Callable

from mongoengine.connection import get_db
from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from edu71.bus.outbox import StaleDocument, save_with_events
from edu71.contracts import Contracts, Event
from edu71.store.lease import WindowLease
from edu71.orgs import commune as official_commune
from reports import metrics
from reports.adapters import viewstore
from reports.adapters.documents import ALIAS, CityFigures
from reports.adapters.projection import QUARANTINE, hints, unpack
from reports.domain.model import EVERYTHING, SOURCES, Marks, Model, merge_marks
from reports.domain.views import ProvinceViews, changed_figures, city_figures

log = logging.getLogger(__name__)

SOURCE = "/edu71/reports"


def commune_name(code: str) -> str:
    try:
        return official_commune(code).name
    except (ValueError, KeyError):
        return code


class Projector:
    def __init__(self, contracts: Contracts, *, alias: str = ALIAS, publish: bool = True, batch: int = 1000,
                 poll: float = 0.05, name_of: Callable[[str], str] = commune_name):
        self.contracts = contracts
        self.alias = alias
        self.publish = publish
        self.batch = batch
        self.poll = poll
        self.name_of = name_of
        self.lease = WindowLease(alias, "projector")
        self.hints = hints(lambda: self.db)
        self.model: Model | None = None
        #: Fingerprints of the stored views; the views as last computed; the pieces they are made of.
        self.digests: dict[str, str] = {}
        self.views: dict[str, dict] = {}
        self.keepers: dict[str, ProvinceViews] = {}
        #: key → (the stored city figures, their figures decoded, the dashboard versions announced).
        self.figures: dict[str, tuple[CityFigures, dict, dict[str, str]]] = {}
        #: round id → (schools missing, closes at) for the gauges.
        self.round_status: dict[str, tuple[int, datetime | None]] = {}

    @property
    def db(self):
        return get_db(self.alias)

    # -- state -----------------------------------------------------------------
    def load(self, model: Model | None = None) -> set[str]:
        """Read every source row (or take ``model``) and what was last written; return every province."""
        if model is None:
            model = Model()
            for collection in SOURCES:
                for doc in self.db[collection].find():
                    self._take(model, collection, doc)
        self.digests = viewstore.digests(self.db)
        self.views, self.keepers = {}, {}
        self.figures = {doc.pk: (doc, doc.figure_map(), doc.dashboard_versions()) for doc in CityFigures.objects()}
        self.model = model
        return model.provinces()

    def catch_up(self) -> int:
        """Load, recompute everything, then follow the hints until none is left (tests, start-up)."""
        self.refresh(self.load())
        handled = 0
        while n := self.run_once():
            handled += n
        return handled

    def run_once(self) -> int:
        waiting = self.hints.ready(self.batch)
        if not waiting:
            metrics.PROJECTOR_LAG.set(0)
            return 0
        marks: Marks = {}
        for h in waiting:
            row = self.db[h["coll"]].find_one({"_id": h["doc"]})
            if row is not None:  # None: superseded by a newer version, which has its own hint
                merge_marks(marks, self._take(self.model, h["coll"], row))
        self._refresh(marks)
        self.hints.done([h["_id"] for h in waiting])
        metrics.PROJECTOR_LAG.set(len(waiting))
        return len(waiting)

    def _take(self, model: Model, collection: str, doc: dict) -> Marks:
        """Apply one stored row; a row the model cannot take is set aside, never retried forever.

        Rows come from events that passed their contract, so this is a bug or
        damaged data: the row is recorded in ``projection_quarantine`` with the
        error, counted and logged, and every other row still reaches the views.
        """
        try:
            return model.apply(collection, unpack(collection, doc))
        except Exception as exc:  # noqa: BLE001 - one bad row must not stop every view of the platform
            log.error("projector: row %s/%s set aside: %r", collection, doc.get("_id"), exc)
            try:
                self.db[QUARANTINE].insert_one({"_id": f"{collection}|{doc.get('_id')}", "coll": collection,
                                                "doc": doc.get("_id"), "reason": repr(exc)[:2000],
                                                "at": datetime.now(timezone.utc)})
            except DuplicateKeyError:
                pass
            metrics.PROJECTION_QUARANTINED.inc()
            return {}

    # -- views ---------------------------------------------------------------
    def refresh(self, provinces: set[str]) -> int:
        """Recompute every view of ``provinces``; write those that changed. Returns how many were written."""
        return self._refresh({p: {EVERYTHING} for p in provinces})

    def _refresh(self, marks: Marks) -> int:
        """Recompute the pieces ``marks`` names (see :class:`reports.domain.views.ProvinceViews`) and write
        the views that changed: a view equal to the one last seen is neither fingerprinted nor written."""
        now = datetime.now(timezone.utc)
        written = 0
        for province in sorted(marks):
            keeper = self.keepers.get(province)
            if keeper is None:
                keeper = self.keepers[province] = ProvinceViews(province, self.name_of)
            views = keeper.update(self.model, marks[province])
            rounds = [view for view in views.values() if view["kind"] == "round" and view["scope"]["kind"] == "province"]
            for vid in keeper.removed:
                # Schools first, as when writing: a reader never finds a summary without its schools.
                self.db[viewstore.schools_collection(province)].delete_one({"_id": vid})
                self.db[viewstore.views_collection(province)].delete_one({"_id": vid})
                self.views.pop(vid, None)
                self.digests.pop(vid, None)
            fresh, changed = [], []
            for vid, view in views.items():
                if self.views.get(vid) == view:
                    continue
                self.views[vid] = view
                digest, summary, schools = viewstore.encode(vid, view, now)
                if self.digests.get(vid) != digest:  # stored before this process started, or changed since
                    (changed if vid in self.digests else fresh).append((summary, schools))
            self._write(province, fresh, changed)
            self.digests.update({summary["_id"]: summary["digest"] for summary, _ in fresh + changed})
            written += len(fresh) + len(changed)
            for view in rounds:
                self._publish(view, self.model.round_catalogue(view["round_id"], province), self._areas(views, view),
                              now)
                rnd = self.model.round(view["round_id"])
                self.round_status[view["round_id"]] = (view["completeness"]["missing"],
                                                       rnd["closes_at"] if rnd else None)
        return written

    def _areas(self, views: dict[str, dict], province_view: dict) -> dict[str, tuple[str, dict]]:
        """The round's views recomputed in this batch, by area ("<kind>:<code>"): (version, view)."""
        return {f"{v['scope']['kind']}:{v['scope']['code']}": (self.digests[vid], v) for vid, v in views.items()
                if v["kind"] == "round" and v["round_id"] == province_view["round_id"] and vid in self.digests}

    def _write(self, province: str, fresh: list[tuple[dict, dict | None]],
               changed: list[tuple[dict, dict | None]]) -> None:
        """New views by bulk insert; changed ones replaced one by one by ``_id`` (summary, schools documents).

        The store handles a bulk of replacements far more slowly than inserts, and
        only a rebuild or the first start writes many views; live, a submission
        changes a handful.
        """
        for name, docs in ((viewstore.views_collection(province), [summary for summary, _ in fresh]),
                           (viewstore.schools_collection(province), [s for _, s in fresh if s is not None])):
            for i in range(0, len(docs), 500):
                try:
                    self.db[name].insert_many(docs[i:i + 500], ordered=False)
                except BulkWriteError as exc:
                    if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                        raise
                    # Written meanwhile (a lease overlap, a crash after the insert): replace those.
                    for err in exc.details["writeErrors"]:
                        doc = docs[i + err["index"]]
                        self.db[name].replace_one({"_id": doc["_id"]}, doc, upsert=True)
        for summary, schools in changed:
            # Schools first: a reader who sees the new summary finds the schools of it or newer.
            if schools is not None:
                self.db[viewstore.schools_collection(province)].replace_one({"_id": schools["_id"]}, schools,
                                                                            upsert=True)
            self.db[viewstore.views_collection(province)].replace_one({"_id": summary["_id"]}, summary, upsert=True)

    def _publish(self, view: dict, catalogue: dict, areas: dict[str, tuple[str, dict]], now: datetime) -> None:
        key = CityFigures.key(view["round_id"], view["province_code"])
        figures = city_figures(view, catalogue)
        doc, before, announced = self.figures.get(key, (None, {}, {}))
        changes = changed_figures(before, figures)
        moved = {area: (version, v) for area, (version, v) in areas.items() if announced.get(area) != version}
        if doc is not None and not changes and not moved:
            return
        # The dashboards' events first: an open dashboard waits on them, while up to one RollupUpdated per figure
        # (fifty for a school's first submission) would otherwise go out, and be read, before them.
        events = ([self._dashboard_event(v, version, now) for version, v in moved.values()]
                  + [self._event(view, level, figure, now) for level, figure in changes]) if self.publish else []
        if doc is None:
            doc = CityFigures(id=key, round_id=view["round_id"], province_code=view["province_code"])
        versions = {**announced, **{area: version for area, (version, _) in moved.items()}}
        doc.set_figures(figures)
        doc.set_dashboard_versions(versions)
        try:
            save_with_events(doc, *events)
        except StaleDocument:
            # Another projector wrote meanwhile (a lease overlap): start again from the store.
            self.model = None
            raise
        self.figures[key] = (doc, figures, versions)

    def _event(self, view: dict, level: str, figure: dict, now: datetime) -> Event:
        province = view["province_code"]
        data = {"round_id": view["round_id"], "province_code": province,
                "scope": {"kind": "province", "code": province}, "school_level": level,
                "indicator_code": figure["indicator_code"], "aggregation": figure["aggregation"],
                "value": figure["value"], "schools_reporting": figure["schools_reporting"],
                "schools_expected": figure["schools_expected"],
                "computed_at": now.isoformat(timespec="milliseconds").replace("+00:00", "Z")}
        for optional in ("numerator", "denominator", "distribution"):
            if figure.get(optional) is not None:
                data[optional] = figure[optional]
        return self.contracts.new_event("RollupUpdated", data, subject=province, source=SOURCE)

    def _dashboard_event(self, view: dict, version: str, now: datetime) -> Event:
        """DashboardUpdated of one area: its headline completeness and version; the rest is one call away."""
        province, done = view["province_code"], view.get("completeness") or {}
        data = {"round_id": view["round_id"], "province_code": province,
                "scope": {"kind": view["scope"]["kind"], "code": view["scope"]["code"]}, "version": version,
                "schools_expected": int(done.get("expected", 0)), "schools_submitted": int(done.get("submitted", 0)),
                "schools_late": int(done.get("late", 0)),
                "computed_at": now.isoformat(timespec="milliseconds").replace("+00:00", "Z")}
        return self.contracts.new_event("DashboardUpdated", data, subject=province, source=SOURCE)

    # -- gauges ----------------------------------------------------------------
    def report_gauges(self) -> None:
        now = datetime.now(timezone.utc)
        for round_id, (missing, closes_at) in self.round_status.items():
            metrics.ROUND_SCHOOLS_MISSING.labels(round_id).set(missing)
            if closes_at is not None:
                if closes_at.tzinfo is None:
                    closes_at = closes_at.replace(tzinfo=timezone.utc)
                metrics.ROUND_CLOSES_IN.labels(round_id).set((closes_at - now).total_seconds())

    # -- loop ------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Project until ``stop`` is set, while holding the lease; reload after losing it or a store outage.

        Between passes it waits on the hints' doorbell (:mod:`edu71.store.doorbell`), which the consumer's
        hint rings (in this process, or in another of the host), at most ``poll`` seconds: the poll finds
        what a lost ring announced.
        """
        bell = self.hints.bell
        with bell.listening():
            while not stop.is_set():
                heard = bell.rung  # before the pass: a hint put during it ends the wait below at once
                try:
                    if not self.lease.held():
                        self.model = None
                        stop.wait(1.0)
                        continue
                    if self.model is None:
                        self.refresh(self.load())
                        log.info("projector: loaded the model and refreshed every view")
                    handled = self.run_once()
                    self.report_gauges()
                    if not handled:
                        bell.wait(heard, self.poll)
                except (PyMongoError, StaleDocument) as exc:
                    log.warning("projector: %s; reloading shortly", exc)
                    self.model = None
                    stop.wait(1.0)
        try:
            self.lease.release()
        except PyMongoError:
            pass


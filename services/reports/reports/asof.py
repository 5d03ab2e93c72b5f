"""``?as_of=…``: figures, roll-ups, completeness and progress as they stood at a past moment.

Built from the history of what the platform knew (:mod:`reports.adapters.history`, insert-only, by the
moment each row was stored) with the projector's own code (:mod:`reports.domain.asof`), never from copies
taken nightly. Each API process keeps one :class:`reports.domain.asof.Timeline` per province it was asked
about, loaded from ``history_<province>`` and valid for every moment up to :data:`history.SETTLE` seconds
before it was loaded; a later moment reloads it (after waiting until that moment is settled, at most
``SETTLE`` seconds).

Refused with 422 and a Vietnamese message: a moment that cannot be read, one without a UTC offset, one in
the future, and one before the first row of the province the question is about.
"""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Callable

from edu71.orgs import commune as official_commune
from edu71.problems import Problem
from edu71.vn import vn_moment
from reports.adapters import history
from reports.domain.asof import Entry, Timeline
from reports.domain.views import round_view_id
from reports.service import ROUND_FIELDS, ReportService

FIELD = "as_of"
LABEL = "thời điểm xem số liệu (as_of)"


def _refuse(message: str) -> Problem:
    return Problem(422, message, errors=[{"field": FIELD, "message": message}])


def show(moment: datetime) -> str:
    try:
        return vn_moment(moment)
    except OverflowError:  # the last hours of year 9999 have no Vietnam time
        return moment.strftime("%H:%M ngày %d/%m/%Y")


def commune_name(code: str) -> str:
    try:
        return official_commune(code).name
    except (ValueError, KeyError):
        return code


class AsOf:
    """The per-province timelines of one process (see the module)."""

    def __init__(self, load: Callable[[str], list[Entry]] = history.load, *, settle: float = history.SETTLE,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 sleep: Callable[[float], None] = time.sleep, name_of: Callable[[str], str] = commune_name):
        self.load = load
        self.settle = settle
        self.now = now
        self.sleep = sleep
        self.name_of = name_of
        self._timelines: dict[str, tuple[datetime, Timeline]] = {}
        self._lock = threading.Lock()

    def parse(self, text: str) -> datetime:
        """An RFC 3339 moment with its offset, not in the future (422 otherwise)."""
        try:
            moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
            moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment
        except (ValueError, OverflowError):
            raise _refuse(f"Không đọc được {LABEL}: cần dạng 2026-12-15T17:00:00+07:00.") from None
        if moment.tzinfo is None:
            raise _refuse(f"{LABEL.capitalize()} cần có múi giờ, ví dụ 2026-12-15T17:00:00+07:00.")
        if moment > self.now():
            raise _refuse(f"{LABEL.capitalize()} ở tương lai ({show(moment)}): chỉ xem được số liệu đến hiện tại.")
        return moment

    def timeline(self, province: str, moment: datetime) -> Timeline:
        """``province``'s timeline, valid at ``moment`` (422 if ``moment`` is before its first row)."""
        with self._lock:
            loaded = self._timelines.get(province)
            if loaded is None or moment.timestamp() > loaded[0].timestamp() - self.settle:
                wait = moment.timestamp() + self.settle - self.now().timestamp()
                if wait > 0:
                    self.sleep(wait)
                started = self.now()
                entries = self.load(province)
                timeline = loaded[1].renewed(entries, datetime.fromtimestamp(loaded[0].timestamp() - self.settle,
                                                                             timezone.utc)) \
                    if loaded else Timeline(province, entries, name_of=self.name_of)
                loaded = self._timelines[province] = (started, timeline)
        timeline = loaded[1]
        if timeline.first is None or moment < timeline.first:
            first = f" (số liệu đầu tiên được ghi nhận lúc {show(timeline.first)})" if timeline.first else ""
            raise _refuse(f"Chưa có số liệu nào tại {show(moment)}{first}.")
        return timeline

    def views(self, province: str, moment: datetime):
        """(model, views) of ``province`` at ``moment``."""
        return self.timeline(province, moment).views_at(moment)

    def source(self, moment: datetime) -> "AsOfViews":
        return AsOfViews(self, moment)

    def service(self, live: ReportService, moment: datetime) -> "AsOfReportService":
        return AsOfReportService(live, self, moment)


class AsOfViews:
    """The views at a moment, as an official report reads them (:class:`reports.official_service.FigureSource`)."""

    def __init__(self, asof: AsOf, moment: datetime):
        self.asof, self.moment = asof, moment

    def view(self, province: str, view_id: str) -> dict | None:
        return self.asof.views(province, self.moment)[1].get(view_id)

    def schools(self, province: str, view_id: str) -> list[dict]:
        return list((self.view(province, view_id) or {}).get("schools", ()))

    def rounds_of(self, province: str) -> list[dict]:
        model = self.asof.views(province, self.moment)[0]
        rows = (model.round(r) for r in model.rounds_of(province))
        return [r for r in rows if r is not None and r["province_code"] == province]


class AsOfReportService(ReportService):
    """:class:`ReportService` reading the views as they stood at a moment instead of the live ones."""

    def __init__(self, live: ReportService, asof: AsOf, moment: datetime):
        super().__init__(live.store, live.province_of)
        self.asof, self.moment = asof, moment

    def round(self, round_id: str) -> dict | None:
        known = super().round(round_id)  # which province's history holds it
        if known is None:
            return None
        rnd = self.asof.views(known["province_code"], self.moment)[0].round(round_id)
        return {f: rnd.get(f) for f in ROUND_FIELDS} if rnd else None

    def _view(self, province: str, view_id: str) -> dict | None:
        view = self.asof.views(province, self.moment)[1].get(view_id) if province else None
        if view is None:
            return None
        return {**{k: v for k, v in view.items() if k != "schools"}, "computed_at": self.moment}

    def _schools(self, scope, view: dict, round_id: str) -> list[dict]:
        if not view:
            return []
        views = self.asof.views(view["province_code"], self.moment)[1]
        if view["scope"]["kind"] == "commune":
            ids = [round_view_id(round_id, "commune", view["scope"]["code"])]
        else:
            ids = [round_view_id(round_id, "commune", c["commune_code"]) for c in view.get("communes", ())]
        return [s for i in ids for s in (views.get(i) or {}).get("schools", ())]

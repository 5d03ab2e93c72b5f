"""``?as_of=…``: figures, roll-ups, completeness and progress as they stood at a past moment.

Built from the history of what the platform knew (:mod:`reports.adapters.history`, insert-only, by the
moment each row was stored) with the projector's own code (:mod:`reports.domain.asof`), never from copies
taken nightly. Each API process keeps one :class:`reports.domain.asof.Timeline` per province it was asked
about, loaded from ``history_<province>`` and valid for every moment up to ``settle`` seconds
(``REPORTS_ASOF_SETTLE_SECONDS``, :data:`reports.adapters.history.SETTLE`) before it was loaded; a later
moment reloads it (after waiting until that moment is settled, at most ``settle`` seconds).

The dashboards' use cases (:class:`reports.dashboards.Dashboards`) and the official reports read these
figures through :class:`AsOfViews`, the same repository interface as the live views'
(:class:`reports.dashboards.Views`). The history itself is kept by :mod:`reports.adapters.history`; its pure
rules are :mod:`reports.domain.asof`.

Refused with :class:`edu71.errors.Invalid` (422) and a Vietnamese message: a moment that cannot be read, one
without a UTC offset, one in the future, and one before the first row of the province the question is about.
"""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Callable

from edu71.errors import FieldError, Invalid
from edu71.orgs import commune as official_commune
from edu71.vn import vn_moment
from reports.dashboards import Dashboards, Views
from reports.domain.asof import Entry, Timeline
from reports.domain.model import ROUND_FIELDS

FIELD = "as_of"
LABEL = "thời điểm xem số liệu (as_of)"


def _refuse(message: str) -> Invalid:
    return Invalid(message, errors=[FieldError(FIELD, message)])


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
    """The per-province timelines of one process (see the module), beside the ``live`` views (which say what
    province a round belongs to, and what the directory knows of a school)."""

    def __init__(self, live: Views, load: Callable[[str], list[Entry]], *, settle: float,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 sleep: Callable[[float], None] = time.sleep, name_of: Callable[[str], str] = commune_name):
        self.live = live
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
        """The views at ``moment``, as a repository (:class:`reports.dashboards.Views`)."""
        return AsOfViews(self, moment)

    def dashboards(self, live: Dashboards, moment: datetime) -> Dashboards:
        """``live``'s use cases reading the views as they stood at ``moment``."""
        return Dashboards(self.source(moment), live.province_of)


class AsOfViews:
    """The views at a moment (:class:`reports.dashboards.Views`): what the dashboards and an official report read.

    A view reads as computed at the moment; the round is the one its province's history knew then (the live
    views say which province that is); the directory is the live one."""

    def __init__(self, asof: AsOf, moment: datetime):
        self.asof, self.moment = asof, moment

    def _views(self, province: str) -> dict:
        return self.asof.views(province, self.moment)[1]

    def view(self, province: str, view_id: str) -> dict | None:
        view = self._views(province).get(view_id)
        if view is None:
            return None
        return {**{k: v for k, v in view.items() if k != "schools"}, "computed_at": self.moment}

    def schools(self, province: str, view_id: str) -> list[dict]:
        return list((self._views(province).get(view_id) or {}).get("schools", ()))

    def round(self, round_id: str) -> dict | None:
        known = self.asof.live.round(round_id)  # which province's history holds it
        if known is None:
            return None
        rnd = self.asof.views(known["province_code"], self.moment)[0].round(round_id)
        return {f: rnd.get(f) for f in ROUND_FIELDS} if rnd else None

    def rounds_of(self, province: str) -> list[dict]:
        model = self.asof.views(province, self.moment)[0]
        rows = (model.round(r) for r in model.rounds_of(province))
        return [r for r in rows if r is not None and r["province_code"] == province]

    def school(self, school_code: str) -> dict | None:
        return self.asof.live.school(school_code)

"""Where rounds are kept: in the store, or in memory for tests.

Each pair (store, in memory) passes the same contract suite (tests/integration/test_repositories.py).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from mongoengine import NotUniqueError

from edu71.bus.outbox import load, save_with_events
from edu71.contracts import Event
from edu71.store import doorbell
from edu71.store.memory import InMemoryVersioned
from edu71.store.recent import Recent
from indicators.adapters import round_lists
from indicators.adapters.documents import Round, RoundView
from indicators.domain.clock import as_utc


#: How long a process answers :meth:`Rounds.recent` from what it read when no ring reached it (seconds).
RECENT_TTL = 1.0


class RoundExists(Exception):
    """A round with the same name, province and school year exists (its id is derived from them)."""


class Rounds:
    def __init__(self):
        self._recent = Recent(lambda round_id: Round._get_collection().find_one({"_id": round_id}), RoundView.of,
                              lambda: self.bell, RECENT_TTL, shared=True)

    @property
    def bell(self) -> doorbell.Bell:
        """Rung after every save of a round, so that :meth:`recent` forgets what it kept of it."""
        return doorbell.bell(f"{Round._get_db().name}/rounds")

    def get(self, round_id: str) -> Round | None:
        return load(Round, round_id)

    def recent(self, round_id: str) -> RoundView | None:
        """The round as this process read it lately (:mod:`edu71.store.recent`), one view shared by the process's
        requests: a save here is seen at once, one in another process of the host as soon as its ring arrives, any
        other within :data:`RECENT_TTL`."""
        return self._recent.get(round_id)

    def save(self, rnd: Round, *events: Event, expected_version: int | None = None) -> Round:
        """Store the round's new state with its events, then list it in its province's list
        (:mod:`indicators.adapters.round_lists`); :class:`RoundExists`, :class:`StaleDocument` if refused."""
        try:
            saved = save_with_events(rnd, *events, expected_version=expected_version)
        except NotUniqueError:
            raise RoundExists(rnd.id) from None
        self.bell.ring()
        round_lists.record(saved)
        return saved

    def earlier(self, province_code: str, before: datetime, limit: int) -> list[tuple[str, str]]:
        """``(id, name)`` of the province's rounds that opened before ``before``, latest first."""
        query = (Round.objects(province_code=province_code, opens_at__lt=before)
                 .order_by("-opens_at").only("id", "name").limit(limit))
        return [(r.id, r.name) for r in query]

    def page(self, restriction: dict[str, Any], page: int, page_size: int) -> tuple[int, list[Round]]:
        """How many rounds match ``restriction`` and one page of them, latest opening first: from the province's
        list; only an administrator's list naming no province reads the collection (every province's rounds)."""
        listed = round_lists.page(restriction, page, page_size)
        if listed is not None:
            return listed
        query = Round.objects(**restriction)
        return query.count(), list(query.order_by("-opens_at").skip((page - 1) * page_size).limit(page_size))

    def open_ids(self, now: datetime) -> list[str]:
        """Every round still taking values at ``now``."""
        return [r.id for r in Round.objects(closes_at__gt=now).only("id")]


class InMemoryRounds(InMemoryVersioned[Round]):
    def __init__(self):
        super().__init__(RoundExists)
        self.rounds = self.docs

    def recent(self, round_id: str) -> RoundView | None:
        rnd = self.get(round_id)
        return None if rnd is None else RoundView.of(rnd.to_mongo())

    def earlier(self, province_code: str, before: datetime, limit: int) -> list[tuple[str, str]]:
        found = sorted((r for r in self.rounds.values() if r.province_code == province_code
                        and as_utc(r.opens_at) < as_utc(before)), key=lambda r: as_utc(r.opens_at), reverse=True)
        return [(r.id, r.name) for r in found[:limit]]

    def open_ids(self, now: datetime) -> list[str]:
        return [r.id for r in self.rounds.values() if as_utc(r.closes_at) > as_utc(now)]

    def page(self, restriction: dict[str, Any], page: int, page_size: int) -> tuple[int, list[Round]]:
        found = sorted((r for r in self.rounds.values() if round_lists.matches(r.to_mongo(), restriction)),
                       key=lambda r: as_utc(r.opens_at), reverse=True)
        return len(found), found[(page - 1) * page_size:page * page_size]

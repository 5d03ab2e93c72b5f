"""Peers: how a school's figures compare with those of the schools of its level in the same round (domain.peers).

:class:`PeerIndexer` keeps the compact per-round index of schools' figures the statistics are computed from;
:class:`PeerStatisticsService` computes each round's statistics from that index and reads them for the
submissions' warnings.

The indicators worker keeps the index from the service's own IndicatorSubmitted and
IndicatorRevised events, so a submission's request does no more work and an
index update lost to a crash is redone when the event is redelivered. Each
update is a new version of one small bucket document (insert-only, with the
version it read as the concurrency check); two workers updating one bucket at
once retry, and a revision older than the one indexed changes nothing, so
replays and reordering leave the index as it was (so the consumer keeps no inbox
record for these events: :func:`edu71.bus.consumer.idempotent`). The worker's consumer
stages the figures and writes each bucket once per commit (:class:`edu71.bus.consumer.Staged`):
under load a bucket changes a dozen times a second, and each version is the whole
bucket. An indexer keeps the buckets it
wrote last and updates them without reading them again: a version it kept that
another writer has passed is refused by that same check, and it reads the bucket then.

A bucket's version is one insert; its head (a copy of the latest version, read by
``_id``) costs a read and a replace of the whole bucket, so an indexer writes it
at most every :data:`HEAD_EVERY` seconds per bucket, and the index is read
through the versions written since (``PeerIndexStore.get``).
"""
from __future__ import annotations

import logging
import math
import time
from datetime import datetime
from typing import Callable

from edu71.bus.consumer import Staged, idempotent
from edu71.contracts import Event
from indicators.adapters.documents import PeerIndex, PeerStatistics
from indicators.adapters.peers import PeerIndexStore, PeerStatisticsStore
from indicators.adapters.rounds import Rounds
from indicators.catalogues import CatalogueService
from indicators.domain.clock import utc_now
from indicators.domain.peers import PeerStat, bucket_of, figures, summarise_figures

log = logging.getLogger(__name__)

#: Attempts of an update that keeps meeting another writer of the same bucket.
ATTEMPTS = 8
#: How long a process reuses a round's peer statistics before reading them again (seconds).
PEER_STATS_TTL = 60.0
#: How many buckets an indexer keeps as it wrote them (16 per round and level: a few kilobytes each).
KEPT_BUCKETS = 1024
#: How often an indexer writes the head of a bucket it keeps changing (seconds): a reader of the index reads
#: the versions written since, one a second at most (the worker writes a bucket once per commit), so 30 at most.
#: A head is the bucket as a plain document, every figure a field the store converts: under load its read and
#: replace cost the store more than the version's insert (one blob).
HEAD_EVERY = 30.0


class PeerIndexer:
    def __init__(self, catalogues: CatalogueService, store: PeerIndexStore | None = None,
                 head_every: float = HEAD_EVERY):
        self.catalogues = catalogues
        self.store = store or PeerIndexStore()
        self.head_every = head_every
        self._kept: dict[str, PeerIndex] = {}
        #: When this indexer last wrote each bucket's head (``time.monotonic()``).
        self._heads: dict[str, float] = {}
        #: Figures staged for the next flush: per bucket, per school.
        self._staged: dict[str, dict[str, dict]] = {}

    def handlers(self) -> dict:
        """What the worker's consumer calls: the submissions' figures staged, each bucket written once per commit."""
        staged = Staged(self.stage, self.flush, self.discard, self.index)
        return {"IndicatorSubmitted": staged, "IndicatorRevised": staged}

    def stage(self, event: Event) -> None:
        """Keep the event's figures for the next :meth:`flush` (the highest revision of each school wins)."""
        found = self._entry(event)
        if found is not None:
            key, entry = found
            waiting = self._staged.setdefault(key, {})
            current = waiting.get(entry["school_code"])
            if current is None or current["revision"] < entry["revision"]:
                waiting[entry["school_code"]] = entry

    def flush(self) -> None:
        """Write each bucket with staged figures once (a new version holding them all); a bucket is forgotten only
        once written, so a flush that meets an outage is tried again with nothing lost."""
        for key in list(self._staged):
            self._write(key, list(self._staged[key].values()))
            del self._staged[key]

    def discard(self) -> None:
        self._staged.clear()

    @idempotent
    def index(self, event: Event) -> None:
        """Write one event's figures at once (one version of its bucket)."""
        found = self._entry(event)
        if found is not None:
            key, entry = found
            self._write(key, [entry])

    def _entry(self, event: Event) -> tuple[str, dict] | None:
        """The event's bucket and the school's entry in it, or None (logged) when its catalogue is unknown."""
        data = event.data
        school = data["school"]
        values = data["values"]
        version = values[0]["catalogue_version"] if values else None
        catalogue = self.catalogues.version(school["province_code"], version) if version else None
        if catalogue is None:
            log.warning("event %s: catalogue version %s of %s unknown; not indexed", event.id, version,
                        school["province_code"])
            return None
        entry = {"school_code": school["code"], "revision": data["revision"], "figures": figures(values, catalogue)}
        return PeerIndex.key(data["round_id"], school["level"], bucket_of(school["code"])), entry

    def _write(self, key: str, entries: list[dict]) -> None:
        """One new version of the bucket with ``entries``, each only if newer than the school's indexed revision."""
        doc = self._kept.pop(key, None)
        for _ in range(ATTEMPTS):
            doc = doc or self.store.get(key) or PeerIndex(id=key)
            indexed = {s["school_code"]: s["revision"] for s in doc.schools}
            newer = {e["school_code"]: e for e in entries if indexed.get(e["school_code"], 0) < e["revision"]}
            if not newer:
                self._keep(key, doc)
                return  # replays, or older revisions arriving after newer ones
            doc.schools = [s for s in doc.schools if s["school_code"] not in newer] + list(newer.values())
            if self.store.save(doc):
                self._keep(key, doc)
                now = time.monotonic()
                if now - self._heads.get(key, -math.inf) >= self.head_every:
                    self.store.write_head(doc)
                    self._heads[key] = now
                return
            # Another writer got there first (or the kept version is behind): read its version, apply these on top.
            doc = None
        raise RuntimeError(f"peer index {key}: {ATTEMPTS} attempts met another writer")

    def _keep(self, key: str, doc: PeerIndex) -> None:
        if len(self._kept) >= KEPT_BUCKETS:
            self._kept.clear()
            self._heads.clear()
        self._kept[key] = doc



class PeerStatisticsService:
    def __init__(self, clock: Callable[[], datetime] = utc_now, *, rounds: Rounds | None = None,
                 store: PeerStatisticsStore | None = None,
                 figures: Callable[[str, str], list[dict[str, float]]] | None = None):
        self.clock = clock
        self.rounds = rounds or Rounds()
        self.store = store or PeerStatisticsStore()
        #: Every indexed school's figures for a round and level (:class:`PeerIndexer` keeps them).
        self.figures = figures or PeerIndexStore().figures
        self._cache: dict[str, tuple[float, dict[str, PeerStat]]] = {}

    def of(self, round_id: str, level: str) -> dict[str, PeerStat]:
        """The round's statistics for schools of ``level`` (one read by ``_id``, reused for a minute)."""
        key = PeerStatistics.key(round_id, level)
        cached = self._cache.get(key)
        if cached is None or time.monotonic() - cached[0] > PEER_STATS_TTL:
            doc = self.store.get(key)
            stats = {code: PeerStat.from_dict(s) for code, s in (doc.stats if doc else {}).items()}
            cached = (time.monotonic(), stats)
            self._cache[key] = cached
        return cached[1]

    def refresh(self, round_id: str) -> int:
        """Recompute a round's peer statistics from its index; returns the schools read.

        Runs in the worker, off the request path; it reads the round's few index
        documents by ``_id``, never the submissions themselves.
        """
        rnd = self.rounds.get(round_id)
        if rnd is None:
            return 0
        read = 0
        now = self.clock()
        for level in rnd.school_levels:
            schools = self.figures(round_id, level)
            read += len(schools)
            key = PeerStatistics.key(round_id, level)
            doc = self.store.get(key) or PeerStatistics(id=key)
            fresh = {code: stat.as_dict() for code, stat in summarise_figures(schools).items()}
            if not schools or doc.stats == fresh:
                continue  # nothing new was reported: no new version (each one is kept)
            doc.stats, doc.submissions, doc.computed_at = fresh, len(schools), now
            self.store.save(doc)
            self._cache.pop(key, None)
        return read

"""Where the peer statistics and the per-round index of schools' figures they are computed from are kept: in the
store, or in memory for tests.
"""
from __future__ import annotations

from typing import Any

from mongoengine import NotUniqueError

from edu71.bus.outbox import StaleDocument, load, save_with_events
from edu71.store.versioned import latest, write_head
from indicators.adapters.documents import PeerIndex, PeerStatistics
from indicators.domain.peers import BUCKETS


class PeerStatisticsStore:
    """A round's peer statistics per level (one document per round and level, read by ``_id``)."""

    def get(self, key: str) -> PeerStatistics | None:
        return load(PeerStatistics, key)

    def save(self, doc: PeerStatistics) -> bool:
        """Store a new snapshot; ``False`` when another refresher wrote one at the same time (its is as good)."""
        try:
            save_with_events(doc)
            return True
        except (StaleDocument, NotUniqueError):
            return False


class InMemoryPeerStatistics:
    def __init__(self, stats: dict[str, dict[str, Any]] | None = None):
        self.docs = {key: PeerStatistics(id=key, stats=value) for key, value in (stats or {}).items()}

    def get(self, key: str) -> PeerStatistics | None:
        return self.docs.get(key)

    def save(self, doc: PeerStatistics) -> bool:
        self.docs[doc.id] = doc
        return True


class PeerIndexStore:
    """The per-round index of schools' figures (indicators.peers): :data:`BUCKETS` documents per level.

    A bucket changes with nearly every submission, so its head is written now and then by its indexer
    (:meth:`write_head`), not with each version; it is read through its later changes (``latest``).
    """

    def get(self, key: str) -> PeerIndex | None:
        return latest(PeerIndex, key)

    def save(self, doc: PeerIndex) -> bool:
        """Store a bucket's new version, without its head; ``False`` when another writer changed it first
        (nothing written)."""
        try:
            save_with_events(doc, head=False)
            return True
        except (StaleDocument, NotUniqueError):
            return False

    def write_head(self, doc: PeerIndex) -> None:
        write_head(doc)

    def figures(self, round_id: str, level: str) -> list[dict[str, float]]:
        """Every indexed school's figures for the round and level: :data:`BUCKETS` reads by ``_id``."""
        out = []
        for bucket in range(BUCKETS):
            doc = self.get(PeerIndex.key(round_id, level, bucket))
            out.extend(s["figures"] for s in (doc.schools if doc else []))
        return out

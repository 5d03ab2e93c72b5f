"""The compact per-round index of schools' figures the peer statistics are computed from (domain.peers).

The indicators worker keeps it from the service's own IndicatorSubmitted and
IndicatorRevised events, so a submission's request does no more work and an
index update lost to a crash is redone when the event is redelivered. Each
update is a new version of one small bucket document (insert-only, with the
version it read as the concurrency check); two workers updating one bucket at
once retry, and a revision older than the one indexed changes nothing, so
replays and reordering leave the index as it was.
"""
from __future__ import annotations

import logging

from edu71.contracts import Event
from indicators.adapters.documents import PeerIndex
from indicators.adapters.rounds import PeerIndexStore
from indicators.catalogues import CatalogueService
from indicators.domain.peers import bucket_of, figures

log = logging.getLogger(__name__)

#: Attempts of an update that keeps meeting another writer of the same bucket.
ATTEMPTS = 8


class PeerIndexer:
    def __init__(self, catalogues: CatalogueService, store: PeerIndexStore | None = None):
        self.catalogues = catalogues
        self.store = store or PeerIndexStore()

    def handlers(self) -> dict:
        return {"IndicatorSubmitted": self.index, "IndicatorRevised": self.index}

    def index(self, event: Event) -> None:
        data = event.data
        school = data["school"]
        values = data["values"]
        version = values[0]["catalogue_version"] if values else None
        catalogue = self.catalogues.version(school["province_code"], version) if version else None
        if catalogue is None:
            log.warning("event %s: catalogue version %s of %s unknown; not indexed", event.id, version,
                        school["province_code"])
            return
        entry = {"school_code": school["code"], "revision": data["revision"], "figures": figures(values, catalogue)}
        key = PeerIndex.key(data["round_id"], school["level"], bucket_of(school["code"]))
        for _ in range(ATTEMPTS):
            doc = self.store.get(key) or PeerIndex(id=key)
            schools = doc.schools
            current = next((s for s in schools if s["school_code"] == school["code"]), None)
            if current is not None and current["revision"] >= data["revision"]:
                return  # a replay, or an older revision arriving after a newer one
            doc.schools = [s for s in schools if s["school_code"] != school["code"]] + [entry]
            if self.store.save(doc):
                return
            # Another writer got there first: read its version and apply this one on top.
        raise RuntimeError(f"peer index {key}: {ATTEMPTS} attempts met another writer")


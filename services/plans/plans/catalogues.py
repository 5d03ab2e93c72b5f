"""The provinces' indicator catalogues as the plans service keeps them (fed by CataloguePublished, never fetched).

The worker's :func:`keep` stores each province's catalogue of the highest version
(:func:`edu71.projections.keep_latest`); the API reads it by ``_id``
(:func:`current`) to check and name a plan's targets.
"""
from __future__ import annotations

from edu71.contracts import Event
from edu71.projections import keep_latest
from plans.adapters.documents import KnownCatalogue
from plans.domain.catalogue import CatalogueView


def keep(event: Event) -> bool:
    """CataloguePublished: store the province's catalogue unless a newer version is held; whether it was stored."""
    d = event.data
    return keep_latest(KnownCatalogue(id=d["province_code"], version=d["version"],
                                      published_at=d.get("published_at", ""), indicators=list(d["indicators"])))


def current(province_code: str | None) -> CatalogueView | None:
    """The province's latest catalogue the worker has received, or ``None`` before the first."""
    if not province_code:
        return None
    raw = KnownCatalogue._get_collection().find_one({"_id": province_code})
    if raw is None:
        return None
    return CatalogueView.from_contract({"province_code": raw["_id"], "version": raw["version"],
                                        "indicators": raw.get("indicators") or []})

"""Where the plans service keeps each province's latest indicator catalogue (as CataloguePublished carried it)
and which catalogue versions its plans were rechecked against: in the store, or in memory for the use-case
tests. Both pass the same contract suite (tests/integration/test_repositories.py)."""
from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from edu71.projections import keep_latest
from plans.adapters.documents import KnownCatalogue
from plans.domain.catalogue import CatalogueView

#: One marker per (province, version) whose recheck finished: inserted, never updated.
RECHECKED = "catalogue_rechecks"


def _view(province_code: str, version: int, indicators: list) -> CatalogueView:
    return CatalogueView.from_contract({"province_code": province_code, "version": version,
                                        "indicators": indicators or []})


class KnownCatalogues:
    def keep(self, province_code: str, version: int, published_at: str, indicators: list[dict]) -> bool:
        """Store the province's catalogue unless an equal or newer version is held; whether it was stored."""
        return keep_latest(KnownCatalogue(id=province_code, version=version, published_at=published_at,
                                          indicators=list(indicators)))

    def latest_version(self, province_code: str) -> int | None:
        raw = KnownCatalogue._get_collection().find_one({"_id": province_code}, {"version": 1})
        return None if raw is None else raw["version"]

    def get(self, province_code: str) -> CatalogueView | None:
        raw = KnownCatalogue._get_collection().find_one({"_id": province_code})
        return None if raw is None else _view(raw["_id"], raw["version"], raw.get("indicators"))

    def rechecked(self, province_code: str, version: int) -> bool:
        return KnownCatalogue._get_db()[RECHECKED].find_one({"_id": f"{province_code}:{version}"}) is not None

    def mark_rechecked(self, province_code: str, version: int) -> None:
        try:
            KnownCatalogue._get_db()[RECHECKED].insert_one({"_id": f"{province_code}:{version}"})
        except DuplicateKeyError:
            pass  # another consumer finished the same recheck: the flags it wrote are the same


class InMemoryKnownCatalogues:
    def __init__(self):
        self.catalogues: dict[str, tuple[int, list[dict]]] = {}
        self.marks: set[str] = set()

    def keep(self, province_code: str, version: int, published_at: str, indicators: list[dict]) -> bool:
        held = self.catalogues.get(province_code)
        if held is not None and held[0] >= version:
            return False
        self.catalogues[province_code] = (version, [dict(i) for i in indicators])
        return True

    def latest_version(self, province_code: str) -> int | None:
        held = self.catalogues.get(province_code)
        return None if held is None else held[0]

    def get(self, province_code: str) -> CatalogueView | None:
        held = self.catalogues.get(province_code)
        return None if held is None else _view(province_code, *held)

    def rechecked(self, province_code: str, version: int) -> bool:
        return f"{province_code}:{version}" in self.marks

    def mark_rechecked(self, province_code: str, version: int) -> None:
        self.marks.add(f"{province_code}:{version}")

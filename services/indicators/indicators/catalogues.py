"""Catalogue use cases: publish, read and change a province's indicator catalogue, version by version."""
from __future__ import annotations

import threading
from datetime import datetime
from typing import Any, Callable

from edu71.auth import Principal
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, StaleVersion
from edu71.orgs import province_name
from indicators.adapters.catalogues import CatalogueExists, Catalogues
from indicators.adapters.documents import ProvinceCatalogue
from indicators.domain.catalogue import Catalogue, initial_catalogue
from indicators.domain.catalogue_edits import (
    changed_fields,
    changed_indicator,
    may_edit_catalogue,
    new_indicator,
    with_indicator,
)
from edu71.vn import iso_vn
from indicators.domain.clock import as_utc, utc_now

SOURCE = "/edu71/indicators"
#: Attempts of an addition that keeps meeting a concurrent change (each attempt re-reads the catalogue).
ADD_ATTEMPTS = 3
CHANGED = "Danh mục chỉ tiêu vừa được thay đổi. Vui lòng tải lại rồi thao tác lại."


class CatalogueService:
    def __init__(self, contracts: Contracts, clock: Callable[[], datetime] = utc_now,
                 store: Catalogues | None = None):
        self.contracts = contracts
        self.store = store or Catalogues()
        self.clock = clock
        # Versions never change once stored, so they are cached for the life of the process.
        self._versions: dict[tuple[str, int], Catalogue] = {}
        self._lock = threading.Lock()

    # -- reading -----------------------------------------------------------------
    def current(self, province_code: str) -> Catalogue:
        """The province's latest catalogue, publishing version 1 first if the province has none yet."""
        head = self.store.head(province_code) or self._publish_first(province_code)
        return self._remember(province_code, head.doc_version, head.indicators)

    def version(self, province_code: str, version: int) -> Catalogue | None:
        """One published version (``None`` if it does not exist)."""
        cached = self._versions.get((province_code, version))
        if cached is not None:
            return cached
        state = self.store.state(province_code, version)
        if state is None and version == 1 and self.store.head(province_code) is None:
            # Rounds opened before catalogues were versioned pin version 1 of a province that has none yet.
            self._publish_first(province_code)
            state = self.store.state(province_code, version)
        return None if state is None else self._remember(province_code, version, state["indicators"])

    def versions(self, province_code: str) -> list[dict[str, Any]]:
        """Every version's summary, oldest first: when, who and what it changed."""
        self.current(province_code)
        return [
            {"version": h["version"], "published_at": h["state"]["published_at"],
             "published_by": h["state"].get("published_by") or None, "change": h["state"]["change"],
             "indicator_count": len(h["state"]["indicators"])}
            for h in self.store.versions(province_code)
        ]

    def _remember(self, province_code: str, version: int, indicators: list[dict]) -> Catalogue:
        key = (province_code, version)
        with self._lock:
            if key not in self._versions:
                self._versions[key] = Catalogue.from_dicts(version, indicators, province_code)
            return self._versions[key]

    # -- publishing --------------------------------------------------------------
    def _publish_first(self, province_code: str) -> ProvinceCatalogue:
        catalogue = initial_catalogue(province_code)
        doc = ProvinceCatalogue(id=province_code, indicators=catalogue.indicator_dicts(), published_at=self.clock(),
                                change={"kind": "initial"})
        try:
            return self.store.save(doc, self._published_event(doc, 1))
        except CatalogueExists:
            return self.store.head(province_code)  # another process published version 1 first

    def _published_event(self, doc: ProvinceCatalogue, version: int):
        data = {
            "province_code": doc.id,
            "version": version,
            "published_at": iso_vn(as_utc(doc.published_at), "milliseconds"),
            "indicators": list(doc.indicators),
            "change": dict(doc.change),
        }
        if doc.published_by:
            data["published_by"] = dict(doc.published_by)
        # Province-wide: keyed by the province so its versions stay in order.
        return self.contracts.new_event("CataloguePublished", data, subject=doc.id, source=SOURCE)

    def ensure_published(self, province_codes: list[str]) -> None:
        """Publish version 1 of each province that has none (the worker does this on start)."""
        for code in province_codes:
            self.current(code)

    # -- changing ----------------------------------------------------------------
    def check_province(self, principal: Principal, province_code: str | None) -> str:
        """The province a request is about: the one asked for, or the caller's own."""
        province = province_code or principal.province_code
        if province is None:
            raise Invalid("Cần chọn tỉnh/thành phố của danh mục chỉ tiêu.",
                          errors=[FieldError("province_code", "Trường này là bắt buộc.")])
        try:
            province_name(province)
        except (ValueError, KeyError, LookupError):
            raise NotFound(f"Không có tỉnh/thành phố mã “{province}”.") from None
        return province

    def add_indicator(self, principal: Principal, province_code: str, data: dict[str, Any],
                      expected_version: int | None) -> Catalogue:
        """Add a province's own indicator: a new catalogue version, published atomically with it."""
        self._may_edit(principal, province_code)
        for _attempt in range(ADD_ATTEMPTS if expected_version is None else 1):
            catalogue = self.current(province_code)
            if expected_version is not None and expected_version != catalogue.version:
                raise StaleVersion(CHANGED)
            indicator, errors = new_indicator(data, catalogue)
            if errors:
                # A code already in the catalogue, alone, is a conflict with what exists; anything else is invalid.
                kind = Conflict if any(e["field"] == "code" for e in errors) and len(errors) == 1 else Invalid
                raise kind("Chỉ tiêu mới có thông tin không hợp lệ, xem chi tiết từng mục.",
                           errors=FieldError.all_of(errors))
            change = {"kind": "added", "indicator_code": indicator.code, "fields": []}
            try:
                return self._save(principal, with_indicator(catalogue, indicator), change, expected_version)
            except StaleDocument:
                if expected_version is not None:
                    raise StaleVersion(CHANGED) from None
        raise Conflict("Danh mục chỉ tiêu đang được thay đổi liên tục. Vui lòng thử lại.")

    def change_indicator(self, principal: Principal, province_code: str, code: str, data: dict[str, Any],
                         expected_version: int) -> Catalogue:
        """Change a province indicator's name, labels, targets or threshold (If-Match on the catalogue)."""
        self._may_edit(principal, province_code)
        catalogue = self.current(province_code)
        before = catalogue.get(code)
        if before is None:
            raise NotFound(f"Mã chỉ tiêu “{code}” không có trong danh mục.")
        if expected_version != catalogue.version:
            raise StaleVersion(CHANGED)
        after, errors = changed_indicator(data, before)
        if errors:
            raise Invalid("Thay đổi chỉ tiêu không hợp lệ, xem chi tiết từng mục.", errors=FieldError.all_of(errors))
        fields = changed_fields(before, after)
        if not fields:
            return catalogue  # nothing differs: no new version, nothing to announce
        change = {"kind": "changed", "indicator_code": code, "fields": fields}
        try:
            return self._save(principal, with_indicator(catalogue, after), change, expected_version)
        except StaleDocument:
            raise StaleVersion(CHANGED) from None

    def _may_edit(self, principal: Principal, province_code: str) -> None:
        if not may_edit_catalogue(principal, province_code):
            raise Forbidden("Chỉ Sở GD&ĐT của tỉnh/thành phố này được thay đổi danh mục chỉ tiêu.")

    def _save(self, principal: Principal, catalogue: Catalogue, change: dict, expected_version: int | None):
        doc = self.store.head(catalogue.province_code)
        doc.indicators = catalogue.indicator_dicts()
        doc.published_at = self.clock()
        doc.published_by = principal.as_actor()
        doc.change = change
        event = self._published_event(doc, catalogue.version)
        self.store.save(doc, event, expected_version=catalogue.version - 1)
        return self._remember(catalogue.province_code, catalogue.version, doc.indicators)

"""Where provinces' indicator catalogues are kept: each version one change, in the store or in memory."""
from __future__ import annotations

import copy
from typing import Any

from mongoengine import NotUniqueError

from edu71.bus.outbox import StaleDocument, history, load, repair_head, save_with_events
from edu71.contracts import Event
from indicators.adapters.documents import ProvinceCatalogue, catalogue_version_state


class CatalogueExists(Exception):
    """Version 1 of the province's catalogue was published by someone else first."""


class Catalogues:
    def head(self, province_code: str) -> ProvinceCatalogue | None:
        """The latest version (its ``doc_version`` is the catalogue version), or ``None``."""
        return load(ProvinceCatalogue, province_code)

    def state(self, province_code: str, version: int) -> dict[str, Any] | None:
        """One version's stored state (an ``_id`` lookup), or ``None``."""
        return catalogue_version_state(province_code, version)

    def versions(self, province_code: str) -> list[dict[str, Any]]:
        """Every version, oldest first: ``{"version", "state"}``."""
        return [{"version": h["version"], "state": h["state"]} for h in history(ProvinceCatalogue, province_code)]

    def save(self, doc: ProvinceCatalogue, *events: Event, expected_version: int | None = None) -> ProvinceCatalogue:
        """Store a new version; :class:`CatalogueExists` or :class:`StaleDocument` when another got there first."""
        try:
            return save_with_events(doc, *events, expected_version=expected_version)
        except NotUniqueError:
            # The winner's head may still be on the way: make it readable before the caller reads it.
            repair_head(ProvinceCatalogue, doc.id)
            raise CatalogueExists(doc.id) from None


class InMemoryCatalogues:
    def __init__(self):
        self.states: dict[str, list[dict[str, Any]]] = {}
        self.events: list[Event] = []

    def head(self, province_code: str) -> ProvinceCatalogue | None:
        states = self.states.get(province_code)
        if not states:
            return None
        doc = ProvinceCatalogue._from_son(copy.deepcopy(states[-1]))
        doc.doc_version, doc._created = len(states), False
        return doc

    def state(self, province_code: str, version: int) -> dict[str, Any] | None:
        states = self.states.get(province_code, [])
        return copy.deepcopy(states[version - 1]) if 0 < version <= len(states) else None

    def versions(self, province_code: str) -> list[dict[str, Any]]:
        return [{"version": n, "state": copy.deepcopy(s)} for n, s in enumerate(self.states.get(province_code, []), 1)]

    def save(self, doc: ProvinceCatalogue, *events: Event, expected_version: int | None = None) -> ProvinceCatalogue:
        doc.validate()
        states = self.states.setdefault(doc.id, [])
        base = 0 if doc._created else (doc.doc_version if expected_version is None else expected_version)
        if len(states) != base:
            if doc._created:
                raise CatalogueExists(doc.id)
            raise StaleDocument(f"catalogue {doc.id} is no longer at version {base}")
        state = copy.deepcopy(doc.to_mongo().to_dict())
        state.pop("_v", None)
        states.append(state)
        self.events.extend(events)
        doc.doc_version, doc._created = base + 1, False
        return doc

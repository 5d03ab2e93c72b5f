"""Versioned aggregates in a dict: the in-memory twin of :mod:`edu71.store.versioned` for use-case tests.

It refuses what the store refuses, with the same exceptions: a new aggregate whose key is taken (the
repository's own "exists" error), and a change made against a version that is no longer the current one
(:class:`~edu71.store.versioned.StaleDocument`). Each stored document is a copy, as a read from the store is.
"""
from __future__ import annotations

import copy
from typing import Any, Callable, Generic, TypeVar

from edu71.store.versioned import StaleDocument

T = TypeVar("T")


class InMemoryVersioned(Generic[T]):
    def __init__(self, exists: Callable[[str], Exception], key: Callable[[Any], str] = lambda doc: doc.pk):
        #: The current state of each aggregate, by key.
        self.docs: dict[str, T] = {}
        #: The events each aggregate's changes carried, in order.
        self.events: dict[str, list] = {}
        self._exists, self._key = exists, key

    def get(self, key: str) -> T | None:
        found = self.docs.get(key)
        return None if found is None else copy.deepcopy(found)

    def save(self, doc: T, *events, expected_version: int | None = None) -> T:
        doc.validate()
        key = self._key(doc)
        current = self.docs.get(key)
        if doc._created:
            if current is not None:
                raise self._exists(key)
            base = 0
        else:
            base = doc.doc_version if expected_version is None else expected_version
            if current is None or current.doc_version != base:
                raise StaleDocument(f"{type(doc).__name__} {key} is no longer at version {base}")
        doc.doc_version, doc._created = base + 1, False
        self.docs[key] = copy.deepcopy(doc)
        self.events.setdefault(key, []).extend(events)
        return doc

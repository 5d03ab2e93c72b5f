"""Where the school directory is kept: each change one version with its events, in the store or in memory.

Both pass the same contract suite (tests/integration/test_repositories.py).
"""
from __future__ import annotations

import copy

from mongoengine import NotUniqueError

from edu71.bus.outbox import load, save_with_events
from edu71.contracts import Event
from edu71.store.memory import InMemoryVersioned
from identity.adapters.documents import School


class SchoolExists(Exception):
    """A school with this code is in the directory already."""


class Schools:
    def get(self, code: str) -> School | None:
        return load(School, code)

    def save(self, school: School, *events: Event, expected_version: int | None = None) -> School:
        """Store the school's new state with its events; :class:`SchoolExists`, :class:`StaleDocument` if refused."""
        try:
            return save_with_events(school, *events, expected_version=expected_version)
        except NotUniqueError:
            raise SchoolExists(school.code) from None

    def page(self, filters: dict, page: int, page_size: int) -> tuple[int, list[School]]:
        """One page of the schools matching ``filters`` (field → value), by code, and how many match."""
        query = School.objects(**filters)
        total = query.count()
        return total, list(query.order_by("code").skip((page - 1) * page_size).limit(page_size))


class InMemorySchools(InMemoryVersioned[School]):
    def __init__(self):
        super().__init__(SchoolExists, key=lambda doc: doc.code)
        self.schools = self.docs

    def page(self, filters: dict, page: int, page_size: int) -> tuple[int, list[School]]:
        found = sorted((s for s in self.schools.values() if all(getattr(s, k) == v for k, v in filters.items())),
                       key=lambda s: s.code)
        return len(found), [copy.deepcopy(s) for s in found[(page - 1) * page_size:page * page_size]]

"""Where the source rows are kept: each version of another service's record, inserted once, hinted to the projector.

The worker's consumer keeps here the rows :data:`reports.handlers.HANDLERS` makes of each event
(:mod:`reports.adapters.projection` says why each version is its own row). The store's repository writes to
the active generation's database; the in-memory twin keeps the rows in dicts for use-case tests. Both pass
the contract suite (tests/integration/test_repositories.py).
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from pymongo.database import Database

from edu71.store.projection import record_version
from reports.adapters.projection import hint, pack
from reports.domain.model import Source


def _split(source: Source, row: dict[str, Any]) -> tuple[dict, dict]:
    entity = {f: row[f] for f in source.entity}
    state = {k: v for k, v in row.items() if k not in entity and k != source.version}
    return entity, state


class SourceRows:
    """The source rows of the active generation (``database`` is called on each use: it may be replaced)."""

    def __init__(self, database: Callable[[], Database]):
        self.database = database

    def keep(self, source: Source, doc_id: str, row: dict[str, Any]) -> bool:
        """Store ``row`` as ``doc_id`` (True) unless that version is already stored (False); either way hint
        the projector, so that a worker that died between the two writes leaves no change unseen."""
        db = self.database()
        entity, state = _split(source, row)
        changed = record_version(db[source.collection], doc_id, entity, source.version, row[source.version],
                                 pack(source.collection, state))
        hint(db, source.collection, doc_id)
        return changed


class InMemorySourceRows:
    def __init__(self):
        #: collection → ``_id`` → row (with its ``_id``), as stored.
        self.rows: dict[str, dict[str, dict]] = {}
        #: ``<collection>|<row id>`` of every hint left, in order.
        self.hints: list[str] = []

    def keep(self, source: Source, doc_id: str, row: dict[str, Any]) -> bool:
        stored = self.rows.setdefault(source.collection, {})
        changed = doc_id not in stored
        if changed:
            entity, state = _split(source, row)
            stored[doc_id] = copy.deepcopy({"_id": doc_id, **entity, source.version: row[source.version], **state})
        self.hints.append(f"{source.collection}|{doc_id}")
        return changed

"""Order-safe, race-safe writes of the source rows, and the hints that tell the projector about them.

Events may arrive twice, late (an old revision re-delivered after a newer one),
or, during a consumer group rebalance, be handled by two consumers at once. Each
version of an entity is therefore *inserted* as its own row ``<entity>|<version>``
and never changed (:class:`reports.adapters.sources.SourceRows`, :func:`edu71.store.projection.record_version`):

- the same version again (duplicate, re-delivery) is a duplicate key → nothing happens;
- an older version after a newer one is stored too, as history, and changes
  nothing: whoever reads takes the highest version of each entity
  (:class:`reports.domain.model.Model`, :func:`reports.domain.versions.latest`).

Rows are written and read by ``_id`` only, which is why older versions are
neither looked up nor deleted here. Each stored row is announced to the projector
by an entry in its work queue (:func:`hint`).
"""
from __future__ import annotations

from typing import Any, Callable

from pymongo.database import Database

from edu71.store import blob
from edu71.store.queue import WorkQueue


#: Per collection, the field stored as one blob (:mod:`edu71.store.blob`): a school's 25 values are read
#: and written only whole and never filtered on. Rows stored before this (a plain document) read as is.
PACKED = {"school_round_values": "values"}


def pack(collection: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as stored in ``collection``."""
    name = PACKED.get(collection)
    if name is None or name not in row:
        return row
    return {**row, name: blob.encode(row[name])}


def unpack(collection: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A stored row of ``collection`` as the model takes it."""
    name = PACKED.get(collection)
    if name is None or name not in doc:
        return doc
    return {**doc, name: blob.decode(doc[name])}


HINTS = "projection_hints"
#: Source rows the projector could not apply, with the error (see ``Projector._take``).
QUARANTINE = "projection_quarantine"


def hints(database: Callable[[], Database]) -> WorkQueue:
    """The projector's work queue: one entry per stored row (``<collection>|<row id>``)."""
    return WorkQueue(HINTS, database)


def hint(db: Database, collection: str, doc_id: str) -> None:
    """Tell the projector that a source row may have changed (idempotent: one entry per row version)."""
    hints(lambda: db).put(f"{collection}|{doc_id}", coll=collection, doc=doc_id)

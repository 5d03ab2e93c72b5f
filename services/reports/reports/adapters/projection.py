"""Order-safe, race-safe writes of the source rows: insert-only versions.

Events may arrive twice (a relay that died between Kafka's acknowledgement and
its clean-up, a consumer that died between the effect and its inbox record),
late (an old revision re-delivered after a newer one), or, during a consumer
group rebalance, be handled by two consumers at once.

A conditional update (``update_one({_id, revision: {$lt: rev}}, …)``) would be
enough on MongoDB, but FerretDB 1.x (SQLite backend) applies an update as
read-then-write without isolation: two concurrent conditional updates can both
match and the lower revision can land last (FerretDB issue #3040; reproduced
against the stack used by the tests). The one write FerretDB does make atomic is
an insert against a unique key. So each version of an entity is *inserted*
under the key ``<entity>|<version>`` and never changed:

- the same version again (duplicate, re-delivery) is a duplicate key → nothing happens;
- an older version after a newer one is stored too, as history, and changes
  nothing: whoever reads takes the highest version of each entity
  (:class:`reports.domain.model.Model`, :func:`reports.domain.versions.latest`).

Nothing here filters on anything but ``_id``: on FerretDB any other filter
decodes the whole collection (about a second per event once a province has
reported), which is why older versions are not looked up nor deleted here.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import bson
from bson.binary import Binary
from bson.codec_options import CodecOptions
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError


def parse_time(value: str) -> datetime:
    """An RFC 3339 instant of the contracts (always with an offset) as an aware UTC datetime."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:  # the contracts forbid it; be safe rather than guess a zone
        raise ValueError(f"time without offset: {value!r}")
    return moment.astimezone(timezone.utc)


def ms(moment: datetime) -> datetime:
    """``moment`` at the store's precision (milliseconds), so versions compare the same before and after storing."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def record_version(coll: Collection, doc_id: str, entity: dict[str, Any], version_field: str, version: Any,
                   state: dict[str, Any]) -> bool:
    """Store ``state`` as version ``version`` of ``entity`` (its identifying fields); True if this call stored
    it, False if that version was already stored (by an earlier delivery or a concurrent consumer)."""
    try:
        coll.insert_one({"_id": doc_id, **entity, version_field: version, **state,
                         "recorded_at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        return False
    return True


#: Per collection, the field stored as one BSON blob: a school's 25 values are read and written only
#: whole and never filtered on, and FerretDB's SQLite backend converts every field of a document on each
#: write and read (see :mod:`reports.adapters.viewstore`). Rows stored before this (a plain document) read as is.
PACKED = {"school_round_values": "values"}
_DECODING = CodecOptions(tz_aware=True, tzinfo=timezone.utc)


def blob(value: dict[str, Any]) -> Binary:
    return Binary(bson.encode(value))


def unblob(value: bytes | dict[str, Any]) -> dict[str, Any]:
    """A mapping stored by :func:`blob` (or, written before blobs, as a plain document)."""
    return bson.decode(value, codec_options=_DECODING) if isinstance(value, bytes) else value


def pack(collection: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as stored in ``collection``."""
    name = PACKED.get(collection)
    if name is None or name not in row:
        return row
    return {**row, name: blob(row[name])}


def unpack(collection: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A stored row of ``collection`` as the model takes it."""
    name = PACKED.get(collection)
    if name is None or name not in doc:
        return doc
    return {**doc, name: unblob(doc[name])}


HINTS = "projection_hints"
#: Source rows the projector could not apply, with the error (see ``Projector._take``).
QUARANTINE = "projection_quarantine"


def hint(db, collection: str, doc_id: str) -> None:
    """Tell the projector that a source row may have changed (idempotent; a small collection it polls)."""
    try:
        db[HINTS].insert_one({"_id": f"{collection}|{doc_id}", "coll": collection, "doc": doc_id,
                              "at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        pass

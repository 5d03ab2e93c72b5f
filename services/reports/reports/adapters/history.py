"""What the platform knew when: every source row the reports worker stored, with the moment it stored it.

The projections keep the latest version of each record (a rebuild keeps nothing else), so they cannot say how
a figure stood last week. This history can, and it is what the "as of" figures are built from
(:mod:`reports.domain.asof`): for each row the handlers make (:data:`reports.handlers.HANDLERS` — a school's
values at one revision, a round opening, a directory record, a plan decision, a catalogue version) the worker
also *inserts* ``{_id: <collection>|<row id>, at, event_time, coll, row}`` into ``history_<province>`` of the
base database (:mod:`reports.adapters.basedb`), after the handler succeeded:

- insert-only with a unique ``_id``: a re-delivered event keeps its first ``at`` (duplicates change nothing),
  and nothing is ever rewritten, so a moment's figures never change once that moment is
  :data:`SETTLE` seconds past — which is what makes an issued report reproducible;
- ``at`` is *transaction time* (when the reports service knew it), not the event's own time: an event that
  arrives late changes the figures from its arrival on, never the past an issued report was built from;
  ``event_time`` is kept beside it;
- one collection per province: an "as of" query loads only its province's history (a city's rows, not a
  nation's), by ``_id`` order, without filters;
- a rebuild into a new generation leaves it alone (base database).

A school moved to another province in the directory is seen by each province through the rows of that
province (its new directory record goes to the new province's history only): its old province keeps it
until the end. ``python -m reports.adapters.history backfill`` seeds the history of an installation that ran before
it existed from the source rows the projections hold, at the time each was recorded (their
``recorded_at``); older revisions a rebuild dropped are not recoverable from the projections.
"""
from __future__ import annotations

import copy
import logging
import sys
from datetime import datetime, timezone
from typing import Callable

from mongoengine.connection import get_db
from pymongo.errors import BulkWriteError, DuplicateKeyError

from edu71.contracts import Event
from reports.adapters.basedb import BASE_ALIAS
from edu71.store import blob
from reports.adapters.projection import unpack
from reports.domain.asof import Entry
from reports.domain.versions import parse_time
from reports.handlers import Row

log = logging.getLogger(__name__)

PREFIX = "history_"
#: How long after a moment every row recorded up to it is surely stored (a handler's clock read and its
#: insert; the worker's and the API's clocks): figures "as of" a moment younger than this are not final yet.
SETTLE = 5.0


def collection(province: str) -> str:
    return f"{PREFIX}{province}"


def record(event: Event, rows: list[Row]) -> int:
    """Insert the history entries of ``event`` (``rows``: what :data:`reports.handlers.HANDLERS` made of it);
    how many were new."""
    db, now, new = get_db(BASE_ALIAS), datetime.now(timezone.utc), 0
    for source, doc_id, row in rows:
        try:
            db[collection(row["province_code"])].insert_one(
                {"_id": f"{source.collection}|{doc_id}", "at": now, "event_time": parse_time(event.time),
                 "coll": source.collection, "row": blob.encode(row)})
            new += 1
        except DuplicateKeyError:
            pass
    return new


def load(province: str) -> list[Entry]:
    """Every history entry of ``province``, in the order they were recorded."""
    docs = get_db(BASE_ALIAS)[collection(province)].find()
    entries = [Entry(d["at"] if d["at"].tzinfo else d["at"].replace(tzinfo=timezone.utc), d["_id"], d["coll"],
                     blob.decode(d["row"])) for d in docs]
    entries.sort(key=lambda e: (e.at, e.key))
    return entries


class InMemoryHistory:
    """The history in dicts, for use-case tests: :func:`record` and :func:`load` with the same answers
    (tests/integration/test_repositories.py); ``now`` is the moment each row is recorded at."""

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.now = now
        #: province → ``<collection>|<row id>`` → the entry.
        self.entries: dict[str, dict[str, Entry]] = {}

    def record(self, event: Event, rows: list[Row]) -> int:
        now, new = self.now(), 0
        for source, doc_id, row in rows:
            kept = self.entries.setdefault(row["province_code"], {})
            key = f"{source.collection}|{doc_id}"
            if key not in kept:
                kept[key] = Entry(now, key, source.collection, copy.deepcopy(row))
                new += 1
        return new

    def load(self, province: str) -> list[Entry]:
        return sorted(self.entries.get(province, {}).values(), key=lambda e: (e.at, e.key))


def backfill(projections, source_collections) -> int:
    """Seed the history from the projections' source rows (``projections``: the active generation's database),
    each at its ``recorded_at``; rows already in the history are kept as they are. Returns how many were added."""
    base, added = get_db(BASE_ALIAS), 0
    for name in source_collections:
        batch: dict[str, list[dict]] = {}
        for doc in projections[name].find():
            row = {k: v for k, v in unpack(name, doc).items() if k not in ("_id", "recorded_at")}
            at = doc.get("recorded_at") or datetime.now(timezone.utc)
            batch.setdefault(row["province_code"], []).append(
                {"_id": f"{name}|{doc['_id']}", "at": at, "event_time": at, "coll": name, "row": blob.encode(row)})
        for province, docs in batch.items():
            for i in range(0, len(docs), 500):
                try:
                    added += len(base[collection(province)].insert_many(docs[i:i + 500], ordered=False).inserted_ids)
                except BulkWriteError as exc:
                    if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                        raise
                    added += exc.details["nInserted"]
    return added


def main(argv: list[str]) -> int:
    from edu71 import db
    from reports import config
    from reports.adapters import basedb, generations
    from reports.domain.model import SOURCES

    if argv[:1] != ["backfill"]:
        print("dùng: python -m reports.adapters.history backfill", file=sys.stderr)
        return 2
    settings = config.load()
    db.connect(settings.platform)
    basedb.connect(settings.platform)
    client = get_db(settings.platform.service).client
    active = generations.db_name(settings.platform.mongodb_db,
                                 generations.active(client, settings.platform.mongodb_db))
    added = backfill(client[active], SOURCES)
    print(f"Đã bổ sung {added} bản ghi vào lịch sử số liệu.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

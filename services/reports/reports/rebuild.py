"""Rebuild the projections from the beginning of the topics, then switch to them without stopping the API.

    python -m reports.rebuild [--validate] [--no-activate] [--keep-old]
    python -m reports.rebuild --rollback

1. Takes a new generation N (database ``<REPORTS_MONGODB_DB>_g<N>``, consumer
   group ``<REPORTS_CONSUMER_GROUP>-g<N>``).
2. Reads every partition of the topics the reports worker consumes from the
   beginning until it has caught up with their ends, keeping in memory only
   the latest version of each source record and each school's first submission
   in a round (:class:`reports.domain.model.Model` — duplicates, replays and
   stale revisions fall out as they do live).
3. Writes the source rows in bulk while it computes and writes every view and
   the city figures (without publishing RollupUpdated: re-deriving a figure is
   not a change of it).
4. Commits the read positions for the new group, so the worker continues
   exactly where the rebuild stopped, and activates the generation.

The API switches to the new generation within ``REPORTS_GENERATION_CHECK_SECONDS``;
the running worker notices it, stops, and is started again by its supervisor
on the new generation.

5. Drops the generations older than the one just replaced: the previous
   generation stays, for a rollback (``--keep-old`` drops nothing).

``--rollback`` makes the previous generation active again (its worker resumes
from its own consumer group's positions and catches up with what happened
since); the generation rolled back from stays until the next rebuild.

Events are decoded and routed by type through the worker's own table
(:data:`reports.handlers.HANDLERS`); ``--validate`` also checks each one
against its JSON Schema (as the live consumer does), which is much slower.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata
from mongoengine.connection import get_db
from pymongo import MongoClient
from pymongo.errors import BulkWriteError

from edu71 import db, logs
from edu71.contracts import ContractViolation, Contracts, Event, type_name
from reports import config
from reports.adapters import generations
from reports.adapters.documents import ALIAS
from reports.adapters.projection import pack
from reports.adapters.projector import Projector
from reports.domain.model import SCHOOL_VALUES, SOURCES, Model
from reports.handlers import HANDLERS, Row

log = logging.getLogger(__name__)


@dataclass
class RebuildReport:
    generation: int
    database: str
    events: int
    skipped: int
    read_seconds: float
    write_seconds: float
    rows: int
    views: int
    #: Storing the source rows, while the views are computed and stored (both within write_seconds).
    rows_seconds: float = 0.0
    #: Older generations dropped after the switch.
    pruned: list[int] = dataclasses.field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.write_seconds

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def read_log(consumer: KafkaConsumer, partitions: list[TopicPartition], contracts: Contracts | None,
             model: Model) -> tuple[int, int]:
    """Apply every record from the beginning to the current ends into ``model``; (applied, skipped)."""
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    applied = skipped = 0
    while True:
        ends = consumer.end_offsets(partitions)
        if all(consumer.position(tp) >= ends[tp] for tp in partitions):
            return applied, skipped
        for records in consumer.poll(timeout_ms=500).values():
            for record in records:
                try:
                    envelope = json.loads(record.value)
                    if contracts is not None:
                        contracts.validate(envelope)
                    rows = rows_of(envelope)
                except (ValueError, KeyError, TypeError, ContractViolation) as exc:
                    # The live consumer dead-letters these; the rebuild skips them the same way.
                    log.warning("rebuild: skipping %s/%d@%d: %s", record.topic, record.partition, record.offset, exc)
                    skipped += 1
                    continue
                if rows is None:
                    continue  # an event the reports service does not consume
                for source, doc_id, row in rows:
                    model.apply(source.collection, {"_id": doc_id, **row})
                applied += 1


def rows_of(envelope: dict) -> list[Row] | None:
    """The source rows of one decoded record, as the worker's handler of its type makes them (None for an event the
    reports service does not consume)."""
    handler = HANDLERS.get(type_name(envelope["type"]))
    if handler is None:
        return None
    return handler(Event(id=envelope["id"], type=envelope["type"], source=envelope.get("source", ""),
                         subject=envelope.get("subject", ""), time=envelope["time"], data=envelope["data"],
                         dataschema=envelope.get("dataschema", "")))


def write_rows(model: Model, batch: int = 2000) -> int:
    """Store the latest version of every source record, and each school's first submission in a round
    (it says whether the school was late), so the worker that takes over loads the same model."""
    written = 0
    for collection in SOURCES:
        rows = list(model.rows[collection].values())
        if collection == SCHOOL_VALUES.collection:
            rows += model.first_rows()
        rows = [pack(collection, row) for row in rows]
        for i in range(0, len(rows), batch):
            try:
                get_db(ALIAS)[collection].insert_many(rows[i:i + batch], ordered=False)
            except BulkWriteError as exc:
                # A row already there is the same immutable version (its _id says which): fine.
                if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                    raise
        written += len(rows)
    return written


def timed(f, *args):
    started = time.perf_counter()
    return f(*args), time.perf_counter() - started


def rollback(settings: config.Settings) -> int:
    """Make the generation active before the current one active again; return it."""
    client = MongoClient(settings.platform.mongodb_uri, serverSelectionTimeoutMS=10000)
    try:
        base = settings.platform.mongodb_db
        target = generations.previous(client, base)
        if target is None or target not in generations.generations_stored(client, base):
            raise SystemExit("Không có thế hệ trước để quay lại (no previous generation is stored).")
        generations.activate(client, base, target, rollback=True)
        log.info("rollback: generation %d is active again", target)
        return target
    finally:
        client.close()


def rebuild(settings: config.Settings, *, validate: bool = False, activate: bool = True,
            prune: bool = True) -> RebuildReport:
    client = MongoClient(settings.platform.mongodb_uri, serverSelectionTimeoutMS=10000)
    base = settings.platform.mongodb_db
    generation = generations.next_generation(client, base)
    platform = dataclasses.replace(settings.platform, mongodb_db=generations.db_name(base, generation))
    db.connect(platform)
    contracts = Contracts(platform.contracts_dir)
    topics = sorted({contracts.topic_for(name) for name in HANDLERS})
    consumer = KafkaConsumer(
        bootstrap_servers=platform.kafka.bootstrap_servers.split(","),
        client_id=f"{platform.kafka.client_id}-rebuild",
        group_id=generations.consumer_group(settings.platform.consumer_group, generation),
        enable_auto_commit=False, max_poll_records=10_000,
        fetch_max_bytes=64 * 1024 * 1024, max_partition_fetch_bytes=16 * 1024 * 1024)
    try:
        partitions = [TopicPartition(topic, p) for topic in topics
                      for p in sorted(consumer.partitions_for_topic(topic) or ())]
        log.info("rebuild: generation %d into %s from %d partitions of %s", generation, platform.mongodb_db,
                 len(partitions), ", ".join(topics))
        started = time.perf_counter()
        model = Model()
        applied, skipped = read_log(consumer, partitions, contracts if validate else None, model)
        read_seconds = time.perf_counter() - started
        log.info("rebuild: read %d events in %.1fs", applied, read_seconds)

        started = time.perf_counter()
        # The store works on the source rows while this process computes the views (two cores, one each).
        with ThreadPoolExecutor(1, thread_name_prefix="rebuild-rows") as pool:
            rows_written = pool.submit(timed, write_rows, model)
            projector = Projector(contracts, publish=False)
            projector.load(model)
            views = projector.refresh(model.provinces())
            rows, rows_seconds = rows_written.result()
        consumer.commit({tp: OffsetAndMetadata(consumer.position(tp), "", -1) for tp in partitions})
        write_seconds = time.perf_counter() - started
    finally:
        consumer.close(autocommit=False)
    pruned: list[int] = []
    if activate:
        replaced = generations.active(client, base)
        generations.activate(client, base, generation, events=applied)
        if prune:
            pruned = generations.prune(client, base, keep={generation, replaced})
            log.info("rebuild: dropped generations %s (kept %d for a rollback)", pruned, replaced)
    client.close()
    report = RebuildReport(generation, platform.mongodb_db, applied, skipped, read_seconds, write_seconds, rows, views,
                           rows_seconds, pruned)
    log.info("rebuild: generation %d %s: %d events (%d skipped) in %.1fs (%.0f events/s), %d rows, %d views",
             generation, "active" if activate else "ready", applied, skipped, report.seconds,
             report.events_per_second, rows, views)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reports.rebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--validate", action="store_true", help="check every event against its JSON Schema")
    parser.add_argument("--no-activate", action="store_true", help="build the generation but do not switch to it")
    parser.add_argument("--keep-old", action="store_true",
                        help="after the switch keep every older generation (by default those older than the "
                             "previous one are dropped; the previous one stays for --rollback)")
    parser.add_argument("--rollback", action="store_true",
                        help="make the previous generation active again instead of rebuilding")
    args = parser.parse_args(argv)
    settings = config.load()
    logs.configure("reports", settings.platform.log_level)
    if args.rollback:
        print(json.dumps({"active": rollback(settings)}), file=sys.stdout)
        return
    report = rebuild(settings, validate=args.validate, activate=not args.no_activate, prune=not args.keep_old)
    print(json.dumps(dataclasses.asdict(report) | {"events_per_second": round(report.events_per_second)}),
          file=sys.stdout)


if __name__ == "__main__":
    main()

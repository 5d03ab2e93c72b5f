"""Rebuild the projections from the beginning of the topics, then switch to them without stopping the API.

    python -m reports.rebuild [--validate]

1. Takes a new generation N (database ``<REPORTS_MONGODB_DB>_g<N>``, consumer
   group ``<REPORTS_CONSUMER_GROUP>-g<N>``).
2. Reads every partition of the topics the reports worker consumes from the
   beginning until it has caught up with their ends, keeping in memory only
   the latest version of each source record (:class:`reports.domain.model.Model`
   — duplicates, replays and stale revisions fall out as they do live).
3. Writes the source rows in bulk, computes every view and the city figures
   (without publishing RollupUpdated: re-deriving a figure is not a change of it).
4. Commits the read positions for the new group, so the worker continues
   exactly where the rebuild stopped, and activates the generation.

The API switches to the new generation within ``REPORTS_GENERATION_CHECK_SECONDS``;
the running worker notices it, stops, and is started again by its supervisor
on the new generation. The old database stays until removed by hand.

Events are decoded and routed by type; ``--validate`` also checks each one
against its JSON Schema (as the live consumer does), which is much slower.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import time
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata
from mongoengine.connection import get_db
from pymongo import MongoClient
from pymongo.errors import BulkWriteError

from edu71 import db, logs
from edu71.contracts import ContractViolation, Contracts, type_name
from reports import config
from reports.adapters import generations
from reports.adapters.documents import ALIAS
from reports.adapters.projector import Projector
from reports.domain.model import SOURCES, Model
from reports.handlers import HANDLERS, ROWS

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
    #: Of write_seconds: storing the source rows (the rest: computing and storing the views).
    rows_seconds: float = 0.0

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
                    rows = ROWS.get(type_name(envelope["type"]))
                except (ValueError, KeyError, TypeError, ContractViolation) as exc:
                    # The live consumer dead-letters these; the rebuild skips them the same way.
                    log.warning("rebuild: skipping %s/%d@%d: %s", record.topic, record.partition, record.offset, exc)
                    skipped += 1
                    continue
                if rows is None:
                    continue  # an event the reports service does not consume
                for source, doc_id, row in rows(envelope):
                    model.apply(source.collection, {"_id": doc_id, **row})
                applied += 1


def write_rows(model: Model, batch: int = 2000) -> int:
    written = 0
    for collection in SOURCES:
        rows = list(model.rows[collection].values())
        for i in range(0, len(rows), batch):
            try:
                get_db(ALIAS)[collection].insert_many(rows[i:i + batch], ordered=False)
            except BulkWriteError as exc:
                # A row already there is the same immutable version (its _id says which): fine.
                if any(err["code"] != 11000 for err in exc.details["writeErrors"]):
                    raise
        written += len(rows)
    return written


def rebuild(settings: config.Settings, *, validate: bool = False, activate: bool = True) -> RebuildReport:
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
        group_id=generations.consumer_group(settings.consumer_group, generation),
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
        rows = write_rows(model)
        rows_seconds = time.perf_counter() - started
        projector = Projector(contracts, publish=False)
        projector.load(model)
        views = projector.refresh(model.provinces())
        consumer.commit({tp: OffsetAndMetadata(consumer.position(tp), "", -1) for tp in partitions})
        write_seconds = time.perf_counter() - started
    finally:
        consumer.close(autocommit=False)
    if activate:
        generations.activate(client, base, generation, events=applied)
    client.close()
    report = RebuildReport(generation, platform.mongodb_db, applied, skipped, read_seconds, write_seconds, rows, views,
                           rows_seconds)
    log.info("rebuild: generation %d %s: %d events (%d skipped) in %.1fs (%.0f events/s), %d rows, %d views",
             generation, "active" if activate else "ready", applied, skipped, report.seconds,
             report.events_per_second, rows, views)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reports.rebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--validate", action="store_true", help="check every event against its JSON Schema")
    parser.add_argument("--no-activate", action="store_true", help="build the generation but do not switch to it")
    args = parser.parse_args(argv)
    settings = config.load()
    logs.configure("reports", settings.platform.log_level)
    report = rebuild(settings, validate=args.validate, activate=not args.no_activate)
    print(json.dumps(dataclasses.asdict(report) | {"events_per_second": round(report.events_per_second)}),
          file=sys.stdout)


if __name__ == "__main__":
    main()
